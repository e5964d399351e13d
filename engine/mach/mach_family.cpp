// The decoupled-components family's description: every parameter once, its channels and headline metrics.
#include "engine/mach/mach_family.hpp"

#include "engine/core/error.hpp"
#include "engine/data/image_folder.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace phasor {

namespace {

ParamTable make_table() {
    const MachConfig d;
    // Ten epochs of the two-component sequence: 469 batches of 128 per epoch, for each of its components.
    std::vector<ParamSpec> rows = common_params(9380);
    auto add = [&](ParamSpec row) { rows.push_back(std::move(row)); };
    // "Each component" holds what a class changes live on one component (pause it, kill it, slow it), so it
    // stays on the presenter's stage; "Components" is the structure, which rebuilds the run.
    constexpr std::string_view components = "Components", each = "Each component", queues = "Queues",
                               training = "Training", data = "Data", advanced = "Advanced";
    add({.key = "topology",
         .type = ParamType::Choice,
         .default_value = std::string("sequence"),
         .label = "Topology",
         .help = "backprop: one network trained end to end (the baseline); single: one network (the teacher) "
                 "and a student distilled from it; sequence: a chain of components, the first reading the "
                 "images, the last (the head) giving the classes; kgraph: every component reads the images "
                 "and takes every other's output through its readout; dni: a chain trained on synthetic "
                 "gradients; ddg: a chain whose gradients come back K - 1 - k steps late (a pipeline)",
         .apply = ParamApply::Rebuild,
         .choices = {"backprop", "single", "sequence", "kgraph", "dni", "ddg"},
         .group = components});
    add({.key = "order",
         .type = ParamType::Choice,
         .default_value = std::string("free"),
         .label = "Stepping",
         .help = "free: each component on its own thread at its own pace; round_robin: one step of each in "
                 "turn on one thread, the same run every time (synchronous)",
         .apply = ParamApply::Rebuild,
         .choices = {"free", "round_robin"},
         .group = components});
    add({.key = "network.hidden",
         .type = ParamType::IntegerList,
         .default_value = std::vector<std::int64_t>(d.hidden.begin(), d.hidden.end()),
         .label = "Hidden layers",
         .help = "Each component's hidden layer widths",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 4096},
         .group = components});
    add({.key = "network.components",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.components},
         .label = "Components",
         .help = "How many components a chain has (the first reads the images, the last gives the classes), "
                 "or a k-graph",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 2, .hi = 16},
         .group = components,
         .when_key = "topology",
         .when_values = {"sequence", "kgraph", "dni", "ddg"}});
    add({.key = "network.embedding",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.embedding},
         .label = "Embedding",
         .help = "The width of what a child sends its parent",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 4096},
         .group = components,
         .when_key = "topology",
         .when_values = {"sequence", "kgraph", "dni", "ddg"}});
    add({.key = "dni.conditioned",
         .type = ParamType::Flag,
         .default_value = d.conditioned,
         .label = "Condition on the label",
         .help = "cDNI: each synthetic-gradient model sees the sample's label beside the activation",
         .apply = ParamApply::Rebuild,
         .group = components,
         .when_key = "topology",
         .when_values = {"dni"}});
    add({.key = "components.state",
         .type = ParamType::ChoiceList,
         .default_value = std::monostate{},
         .label = "State",
         .help = "Per component: run; pause (keeps its state, its queues fill); kill (its optimizer state, "
                 "stashed batches and incoming messages are lost; run again restarts it with the weights it "
                 "had)",
         .choices = {"run", "pause", "kill"},
         .automatic = "every component runs",
         .group = each});
    add({.key = "components.speed",
         .type = ParamType::IntegerList,
         .default_value = std::monostate{},
         .label = "Speed caps",
         .help = "Per component, the most steps it takes a second (0: no cap), so one can be made slower",
         .range = {.lo = 0, .hi = 100000},
         .unit = "steps/s",
         .automatic = "no component is capped",
         .group = each});
    add({.key = "train.lr",
         .type = ParamType::Real,
         .default_value = d.lr,
         .label = "Learning rate",
         .help = "Every component's step size",
         .range = {.lo = 0, .hi = 10, .lo_open = true},
         .group = training});
    add({.key = "train.optimizer",
         .type = ParamType::Choice,
         .default_value = d.optimizer.name,
         .label = "Optimizer",
         .help = "Each component's update rule: sgd or adamw (Adam when weight decay is 0)",
         .apply = ParamApply::Rebuild,
         .choices = optimizer_choices(),
         .group = training});
    add({.key = "train.batch",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.batch},
         .label = "Batch",
         .help = "Samples per step",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 4096},
         .unit = "samples",
         .group = training});
    add({.key = "synthetic.lr",
         .type = ParamType::Real,
         .default_value = d.synthetic_lr,
         .label = "Synthetic learning rate",
         .help = "The step size of the synthetic models (inputs, gradients, the student)",
         .range = {.lo = 0, .hi = 10, .lo_open = true},
         .group = training,
         .when_key = "topology",
         .when_values = {"single", "sequence", "kgraph", "dni", "ddg"}});
    add({.key = "synthetic.mix",
         .type = ParamType::Real,
         .default_value = d.synthetic_mix,
         .label = "Synthetic mix",
         .help = "The share of steps on which a component uses its synthetic inputs though a real one came",
         .range = {.lo = 0, .hi = 1},
         .group = training,
         .when_key = "topology",
         .when_values = {"sequence", "kgraph", "dni", "ddg"}});
    add({.key = "train.weight_stashing",
         .type = ParamType::Flag,
         .default_value = d.weight_stashing,
         .label = "Weight stashing",
         .help = "A delayed gradient is computed with the weights that produced its activation (PipeDream)",
         .apply = ParamApply::Rebuild,
         .group = training,
         .when_key = "topology",
         .when_values = {"sequence", "kgraph", "ddg"}});
    add({.key = "train.stale_shrink",
         .type = ParamType::Real,
         .default_value = d.stale_shrink,
         .label = "Stale shrink",
         .help = "A gradient whose weights have changed n times since its activation takes a step 1 / (1 + "
                 "shrink · n) as large",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 0, .hi = 100},
         .group = training,
         .when_key = "topology",
         .when_values = {"sequence", "kgraph", "ddg"}});
    add({.key = "queue.capacity",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.queue_capacity},
         .label = "Queue capacity",
         .help = "Messages each edge holds before its policy applies",
         .range = {.lo = 1, .hi = 64},
         .unit = "messages",
         .group = queues,
         .when_key = "topology",
         .when_values = {"sequence", "kgraph", "dni", "ddg"}});
    add({.key = "queue.policy",
         .type = ParamType::Choice,
         .default_value = std::string("drop_oldest"),
         .label = "When full",
         .help =
             "drop_oldest: the oldest message goes; merge: averaged into the newest; block: the sender of "
             "activations waits for room (gradients then drop their oldest: never both waiting)",
         .choices = {"drop_oldest", "merge", "block"},
         .group = queues,
         .when_key = "topology",
         .when_values = {"sequence", "kgraph", "dni", "ddg"}});
    add({.key = "data.dir",
         .type = ParamType::Text,
         .default_value = std::string(kFashionMnistDir),
         .label = "Data folder",
         .help = "A folder of the four MNIST-style IDX files (Fashion-MNIST from Debian's "
                 "dataset-fashion-mnist by default)",
         .apply = ParamApply::Rebuild,
         .group = data});
    add({.key = "train.series_every",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.series_every},
         .label = "Sample every",
         .help = "Ticks between two samples of the time series (each scores 1,000 test images)",
         .range = {.lo = 1, .hi = 1e9},
         .unit = "ticks",
         .group = advanced});
    for (ParamSpec& row : rows)
        if (row.key == "seed") row.group = advanced;
    return ParamTable(std::move(rows));
}

constexpr std::array<Quantity, 4> kChannels{{
    {"loss", "Loss", "", Axis::Log, true},
    {"test_accuracy", "Test accuracy", "", Axis::Fraction, true},
    {"test_accuracy_synthetic", "Test accuracy, synthetic inputs", "", Axis::Fraction, true, "test_accuracy"},
    {"mean_delay", "Mean delay k", "steps", Axis::Linear, true},
}};

constexpr std::array<Quantity, 4> kHeadline{{
    {"accuracy", "test accuracy", "%", Axis::Linear, true},
    {"test_accuracy_synthetic", "test accuracy with synthetic inputs", "%", Axis::Linear, true},
    {"loss", "loss", "", Axis::Log, true},
    {"epochs", "epochs", "", Axis::Linear, true},
}};

constexpr std::array<ControlGroup, 6> kGroups{{
    {"Training", false, false},
    {"Each component", false, false},
    {"Queues", false, false},
    {"Components", true, false},
    {"Data", true, false},
    {"Advanced", true, true},
}};

void check(const ParamSet& params) {
    const MachConfig c = mach_config(params);
    const auto count = static_cast<std::size_t>(component_count(c.topology, c.components));
    auto per_component = [&](std::string_view key, std::size_t given) {
        if (given != 0 && given != count)
            throw InputError(fmt::format("{}: gives {} values for {} component{} (one per component)", key,
                                         given, count, count == 1 ? "" : "s"));
    };
    per_component("components.state", c.states.size());
    per_component("components.speed", c.speed_caps.size());
    if (!c.states.empty() && std::none_of(c.states.begin(), c.states.end(),
                                          [](ComponentState s) { return s == ComponentState::Run; }))
        throw InputError("components.state: at least one component must run");
}

std::unique_ptr<Model> build(const ParamSet& params) {
    return std::make_unique<MachNet>(mach_config(params));
}

} // namespace

MachConfig mach_config(const ParamSet& p) {
    MachConfig c;
    c.topology = *parse_topology(p.text("topology"));
    c.order = p.text("order") == "round_robin" ? ComponentThreads::Order::RoundRobin
                                               : ComponentThreads::Order::Free;
    c.data_dir = p.text("data.dir");
    c.hidden.assign(p.integers("network.hidden").begin(), p.integers("network.hidden").end());
    c.embedding = static_cast<int>(p.integer("network.embedding"));
    c.components = static_cast<int>(p.integer("network.components"));
    c.batch = static_cast<int>(p.integer("train.batch"));
    c.lr = p.real("train.lr");
    c.synthetic_lr = p.real("synthetic.lr");
    c.synthetic_mix = p.real("synthetic.mix");
    c.conditioned = p.flag("dni.conditioned");
    if (const auto* states = std::get_if<std::vector<std::string>>(&p.value("components.state")))
        c.states = parse_component_states(*states);
    if (const auto* caps = std::get_if<std::vector<std::int64_t>>(&p.value("components.speed")))
        c.speed_caps.assign(caps->begin(), caps->end());
    c.optimizer.name = p.text("train.optimizer");
    c.weight_stashing = p.flag("train.weight_stashing");
    c.stale_shrink = p.real("train.stale_shrink");
    c.queue_capacity = static_cast<int>(p.integer("queue.capacity"));
    c.policy = *parse_full_policy(p.text("queue.policy"));
    c.series_every = static_cast<int>(p.integer("train.series_every"));
    c.seed = static_cast<std::uint64_t>(p.integer("seed"));
    return c;
}

const Family& mach_family() {
    static const ParamTable table = make_table();
    static const Family family{
        .name = "mach",
        .title = "Decoupled components (MACH)",
        .description = "Components on their own threads exchange activations and gradients by messages, "
                       "unlocked by synthetic inputs and delayed gradients.",
        .params = table,
        .channels = kChannels,
        .headline = kHeadline,
        .groups = kGroups,
        .check = check,
        .build = build,
    };
    return family;
}

} // namespace phasor
