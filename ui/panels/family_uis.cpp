// The registry of families' UIs. Adding a family's panels is one line here.
#include "ui/panels/family_ui.hpp"
#include "ui/panels/mach/mach_ui.hpp"
#include "ui/panels/rules/rules_ui.hpp"
#include "ui/panels/spiking/spiking_ui.hpp"
#include "ui/panels/stepnet/stepnet_ui.hpp"

#include <array>

namespace phasor::ui {

std::span<const FamilyUi* const> family_uis() {
    static const std::array<const FamilyUi*, 4> registered{
        &stepnet_ui(),
        &mach_ui(),
        &spiking_ui(),
        &rules_ui(),
    };
    return registered;
}

const FamilyUi* find_family_ui(std::string_view family) {
    for (const FamilyUi* ui : family_uis())
        if (ui->family == family) return ui;
    return nullptr;
}

const Arrangement* suited_arrangement(const FamilyUi& ui, const Snapshot& snapshot) {
    for (const Arrangement& a : ui.layouts)
        if (a.suits == nullptr || a.suits(snapshot)) return &a;
    return nullptr;
}

} // namespace phasor::ui
