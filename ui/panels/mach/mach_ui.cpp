// The decoupled components' FamilyUi (mach_ui.hpp).
#include "ui/panels/mach/mach_ui.hpp"

#include "ui/panels/mach/component_accuracy_panel.hpp"
#include "ui/panels/mach/component_controls.hpp"
#include "ui/panels/mach/components_panel.hpp"
#include "ui/panels/mach/delays_panel.hpp"
#include "ui/panels/mach/message_timeline_panel.hpp"
#include "ui/panels/mach/synthetic_signals_panel.hpp"

#include <array>

namespace phasor::ui {

namespace {

// Controls down the left; the graph, tall, beside them with the timeline under it (both read per
// component); the curves in a 2 x 2 block on the right.
constexpr std::array<PanelPlace, 7> kLayout{{
    {"Controls", 0.00f, 0.00f, 0.22f, 1.00f},
    {"Components", 0.22f, 0.00f, 0.34f, 0.62f},
    {"Message timeline", 0.22f, 0.62f, 0.34f, 0.38f},
    {"Metrics", 0.56f, 0.00f, 0.22f, 0.50f},
    {"Component accuracy", 0.78f, 0.00f, 0.22f, 0.50f},
    {"Synthetic signals", 0.56f, 0.50f, 0.22f, 0.50f},
    {"Delays", 0.78f, 0.50f, 0.22f, 0.50f},
}};

constexpr std::array<Arrangement, 1> kLayouts{{
    {"components", nullptr, kLayout},
}};

// The presenter stage: the live controls on the left (pause or kill a component, slow it down), one or two
// large pictures beside them.
constexpr std::array<PanelPlace, 3> kGraphStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Components", 0.26f, 0.0f, 0.40f, 1.0f},
    {"Component accuracy", 0.66f, 0.0f, 0.34f, 1.0f},
}};
constexpr std::array<PanelPlace, 3> kMessagesStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Components", 0.26f, 0.0f, 0.74f, 0.5f},
    {"Message timeline", 0.26f, 0.5f, 0.74f, 0.5f},
}};
constexpr std::array<PanelPlace, 4> kStalenessStage{{
    {"Controls", 0.00f, 0.0f, 0.26f, 1.0f},
    {"Synthetic signals", 0.26f, 0.0f, 0.40f, 1.0f},
    {"Delays", 0.66f, 0.0f, 0.34f, 0.5f},
    {"Component accuracy", 0.66f, 0.5f, 0.34f, 0.5f},
}};
constexpr std::array<StageView, 3> kStage{{
    {"Components", "The components, their speed and accuracy, and the queues between them", kGraphStage},
    {"Messages", "Spikes and Grads moving between the components (slow the run down)", kMessagesStage},
    {"Staleness", "How stale the gradients are and how good the synthetic stand-ins", kStalenessStage},
}};

std::vector<std::unique_ptr<Panel>> make_panels() {
    std::vector<std::unique_ptr<Panel>> panels;
    panels.push_back(std::make_unique<ComponentsPanel>());
    panels.push_back(std::make_unique<MessageTimelinePanel>());
    panels.push_back(std::make_unique<ComponentAccuracyPanel>());
    panels.push_back(std::make_unique<SyntheticSignalsPanel>());
    panels.push_back(std::make_unique<DelaysPanel>());
    return panels;
}

// The per-component lists drawn a line per component, so a class pauses or slows one with a click.
bool draw_param(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    if (row.key == kStateKey) return draw_component_states(row, context, fields);
    if (row.key == kSpeedKey) return draw_component_speeds(row, context, fields);
    return false;
}

} // namespace

const FamilyUi& mach_ui() {
    static const FamilyUi ui{
        .family = "mach",
        .make_panels = make_panels,
        .layouts = kLayouts,
        .stage = kStage,
        .draw_param = draw_param,
    };
    return ui;
}

} // namespace phasor::ui
