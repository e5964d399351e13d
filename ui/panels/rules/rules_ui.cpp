// The rule lab's FamilyUi (rules_ui.hpp).
#include "ui/panels/rules/rules_ui.hpp"

#include "ui/panels/rules/lens_panel.hpp"
#include "ui/panels/rules/race_curves_panel.hpp"
#include "ui/panels/rules/race_table_panel.hpp"
#include "ui/panels/rules/update_counts_panel.hpp"
#include "ui/panels/rules/update_raster_panel.hpp"
#include "ui/panels/rules/updates_accuracy_panel.hpp"

#include <array>

namespace phasor::ui {

namespace {

// Layer colours: vermilion, yellow, pink, green... and the first variant's sky blue last, so on a single
// run's screen (its one variant's curves beside the update raster and counts) a layer is never mistaken for
// the variant; the grey, which reads as a reference line, only for a seventh layer.
constexpr std::array<int, 8> kLayerPalette{5, 4, 3, 2, 6, 1, 7, 0};

bool racing(const Snapshot& s) {
    const auto* v = s.payload_as<RulesView>();
    return v != nullptr && v->variants.size() > 1;
}

// A race: the curves and why the rules differ (the lens) side by side, and the table of where each variant
// stands across the whole width under them, so its columns fit even at a projector's UI scale (a narrow
// table drops columns). Four panels, not five: at 1280×720 and scale 1.5 a fifth left every plot a sliver.
// What each update buys (accuracy per update) is in the single run's arrangement, and View opens it here.
constexpr std::array<PanelPlace, 4> kRace{{
    {"Controls", 0.00f, 0.00f, 0.20f, 1.00f},
    {"Race", 0.20f, 0.00f, 0.42f, 0.64f},
    {"Credit-assignment lens", 0.62f, 0.00f, 0.38f, 0.64f},
    {"Race table", 0.20f, 0.64f, 0.80f, 0.36f},
}};
// A single run (a race of one): its curves, when and where its updates happen, and what they buy.
constexpr std::array<PanelPlace, 6> kSingle{{
    {"Controls", 0.00f, 0.00f, 0.20f, 1.00f},
    {"Race", 0.20f, 0.00f, 0.40f, 0.50f},
    {"Update raster", 0.60f, 0.00f, 0.40f, 0.50f},
    {"Update counts", 0.20f, 0.50f, 0.32f, 0.50f},
    {"Accuracy vs updates", 0.52f, 0.50f, 0.24f, 0.50f},
    {"Metrics", 0.76f, 0.50f, 0.24f, 0.50f},
}};

constexpr std::array<Arrangement, 2> kLayouts{{
    {"race", racing, kRace},
    {"single run", nullptr, kSingle},
}};

constexpr std::array<PanelPlace, 3> kRaceStage{{
    {"Controls", 0.00f, 0.00f, 0.22f, 1.00f},
    {"Race", 0.22f, 0.00f, 0.78f, 0.62f},
    {"Race table", 0.22f, 0.62f, 0.78f, 0.38f},
}};
constexpr std::array<PanelPlace, 3> kUpdatesStage{{
    {"Controls", 0.00f, 0.00f, 0.22f, 1.00f},
    {"Update raster", 0.22f, 0.00f, 0.46f, 1.00f},
    {"Update counts", 0.68f, 0.00f, 0.32f, 1.00f},
}};
constexpr std::array<PanelPlace, 2> kLensStage{{
    {"Controls", 0.00f, 0.00f, 0.22f, 1.00f},
    {"Credit-assignment lens", 0.22f, 0.00f, 0.78f, 1.00f},
}};
constexpr std::array<StageView, 3> kStage{{
    {"Race", "Every variant learning from the same start on the same data, and where each stands",
     kRaceStage},
    {"Updates", "Which connections a rule changes, when: sparse rules update in events", kUpdatesStage},
    {"Lens", "How far each rule's updates stray from the true gradient, layer by layer", kLensStage},
}};

std::vector<std::unique_ptr<Panel>> make_panels() {
    std::vector<std::unique_ptr<Panel>> panels;
    panels.push_back(make_race_curves_panel());
    panels.push_back(make_race_table_panel());
    panels.push_back(make_updates_accuracy_panel());
    panels.push_back(make_update_raster_panel());
    panels.push_back(make_update_counts_panel());
    panels.push_back(make_lens_panel());
    return panels;
}

bool draw_param(const ParamSpec&, PanelContext&, ParamFields&) {
    return false;
}

} // namespace

int layer_palette_index(std::size_t layer) {
    return kLayerPalette[layer % kLayerPalette.size()];
}

const FamilyUi& rules_ui() {
    static const FamilyUi ui{
        .family = "rules",
        .make_panels = make_panels,
        .layouts = kLayouts,
        .stage = kStage,
        .draw_param = draw_param,
    };
    return ui;
}

} // namespace phasor::ui
