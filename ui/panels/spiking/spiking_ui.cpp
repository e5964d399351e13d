// The spiking family's FamilyUi (spiking_ui.hpp).
#include "ui/panels/spiking/spiking_ui.hpp"

#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/spiking/environment_panel.hpp"
#include "ui/panels/spiking/membrane_panel.hpp"
#include "ui/panels/spiking/neurons_panel.hpp"
#include "ui/panels/spiking/phase_panel.hpp"
#include "ui/panels/spiking/polar_panel.hpp"
#include "ui/panels/spiking/raster_panel.hpp"
#include "ui/panels/spiking/rates_panel.hpp"
#include "ui/panels/spiking/weights_panel.hpp"

#include <array>

namespace phasor::ui {

namespace {

const SpikingView* view_of(const Snapshot& snapshot) {
    return snapshot.payload_as<SpikingView>();
}
bool rhythmic(const Snapshot& s) {
    const auto* v = view_of(s);
    return v && v->rhythmic;
}
bool rhythmic_on_track(const Snapshot& s) {
    const auto* v = view_of(s);
    return v && v->rhythmic && v->has_environment;
}
bool with_environment(const Snapshot& s) {
    const auto* v = view_of(s);
    return v && v->has_environment;
}
bool plastic(const Snapshot& s) {
    const auto* v = view_of(s);
    return v && v->plastic;
}

// Controls down the left in every arrangement; the raster always large, as what a class looks at first.
// A rhythmic circuit (precession, theta_gamma): phases and their histograms beside the raster, its track
// underneath when it has one.
constexpr std::array<PanelPlace, 7> kRhythm{{
    {"Controls", 0.00f, 0.00f, 0.20f, 1.00f},
    {"Spike raster", 0.20f, 0.00f, 0.45f, 0.40f},
    {"Spike phases", 0.20f, 0.40f, 0.45f, 0.35f},
    {"Membrane", 0.20f, 0.75f, 0.45f, 0.25f},
    {"Phase histogram", 0.65f, 0.00f, 0.35f, 0.40f},
    {"Neurons in space", 0.65f, 0.40f, 0.35f, 0.35f},
    {"Environment", 0.65f, 0.75f, 0.35f, 0.25f},
}};
// A rhythmic circuit with no environment (theta_gamma): the phases' roses and the neurons share the right.
constexpr std::array<PanelPlace, 6> kRhythmOnly{{
    {"Controls", 0.00f, 0.00f, 0.20f, 1.00f},
    {"Spike raster", 0.20f, 0.00f, 0.45f, 0.40f},
    {"Spike phases", 0.20f, 0.40f, 0.45f, 0.35f},
    {"Membrane", 0.20f, 0.75f, 0.45f, 0.25f},
    {"Phase histogram", 0.65f, 0.00f, 0.35f, 0.55f},
    {"Neurons in space", 0.65f, 0.55f, 0.35f, 0.45f},
}};
// An agent in a task: the task large, what the network does under it, how its weights move beside.
constexpr std::array<PanelPlace, 6> kEnvironment{{
    {"Controls", 0.00f, 0.00f, 0.20f, 1.00f},
    {"Environment", 0.20f, 0.00f, 0.40f, 0.50f},
    {"Spike raster", 0.20f, 0.50f, 0.40f, 0.50f},
    {"Weights", 0.60f, 0.00f, 0.40f, 0.50f},
    {"Population rates", 0.60f, 0.50f, 0.20f, 0.50f},
    {"Neurons in space", 0.80f, 0.50f, 0.20f, 0.50f},
}};
// STDP without a task: the weights and what drives them.
constexpr std::array<PanelPlace, 5> kPlastic{{
    {"Controls", 0.00f, 0.00f, 0.20f, 1.00f},
    {"Weights", 0.20f, 0.00f, 0.40f, 0.60f},
    {"Spike raster", 0.60f, 0.00f, 0.40f, 0.60f},
    {"Population rates", 0.20f, 0.60f, 0.40f, 0.40f},
    {"Membrane", 0.60f, 0.60f, 0.40f, 0.40f},
}};
// Any circuit (cuba, coba, local100k): the raster and the network in space, rates and a neuron under them.
constexpr std::array<PanelPlace, 6> kEveryRun{{
    {"Controls", 0.00f, 0.00f, 0.20f, 1.00f},
    {"Spike raster", 0.20f, 0.00f, 0.50f, 0.60f},
    {"Neurons in space", 0.70f, 0.00f, 0.30f, 0.60f},
    {"Population rates", 0.20f, 0.60f, 0.30f, 0.40f},
    {"Membrane", 0.50f, 0.60f, 0.25f, 0.40f},
    {"Metrics", 0.75f, 0.60f, 0.25f, 0.40f},
}};

constexpr std::array<Arrangement, 5> kLayouts{{
    {"rhythm", rhythmic_on_track, kRhythm},
    {"rhythm only", rhythmic, kRhythmOnly},
    {"environment", with_environment, kEnvironment},
    {"plastic", plastic, kPlastic},
    {"network", nullptr, kEveryRun},
}};

constexpr std::array<PanelPlace, 3> kNetworkStage{{
    {"Controls", 0.00f, 0.0f, 0.24f, 1.0f},
    {"Spike raster", 0.24f, 0.0f, 0.46f, 1.0f},
    {"Neurons in space", 0.70f, 0.0f, 0.30f, 1.0f},
}};
constexpr std::array<PanelPlace, 3> kPhaseStage{{
    {"Controls", 0.00f, 0.0f, 0.24f, 1.0f},
    {"Spike phases", 0.24f, 0.0f, 0.46f, 1.0f},
    {"Phase histogram", 0.70f, 0.0f, 0.30f, 1.0f},
}};
constexpr std::array<PanelPlace, 3> kLearningStage{{
    {"Controls", 0.00f, 0.0f, 0.24f, 1.0f},
    {"Weights", 0.24f, 0.0f, 0.46f, 1.0f},
    {"Population rates", 0.70f, 0.0f, 0.30f, 1.0f},
}};
constexpr std::array<PanelPlace, 3> kTaskStage{{
    {"Controls", 0.00f, 0.0f, 0.24f, 1.0f},
    {"Environment", 0.24f, 0.0f, 0.46f, 1.0f},
    {"Spike raster", 0.70f, 0.0f, 0.30f, 1.0f},
}};
constexpr std::array<StageView, 4> kStage{{
    {"Network", "Every neuron's spikes, and the network in space lighting up as it fires", kNetworkStage},
    {"Phases", "When in the theta cycle each population fires, and how tightly", kPhaseStage},
    {"Learning", "The learning synapses' weights moving under STDP", kLearningStage},
    {"Task", "The agent, its choice and its reward, beside the spikes that made it", kTaskStage},
}};

std::vector<std::unique_ptr<Panel>> make_panels() {
    std::vector<std::unique_ptr<Panel>> panels;
    panels.push_back(std::make_unique<RasterPanel>());
    panels.push_back(std::make_unique<PhasePanel>());
    panels.push_back(std::make_unique<PolarPanel>());
    panels.push_back(std::make_unique<MembranePanel>());
    panels.push_back(std::make_unique<NeuronsPanel>());
    panels.push_back(std::make_unique<WeightsPanel>());
    panels.push_back(std::make_unique<RatesPanel>());
    panels.push_back(std::make_unique<EnvironmentPanel>());
    return panels;
}

bool draw_param(const ParamSpec&, PanelContext&, ParamFields&) {
    return false;
}

} // namespace

const FamilyUi& spiking_ui() {
    static const FamilyUi ui{
        .family = "spiking",
        .make_panels = make_panels,
        .layouts = kLayouts,
        .stage = kStage,
        .draw_param = draw_param,
    };
    return ui;
}

} // namespace phasor::ui
