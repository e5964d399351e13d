// The stepped network's family description: every parameter once, its channels and headline metrics, and how
// checked parameters become a StepNetConfig and a model.
#include "engine/stepnet/stepnet_family.hpp"

#include "engine/core/error.hpp"
#include "engine/stepnet/stepnet.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace phasor {

namespace {

std::vector<std::string_view> task_choices() {
    std::vector<std::string_view> names;
    for (const char* name : task_names()) names.emplace_back(name);
    return names;
}

// The tasks that read each task row: the data sets of points in the plane draw a training and a held-out set
// of the sizes asked; those and the noisy pattern stream add the noise asked.
// (tests/stepnet/param_rows_test.cpp checks these lists against the tasks.)
const std::vector<std::string_view> kPlaneTasks{"circles", "xor_quadrants", "gaussians", "spirals"};
const std::vector<std::string_view> kNoisyTasks{"lowhighmix_noisy", "circles", "xor_quadrants", "gaussians",
                                                "spirals"};

// Defaults come from StepNetConfig{}, so the table and the config the tests build cannot disagree.
ParamTable make_table() {
    const StepNetConfig d;
    std::vector<ParamSpec> rows = common_params(static_cast<std::int64_t>(d.ticks));
    auto add = [&](ParamSpec row) { rows.push_back(std::move(row)); };
    constexpr std::string_view task = "Task", network = "Network", training = "Training",
                               optimizer = "Optimizer", schedule = "Learning-rate schedule",
                               advanced = "Advanced";

    add({.key = "task.name",
         .type = ParamType::Choice,
         .default_value = d.task.name,
         .label = "Task",
         .help = "The data the network learns",
         .apply = ParamApply::Rebuild,
         .choices = task_choices(),
         .group = task});
    add({.key = "task.hold_ticks",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.task.hold_ticks},
         .label = "Hold",
         .help = "Ticks each drawn sample stays on the input before the next is drawn",
         .range = {.lo = 1, .hi = 1e9},
         .unit = "ticks",
         .group = task});
    add({.key = "task.noise",
         .type = ParamType::Real,
         .default_value = d.task.noise,
         .label = "Noise",
         .help = "Standard deviation of the Gaussian noise on the inputs (noisy and 2-D tasks)",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 0},
         .group = task,
         .when_key = "task.name",
         .when_values = kNoisyTasks});
    add({.key = "task.points",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.task.points},
         .label = "Points",
         .help = "Training points (2-D tasks)",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 1e6},
         .group = task,
         .when_key = "task.name",
         .when_values = kPlaneTasks});
    add({.key = "task.test_points",
         .type = ParamType::Integer,
         .default_value = std::monostate{},
         .label = "Test points",
         .help =
             "Held-out points from the same distribution, drawn apart from the training points (2-D tasks; "
             "the pattern tasks are scored on their training patterns)",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 1e6},
         .automatic = "as many as task.points",
         .group = task,
         .when_key = "task.name",
         .when_values = kPlaneTasks,
         .otherwise = "only the 2-D tasks draw a held-out set of a size you choose"});

    add({.key = "network.layers",
         .type = ParamType::IntegerList,
         .default_value = std::vector<std::int64_t>(d.layers.begin(), d.layers.end()),
         .label = "Layers",
         .help = "Layer sizes, the input's first and the number of classes last",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 8192},
         .group = network});
    add({.key = "network.activations",
         .type = ParamType::ChoiceList,
         .default_value = std::monostate{},
         .label = "Activations",
         .help = "One activation function per layer, the output's last",
         .apply = ParamApply::Rebuild,
         .choices = activation_names(),
         .automatic =
             "[relu, tanh, softmax] on the default 4-32-16-3 network with cross_entropy; otherwise relu "
             "for every hidden layer, then softmax (cross_entropy) or sigmoid (mse)",
         .group = network});
    add({.key = "network.loss",
         .type = ParamType::Choice,
         .default_value = std::string(to_string(d.loss)),
         .label = "Loss",
         .help = "cross_entropy on the logits of a softmax output, or mse on the output activations",
         .apply = ParamApply::Rebuild,
         .choices = loss_names(),
         .group = network});
    add({.key = "network.init",
         .type = ParamType::Choice,
         .default_value = std::monostate{},
         .label = "Init",
         .help = "How the initial weights are drawn",
         .apply = ParamApply::Rebuild,
         .choices = init_names(),
         .automatic = "He before relu-like activations, Xavier otherwise",
         .group = network});
    add({.key = "train.optimizer",
         .type = ParamType::Choice,
         .default_value = d.optimizer.name,
         .label = "Optimizer",
         .help =
             "The update rule: sgd (with momentum), adamw (Adam with decoupled weight decay), lion (the sign "
             "of a momentum) or lamb (AdamW's step scaled per tensor to its weights' norm); the last three "
             "want a smaller rate than sgd",
         .apply = ParamApply::Rebuild,
         .choices = optimizer_choices(),
         .group = optimizer});

    add({.key = "train.lr",
         .type = ParamType::Real,
         .default_value = d.schedule.lr,
         .label = "Learning rate",
         .help = "The rate the schedule starts from; set live, the schedule carries on from it",
         .range = {.lo = 0, .lo_open = true},
         .group = training});
    add({.key = "train.delay_depth",
         .type = ParamType::Integer,
         .default_value = std::monostate{},
         .label = "Delay depth",
         .help = "Ticks a target waits in the queue before it is scored",
         .range = {.lo = 0, .hi = kMaxDelayDepth},
         .unit = "ticks",
         .automatic = "the pipeline lag (layer count - 1): each output scored against its own input",
         .group = training});
    add({.key = "train.attention",
         .type = ParamType::Flag,
         .default_value = d.attention,
         .label = "Gradient attention",
         .help = "Re-weight each gradient by a softmax over its magnitudes before the update",
         .group = training});

    add({.key = "train.schedule",
         .type = ParamType::Choice,
         .default_value = std::string(to_string(d.schedule.kind)),
         .label = "Schedule",
         .help = "How the learning rate changes after every update",
         .choices = schedule_names(),
         .group = schedule});
    add({.key = "train.decay",
         .type = ParamType::Real,
         .default_value = d.schedule.decay,
         .label = "Decay per update",
         .help = "Exponential schedule: lr = max(floor, lr * decay) after every update",
         .range = {.lo = 0, .hi = 1, .lo_open = true},
         .group = schedule,
         .when_key = "train.schedule",
         .when_values = {"exponential"}});
    add({.key = "train.step_every",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.schedule.step_every},
         .label = "Every",
         .help = "Step schedule: lr = max(floor, lr * gamma) every this many updates",
         .range = {.lo = 1, .hi = 1e9},
         .unit = "updates",
         .group = schedule,
         .when_key = "train.schedule",
         .when_values = {"step"}});
    add({.key = "train.gamma",
         .type = ParamType::Real,
         .default_value = d.schedule.gamma,
         .label = "Gamma",
         .help = "Step schedule: the factor applied every step",
         .range = {.lo = 0, .hi = 1, .lo_open = true},
         .group = schedule,
         .when_key = "train.schedule",
         .when_values = {"step"}});
    add({.key = "train.floor",
         .type = ParamType::Real,
         .default_value = d.schedule.floor,
         .label = "Floor",
         .help = "The schedule never decays the rate below this (a rate set below it stays)",
         .range = {.lo = 0},
         .group = schedule,
         .when_key = "train.schedule",
         .when_values = {"exponential", "step"}});

    add({.key = "train.temperature",
         .type = ParamType::Real,
         .default_value = d.temperature,
         .label = "Temperature",
         .help = "Attention softmax temperature: low sharpens the re-weighting, high makes it uniform",
         .range = {.lo = 0, .lo_open = true},
         .group = advanced,
         .when_key = "train.attention",
         .when_values = {"true"}});
    add({.key = "train.backward",
         .type = ParamType::Choice,
         .default_value = std::string(to_string(d.backward)),
         .label = "Backward mode",
         .help =
             "snapshot: current buffers; aligned: exact for the scored sample; pipelined: one layer per tick",
         .choices = backward_mode_names(),
         .group = advanced});
    add({.key = "train.momentum",
         .type = ParamType::Real,
         .default_value = d.optimizer.momentum,
         .label = "Momentum",
         .help = "SGD heavy-ball momentum",
         .range = {.lo = 0, .hi = 1, .hi_open = true},
         .group = optimizer,
         .when_key = "train.optimizer",
         .when_values = {"sgd"}});
    add({.key = "train.beta1",
         .type = ParamType::Real,
         .default_value = d.optimizer.beta1,
         .label = "Beta 1",
         .help = "AdamW: decay of the running mean of the gradients (first moment)",
         .range = {.lo = 0, .hi = 1, .hi_open = true},
         .group = optimizer,
         .when_key = "train.optimizer",
         .when_values = {"adamw"}});
    add({.key = "train.beta2",
         .type = ParamType::Real,
         .default_value = d.optimizer.beta2,
         .label = "Beta 2",
         .help = "AdamW: decay of the running mean of the squared gradients (second moment)",
         .range = {.lo = 0, .hi = 1, .hi_open = true},
         .group = optimizer,
         .when_key = "train.optimizer",
         .when_values = {"adamw"}});
    add({.key = "train.eps",
         .type = ParamType::Real,
         .default_value = d.optimizer.eps,
         .label = "Epsilon",
         .help =
             "AdamW: added to the root of the second moment; larger values damp the steps of rare weights",
         .range = {.lo = 0, .lo_open = true},
         .group = optimizer,
         .when_key = "train.optimizer",
         .when_values = {"adamw"}});
    add({.key = "train.weight_decay",
         .type = ParamType::Real,
         .default_value = d.optimizer.weight_decay,
         .label = "Weight decay",
         .help = "Decoupled decay of the weights (not the biases): w -= lr * decay * w every update",
         .range = {.lo = 0},
         .group = optimizer});
    add({.key = "train.batch",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.batch},
         .label = "Batch",
         .help =
             "Each layer averages the gradients of this many updates and applies one update with the mean; "
             "the schedule advances once per batch",
         .range = {.lo = 1, .hi = kMaxBatch},
         .unit = "updates",
         .group = optimizer});
    add({.key = "train.l2",
         .type = ParamType::Real,
         .default_value = d.l2,
         .label = "L2",
         .help = "L2 regularisation: l2 * w is added to every weight's gradient (not the biases') before the "
                 "update",
         .range = {.lo = 0},
         .group = optimizer});
    add({.key = "train.l1",
         .type = ParamType::Real,
         .default_value = d.l1,
         .label = "L1",
         .help = "L1 regularisation: l1 * sign(w) is added to every weight's gradient, pulling small weights "
                 "to 0",
         .range = {.lo = 0},
         .group = optimizer});
    add({.key = "train.rolling_window",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.rolling_window},
         .label = "Rolling window",
         .help = "Rolling accuracy is over this many scored ticks (changing it starts the count again)",
         .range = {.lo = 1, .hi = 1e6},
         .unit = "scored ticks",
         .group = advanced});
    add({.key = "train.series_every",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.series_every},
         .label = "Sample every",
         .help = "Ticks between two samples of the time series (plots, --csv)",
         .range = {.lo = 1, .hi = 1e9},
         .unit = "ticks",
         .group = advanced});
    for (ParamSpec& row : rows)
        if (row.key == "seed") row.group = advanced;
    return ParamTable(std::move(rows));
}

constexpr std::array<Quantity, 10> kChannels{{
    {"loss", "Loss", "", Axis::Log, true},
    {"rolling_accuracy", "Rolling accuracy", "", Axis::Fraction, true},
    {"lr", "Learning rate", "", Axis::Log, true},
    {"queue_occupancy", "Queue occupancy", "targets", Axis::Linear, false},
    {"attention_min", "Smallest factor", "", Axis::Log, false},
    {"attention_max", "Largest factor", "", Axis::Log, false},
    {"attention_entropy", "Factor entropy", "", Axis::Fraction, false},
    {"attention_effect", "Change made by attention", "", Axis::Log, false},
    {"test_loss", "Test loss", "", Axis::Log, true, "loss"},
    {"test_accuracy", "Test accuracy", "", Axis::Fraction, true, "rolling_accuracy"},
}};

// In stepnet_control.cpp's fill() order.
constexpr std::array<Quantity, 4> kHeadline{{
    {"accuracy", "held-out accuracy", "%", Axis::Linear, true},
    {"rolling_accuracy", "rolling accuracy", "%", Axis::Linear, true},
    {"loss", "loss", "", Axis::Log, true},
    {"lr", "learning rate", "", Axis::Log, true},
}};

// The live knobs first, then the experiment as TensorFlow Playground lays it out: the data, the network and
// its optimizer.
constexpr std::array<ControlGroup, 6> kGroups{{
    {"Training", false, false},
    {"Task", true, false},
    {"Network", true, false},
    {"Optimizer", true, false},
    {"Learning-rate schedule", true, false},
    {"Advanced", true, false},
}};

template <class E, class Parse> E parsed(const ParamSet& p, std::string_view key, Parse parse) {
    const auto value = parse(p.text(key));
    if (!value) throw std::logic_error(fmt::format("{}: the table lets through '{}'", key, p.text(key)));
    return *value;
}

// The task's own checks name their field in prose ("task 'spirals': points must be ..."): find the key.
void check_task(const StepNetConfig& c) {
    try {
        (void)make_task(c.task, c.seed);
    } catch (const InputError& e) {
        const std::string_view what = e.what();
        const char* key = what.find("test_points") != std::string_view::npos ? "task.test_points"
                          : what.find("points") != std::string_view::npos    ? "task.points"
                          : what.find("noise") != std::string_view::npos     ? "task.noise"
                                                                             : "task.name";
        throw InputError(fmt::format("{}: {}", key, what));
    }
}

void check(const ParamSet& params) {
    const StepNetConfig config = stepnet_config(params);
    check_task(config);
    validate(config, *make_task(config.task, config.seed));
}

std::unique_ptr<Model> build(const ParamSet& params) {
    return std::make_unique<StepNet>(stepnet_config(params));
}

// The network's ends follow the task: its input size first, its class count last, the hidden layers kept.
void layers_for_task(ParamSet& p) {
    // The smallest data set there is: only the task's shape is wanted here.
    const auto task = make_task(TaskSpec{.name = p.text("task.name"), .points = 4, .test_points = 1}, 0);
    std::vector<std::int64_t> layers = p.integers("network.layers");
    if (layers.size() < 2) layers.resize(2);
    layers.front() = task->input_dim();
    layers.back() = task->num_classes();
    if (auto why = p.set("network.layers", std::move(layers))) throw InputError(*why);
}

// A task that reads no noise gets none: the noise-free pattern stream refuses any.
void noise_for_task(ParamSet& p) {
    const auto& noisy = kNoisyTasks;
    if (std::find(noisy.begin(), noisy.end(), p.text("task.name")) == noisy.end())
        (void)p.set("task.noise", 0.f);
}

// Activations given by hand keep one per layer: a layer added takes the activation of the hidden layer before
// it (relu when there is none), the output keeps its own.
void activations_for_layers(ParamSet& p) {
    if (!p.is_set("network.activations")) return;
    std::vector<std::string> activations = p.texts("network.activations");
    const std::size_t want = p.integers("network.layers").size() - 1;
    if (activations.empty() || activations.size() == want || want == 0) return;
    const std::string output = activations.back();
    activations.pop_back();
    const std::string hidden = activations.empty() ? std::string("relu") : activations.back();
    activations.resize(want - 1, hidden);
    activations.push_back(output);
    if (auto why = p.set("network.activations", std::move(activations))) throw InputError(*why);
}

constexpr std::array<std::string_view, 1> kLayers{"network.layers"};
constexpr std::array<std::string_view, 1> kNoise{"task.noise"};
constexpr std::array<std::string_view, 1> kActivations{"network.activations"};
// In order: the layers a task brings then bring their activations.
constexpr std::array<ParamFollow, 3> kFollows{{
    {"task.name", kLayers, layers_for_task},
    {"task.name", kNoise, noise_for_task},
    {"network.layers", kActivations, activations_for_layers},
}};

} // namespace

StepNetConfig stepnet_config(const ParamSet& p) {
    StepNetConfig c;
    c.name = p.text("name");
    c.description = p.text("description");
    c.seed = static_cast<std::uint64_t>(p.integer("seed"));
    c.ticks = static_cast<std::uint64_t>(p.integer("ticks"));

    c.task.name = p.text("task.name");
    c.task.hold_ticks = static_cast<int>(p.integer("task.hold_ticks"));
    c.task.noise = p.real("task.noise");
    c.task.points = static_cast<int>(p.integer("task.points"));
    if (p.is_set("task.test_points")) c.task.test_points = static_cast<int>(p.integer("task.test_points"));

    const auto& layers = p.integers("network.layers");
    c.layers.assign(layers.begin(), layers.end());
    c.loss = parsed<Loss>(p, "network.loss", parse_loss);
    if (p.is_set("network.activations")) {
        c.activations.clear();
        for (const std::string& name : p.texts("network.activations")) {
            const auto a = parse_activation(name);
            if (!a)
                throw std::logic_error(fmt::format("network.activations: the table lets through '{}'", name));
            c.activations.push_back(*a);
        }
    } else if (const StepNetConfig d; c.layers != d.layers || c.loss != d.loss) {
        // The built-in activations fit only the built-in network; any other gets the simplest that works.
        c.activations.assign(c.layers.size() > 1 ? c.layers.size() - 1 : 0, Activation::Relu);
        if (!c.activations.empty())
            c.activations.back() = c.loss == Loss::CrossEntropy ? Activation::Softmax : Activation::Sigmoid;
    }
    if (p.is_set("network.init")) c.init = parsed<Init>(p, "network.init", parse_init);

    c.backward = parsed<BackwardMode>(p, "train.backward", parse_backward_mode);
    if (p.is_set("train.delay_depth")) c.delay_depth = static_cast<int>(p.integer("train.delay_depth"));
    c.optimizer.name = p.text("train.optimizer");
    c.optimizer.momentum = p.real("train.momentum");
    c.optimizer.weight_decay = p.real("train.weight_decay");
    c.optimizer.beta1 = p.real("train.beta1");
    c.optimizer.beta2 = p.real("train.beta2");
    c.optimizer.eps = p.real("train.eps");
    c.schedule.lr = p.real("train.lr");
    c.schedule.kind = parsed<ScheduleKind>(p, "train.schedule", parse_schedule);
    c.schedule.decay = p.real("train.decay");
    c.schedule.floor = p.real("train.floor");
    c.schedule.step_every = static_cast<int>(p.integer("train.step_every"));
    c.schedule.gamma = p.real("train.gamma");
    c.batch = static_cast<int>(p.integer("train.batch"));
    c.l2 = p.real("train.l2");
    c.l1 = p.real("train.l1");
    c.attention = p.flag("train.attention");
    c.temperature = p.real("train.temperature");
    c.rolling_window = static_cast<int>(p.integer("train.rolling_window"));
    c.series_every = static_cast<int>(p.integer("train.series_every"));
    return c;
}

const Family& stepnet_family() {
    static const ParamTable table = make_table();
    static const Family family{
        .name = "stepnet",
        .title = "Stepped network (ALBA)",
        .description = "Every layer advances one tick from the previous tick's buffers; a delay queue lines "
                       "targets up with outputs; optional gradient attention.",
        .params = table,
        .channels = kChannels,
        .headline = kHeadline,
        .groups = kGroups,
        .check = check,
        .build = build,
        .follows = kFollows,
    };
    return family;
}

} // namespace phasor
