// The spiking family's description: every parameter once, its channels and headline metrics.
#include "engine/spiking/spiking_family.hpp"

#include "engine/core/error.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace phasor {

namespace {

float real(const ParamValue& v) {
    return std::get<float>(v);
}
int integer(const ParamValue& v) {
    return static_cast<int>(std::get<std::int64_t>(v));
}

constexpr std::array<LiveSetting, 11> kLive{{
    {"neurons.threshold_shift",
     [](SpikingSettings& s, const ParamValue& v) { s.threshold_shift = real(v) * 1e-3f; }},
    {"input.rate", [](SpikingSettings& s, const ParamValue& v) { s.input_rate = real(v); }},
    {"rhythm.theta_hz", [](SpikingSettings& s, const ParamValue& v) { s.theta_hz = real(v); }},
    {"rhythm.gamma_per_theta",
     [](SpikingSettings& s, const ParamValue& v) { s.gamma_per_theta = integer(v); }},
    {"stdp.rate", [](SpikingSettings& s, const ParamValue& v) { s.stdp_rate = real(v); }},
    {"stdp.depression", [](SpikingSettings& s, const ParamValue& v) { s.stdp_depression = real(v); }},
    {"stdp.bound", [](SpikingSettings& s, const ParamValue& v) { s.stdp_bound = real(v); }},
    {"stdp.rule",
     [](SpikingSettings& s, const ParamValue& v) {
         s.stdp_multiplicative = std::get<std::string>(v) == "multiplicative";
     }},
    {"stdp.period", [](SpikingSettings& s, const ParamValue& v) { s.stdp_period = integer(v); }},
    {"reward.lr", [](SpikingSettings& s, const ParamValue& v) { s.reward_lr = real(v); }},
    {"readout.window", [](SpikingSettings& s, const ParamValue& v) { s.readout_window = integer(v); }},
}};

// The circuits that read `key`: where the table shows its row.
std::vector<std::string_view> readers(std::string_view key) {
    std::vector<std::string_view> names;
    for (const CircuitEntry& c : circuits())
        if (std::find(c.reads.begin(), c.reads.end(), key) != c.reads.end()) names.push_back(c.name);
    return names;
}

ParamTable make_table() {
    const SpikingSettings d;
    // One simulated second at dt = 0.1 ms.
    std::vector<ParamSpec> rows = common_params(10000);
    auto add = [&](ParamSpec row) { rows.push_back(std::move(row)); };
    auto live = [&](ParamSpec row) {
        row.when_key = "circuit";
        row.when_values = readers(row.key);
        add(std::move(row));
    };
    constexpr std::string_view circuit = "Circuit", neurons = "Neurons", rhythm = "Rhythm",
                               plasticity = "Plasticity", readout = "Readout", view = "View",
                               advanced = "Advanced";
    std::vector<std::string_view> names, sized;
    for (const CircuitEntry& c : circuits()) {
        names.push_back(c.name);
        if (c.sized) sized.push_back(c.name);
    }
    add({.key = "circuit",
         .type = ParamType::Choice,
         .default_value = std::string("cuba"),
         .label = "Circuit",
         .help =
             "The scenario: cuba and coba are the Vogels-Abbott benchmarks, stdp_song and stdp_large learn "
             "by STDP, local is a large net with local 3D synapses, precession and theta_gamma show phase "
             "coding, bandit and target are environments an agent learns in",
         .apply = ParamApply::Rebuild,
         .choices = names,
         .group = circuit});
    add({.key = "network.neurons",
         .type = ParamType::Integer,
         .default_value = std::monostate{},
         .label = "Neurons",
         .help = "How many neurons the circuit has",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1000, .hi = 2e6}, // ~100 neighbours each need a few hundred in the cube
         .automatic = "the circuit's own size",
         .group = circuit,
         .when_key = "circuit",
         .when_values = sized});
    live({.key = "neurons.threshold_shift",
          .type = ParamType::Real,
          .default_value = 0.f,
          .label = "Threshold shift",
          .help = "Added to every neuron's firing threshold (the circuit's reference threshold at 0)",
          .range = {.lo = -20, .hi = 20},
          .unit = "mV",
          .group = neurons});
    live({.key = "input.rate",
          .type = ParamType::Real,
          .default_value = d.input_rate,
          .label = "Input rate",
          .help = "The Poisson inputs' rate (the peak rate of inputs that vary)",
          .range = {.lo = 0, .hi = 1000},
          .unit = "Hz",
          .group = neurons});
    live({.key = "rhythm.theta_hz",
          .type = ParamType::Real,
          .default_value = d.theta_hz,
          .label = "Theta",
          .help = "The theta rhythm's frequency",
          .range = {.lo = 4, .hi = 12},
          .unit = "Hz",
          .group = rhythm});
    live({.key = "rhythm.gamma_per_theta",
          .type = ParamType::Integer,
          .default_value = std::int64_t{d.gamma_per_theta},
          .label = "Gamma per theta",
          .help = "Gamma cycles nested in each theta cycle",
          .range = {.lo = 3, .hi = 10},
          .unit = "cycles",
          .group = rhythm});
    live(
        {.key = "stdp.rate",
         .type = ParamType::Real,
         .default_value = d.stdp_rate,
         .label = "STDP rate",
         .help = "A+: the weight step of a pre-before-post pair at Δt = 0, as a fraction of the weight bound",
         .range = {.lo = 0, .hi = 1},
         .group = plasticity});
    live({.key = "stdp.depression",
          .type = ParamType::Real,
          .default_value = d.stdp_depression,
          .label = "Depression ratio",
          .help = "|A−| / A+: how much stronger depression is than potentiation",
          .range = {.lo = 0, .hi = 10},
          .group = plasticity});
    live({.key = "stdp.bound",
          .type = ParamType::Real,
          .default_value = d.stdp_bound,
          .label = "Weight bound",
          .help =
              "The most a plastic weight can reach, as a multiple of the circuit's reference bound (Song's "
              "gmax); lowering it clips every weight at once",
          .range = {.lo = 0, .hi = 10, .lo_open = true},
          .unit = "x",
          .group = plasticity});
    live(
        {.key = "stdp.rule",
         .type = ParamType::Choice,
         .default_value = std::string("additive"),
         .label = "STDP rule",
         .help =
             "additive: steps of a fixed size, clipped at the bounds; multiplicative: potentiation scaled by "
             "the room left to the bound, depression by the weight",
         .choices = {"additive", "multiplicative"},
         .group = plasticity});
    live({.key = "stdp.period",
          .type = ParamType::Integer,
          .default_value = std::int64_t{d.stdp_period},
          .label = "Apply every",
          .help = "N: each neuron applies its pending weight changes every N cycles (1: at once)",
          .range = {.lo = 1, .hi = 100000},
          .unit = "cycles",
          .group = plasticity});
    live({.key = "reward.lr",
          .type = ParamType::Real,
          .default_value = d.reward_lr,
          .label = "Reward learning rate",
          .help = "Reward-modulated STDP: weight change per unit of reward times eligibility",
          .range = {.lo = 0, .hi = 100},
          .group = plasticity});
    live({.key = "readout.window",
          .type = ParamType::Integer,
          .default_value = std::int64_t{d.readout_window},
          .label = "Readout window",
          .help = "C: the cycles of output spikes the readout weighs into an action",
          .range = {.lo = 1, .hi = 100000},
          .unit = "cycles",
          .group = readout});
    add({.key = "view.follow",
         .type = ParamType::IntegerList,
         .default_value = std::monostate{},
         .label = "Followed neurons",
         .help =
             "Neurons whose membrane and spikes the panels trace (at most 16); the first is picked in the 3D "
             "view with its synapses",
         .range = {.lo = 0},
         .automatic = "the circuit's first neuron that integrates (not an input)",
         .group = view});
    add({.key = "view.sample_every",
         .type = ParamType::Integer,
         .default_value = std::int64_t{1000},
         .label = "Sample every",
         .help = "Cycles between two samples of the time series (rates, weights)",
         .range = {.lo = 1, .hi = 1e9},
         .unit = "cycles",
         .group = advanced});
    for (ParamSpec& row : rows)
        if (row.key == "seed") row.group = advanced;
    return ParamTable(std::move(rows));
}

constexpr std::array<Quantity, 4> kChannels{{
    {"rate_hz", "Rate", "Hz", Axis::Linear, true},
    {"fraction_active", "Neurons that fired", "", Axis::Fraction, true},
    {"weight_mean", "Mean weight", "", Axis::Linear, false},
    {"reward_rate", "Reward rate", "", Axis::Linear, false},
}};

constexpr std::array<Quantity, 4> kHeadline{{
    {"rate_hz", "rate", "Hz", Axis::Linear, true},
    {"simulated_seconds", "simulated", "s", Axis::Linear, true},
    {"fraction_active", "active", "%", Axis::Linear, true},
    {"spikes", "spikes", "", Axis::Linear, true},
}};

constexpr std::array<ControlGroup, 7> kGroups{{
    {"Neurons", false, false},
    {"Rhythm", false, false},
    {"Plasticity", false, false},
    {"Readout", false, false},
    {"View", false, false},
    {"Circuit", true, false},
    {"Advanced", true, true},
}};

void check(const ParamSet& params) {
    const CircuitEntry& entry = *find_circuit(params.text("circuit"));
    if (!entry.sized && !std::holds_alternative<std::monostate>(params.value("network.neurons")))
        throw InputError(fmt::format("network.neurons: the {} circuit has a fixed size", entry.name));
    // A setting the circuit does not read would be accepted and ignored: refuse one that is not the default.
    for (const LiveSetting& s : kLive) {
        if (std::find(entry.reads.begin(), entry.reads.end(), s.key) != entry.reads.end()) continue;
        const ParamSpec& row = *params.table().find(s.key);
        if (params.value(s.key) != row.default_value)
            throw InputError(fmt::format("{}: the {} circuit has no use for it", s.key, entry.name));
    }
}

std::unique_ptr<Model> build(const ParamSet& params) {
    return std::make_unique<SpikingModel>(spiking_config(params));
}

} // namespace

std::span<const LiveSetting> live_settings() {
    return kLive;
}

const LiveSetting* find_live_setting(std::string_view key) {
    for (const LiveSetting& s : kLive)
        if (s.key == key) return &s;
    return nullptr;
}

SpikingConfig spiking_config(const ParamSet& p) {
    SpikingConfig c;
    c.circuit = p.text("circuit");
    c.options.seed = static_cast<std::uint64_t>(p.integer("seed"));
    if (const auto* n = std::get_if<std::int64_t>(&p.value("network.neurons")))
        c.options.neurons = static_cast<std::uint32_t>(*n);
    for (const LiveSetting& s : kLive) s.write(c.settings, p.value(s.key));
    if (const auto* follow = std::get_if<std::vector<std::int64_t>>(&p.value("view.follow")))
        c.follow = *follow;
    c.series_every = static_cast<std::uint64_t>(p.integer("view.sample_every"));
    return c;
}

const Family& spiking_family() {
    static const ParamTable table = make_table();
    static const Family family{
        .name = "spiking",
        .title = "Spiking phase networks",
        .description = "Neurons in 3D with local synapses, STDP, theta/gamma phase coding and environments, "
                       "simulated a time step at a time.",
        .params = table,
        .channels = kChannels,
        .headline = kHeadline,
        .groups = kGroups,
        .check = check,
        .build = build,
        .parts_name = "populations",
    };
    return family;
}

} // namespace phasor
