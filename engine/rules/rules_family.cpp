// The rule lab's family: every parameter once, its channels and headline, and the race's variants parsed
// from one line of text ("sgd; dfa: rule=dfa; T=0.01: rule=threshold, threshold=0.01").
#include "engine/rules/rules_family.hpp"

#include "engine/core/error.hpp"
#include "engine/data/image_folder.hpp"
#include "engine/params/param_toml.hpp"
#include "engine/rules/rules_model.hpp"
#include "engine/tasks/task.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace phasor {

namespace {

constexpr std::string_view kTraining = "Training", kRule = "Rule", kRace = "Race", kTask = "Task",
                           kView = "Measuring";

std::vector<std::string_view> task_choices() {
    std::vector<std::string_view> names{"fashion_mnist"};
    for (const char* name : task_names()) names.emplace_back(name);
    return names;
}

ParamTable make_table() {
    const RulesConfig d;
    const RuleSettings s;
    const OptimizerSpec o;
    // One epoch of Fashion-MNIST in batches of 32.
    std::vector<ParamSpec> rows = common_params(1875);
    auto add = [&](ParamSpec row) { rows.push_back(std::move(row)); };
    add({.key = "task.name",
         .type = ParamType::Choice,
         .default_value = d.task,
         .label = "Task",
         .help = "What the learners classify: Fashion-MNIST, or one of the stepped network's tasks",
         .apply = ParamApply::Rebuild,
         .choices = task_choices(),
         .group = kTask});
    add({.key = "data.dir",
         .type = ParamType::Text,
         .default_value = std::string(kFashionMnistDir),
         .label = "Data folder",
         .help = "A folder of the four MNIST-style IDX files (Fashion-MNIST from Debian's "
                 "dataset-fashion-mnist by default)",
         .apply = ParamApply::Rebuild,
         .group = kTask,
         .when_key = "task.name",
         .when_values = {"fashion_mnist"}});
    add({.key = "data.train_samples",
         .type = ParamType::Integer,
         .default_value = std::monostate{},
         .label = "Training samples",
         .help = "How many training samples the learners share: the first of the data set, or drawn from a "
                 "stream task",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 1e7},
         .automatic = "the whole training set (2,000 drawn from a stream task)",
         .group = kTask});
    add({.key = "data.curriculum",
         .type = ParamType::Choice,
         .default_value = std::string("none"),
         .label = "Curriculum",
         .help =
             "easy_first: the first epoch visits the samples from easy to hard, easy meaning close to the "
             "mean input of its class (later epochs are shuffled); none: every epoch shuffled",
         .apply = ParamApply::Rebuild,
         .choices = {"none", "easy_first"},
         .group = kTask});
    add({.key = "network.hidden",
         .type = ParamType::IntegerList,
         .default_value = std::vector<std::int64_t>(d.hidden.begin(), d.hidden.end()),
         .label = "Hidden layers",
         .help = "The hidden layers' widths; the input and output sizes come from the task",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 4096},
         .group = kTask});
    add({.key = "network.activation",
         .type = ParamType::Choice,
         .default_value = std::string("relu"),
         .label = "Activation",
         .help = "The hidden layers' activation (the output is a softmax)",
         .apply = ParamApply::Rebuild,
         .choices = {"relu", "tanh", "sigmoid", "leaky_relu"},
         .group = kTask});
    add({.key = "train.rule",
         .type = ParamType::Choice,
         .default_value = std::string("backprop"),
         .label = "Rule",
         .help =
             "How errors become weight changes: backprop; topk (only the largest errors pass back); fa "
             "(feedback alignment); dfa (direct feedback alignment); threshold (a connection changes when "
             "its accumulated gradient passes T); ff (forward-forward)",
         .apply = ParamApply::Rebuild,
         .choices = std::vector<std::string_view>(rule_names().begin(), rule_names().end()),
         .group = kTraining});
    add({.key = "train.optimizer",
         .type = ParamType::Choice,
         .default_value = o.name,
         .label = "Optimizer",
         .help = "What applies the rule's gradients: sgd (with momentum), adamw, lion or lamb",
         .apply = ParamApply::Rebuild,
         .choices = optimizer_choices(),
         .group = kTraining});
    add({.key = "train.lr",
         .type = ParamType::Real,
         .default_value = 0.05f,
         .label = "Learning rate",
         .help = "The step size (of the output layer, when layers differ)",
         .range = {.lo = 0, .hi = 10, .lo_open = true},
         .group = kTraining});
    add({.key = "train.momentum",
         .type = ParamType::Real,
         .default_value = o.momentum,
         .label = "Momentum",
         .help = "sgd's heavy-ball momentum",
         .range = {.lo = 0, .hi = 1, .hi_open = true},
         .group = kTraining});
    add({.key = "train.weight_decay",
         .type = ParamType::Real,
         .default_value = o.weight_decay,
         .label = "Weight decay",
         .help = "Decoupled weight decay on the weights (not the biases)",
         .range = {.lo = 0, .hi = 1},
         .group = kTraining});
    add({.key = "train.beta1",
         .type = ParamType::Real,
         .default_value = o.beta1,
         .label = "Beta 1",
         .help = "adamw and lamb: how slowly the mean gradient forgets; lion: the interpolation of its step",
         .range = {.lo = 0, .hi = 1, .hi_open = true},
         .group = kTraining});
    add({.key = "train.beta2",
         .type = ParamType::Real,
         .default_value = o.beta2,
         .label = "Beta 2",
         .help = "adamw and lamb: how slowly the mean squared gradient forgets; lion: its momentum (0.99 in "
                 "the paper)",
         .range = {.lo = 0, .hi = 1, .hi_open = true},
         .group = kTraining});
    add({.key = "train.lookahead",
         .type = ParamType::Integer,
         .default_value = std::int64_t{0},
         .label = "Lookahead k",
         .help = "Lookahead around the optimizer: every k steps the slow weights move toward the fast ones "
                 "(0: off)",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 0, .hi = 1000},
         .unit = "steps",
         .group = kTraining});
    add({.key = "train.lookahead_alpha",
         .type = ParamType::Real,
         .default_value = o.lookahead_alpha,
         .label = "Lookahead alpha",
         .help = "How far the slow weights move toward the fast ones at each sync",
         .range = {.lo = 0, .hi = 1, .lo_open = true},
         .group = kTraining});
    add({.key = "train.batch",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.batch},
         .label = "Batch",
         .help = "Samples per tick, the same for every variant of a race (they share the stream)",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 4096},
         .unit = "samples",
         .group = kTraining});
    add({.key = "train.layer_lr_decay",
         .type = ParamType::Real,
         .default_value = 1.f,
         .label = "Layer rate decay",
         .help = "Layer-wise learning rates: each layer learns at this times the rate of the layer above "
                 "(1: every layer at the same rate)",
         .range = {.lo = 0, .hi = 10, .lo_open = true},
         .group = kTraining});
    add({.key = "train.accumulate",
         .type = ParamType::Integer,
         .default_value = std::int64_t{1},
         .label = "Accumulate",
         .help = "Gradient accumulation: the mean of this many steps' gradients makes one update",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 1024},
         .unit = "steps",
         .group = kTraining});
    add({.key = "train.checkpoint_every",
         .type = ParamType::Integer,
         .default_value = std::int64_t{1},
         .label = "Checkpoint every",
         .help = "Gradient checkpointing: the forward pass keeps every k-th layer's activations and the "
                 "backward pass recomputes the rest from them (less memory, one more forward pass through "
                 "the dropped layers; rules with a backward pass); 1: every layer kept",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 1, .hi = 1024},
         .unit = "layers",
         .group = kTraining});
    add({.key = "train.precision",
         .type = ParamType::Choice,
         .default_value = std::string("fp32"),
         .label = "Precision",
         .help =
             "bf16: the passes see weights rounded to bfloat16 while the optimizer updates an fp32 master "
             "copy",
         .apply = ParamApply::Rebuild,
         .choices = {"fp32", "bf16"},
         .group = kTraining});
    add({.key = "rule.threshold",
         .type = ParamType::Real,
         .default_value = s.threshold,
         .label = "Threshold T",
         .help = "threshold: a connection changes when its accumulated gradient reaches T",
         .range = {.lo = 0, .hi = 1e6},
         .group = kRule});
    add({.key = "rule.threshold_layers",
         .type = ParamType::Text,
         .default_value = std::string(),
         .label = "T per layer",
         .help = "threshold: one T per layer, input side first, e.g. \"0.02 0.01 0.005\" (in a race "
                 "variant, quoted: threshold_layers='0.02 0.01 0.005'; empty: Threshold T for every layer)",
         .group = kRule});
    add({.key = "rule.threshold_scale",
         .type = ParamType::Choice,
         .default_value = std::string("absolute"),
         .label = "T is",
         .help = "threshold: absolute, or relative (T times the layer's running RMS of what connections "
                 "receive, so each layer has its own)",
         .choices = {"absolute", "relative"},
         .group = kRule});
    add({.key = "rule.accumulation",
         .type = ParamType::Choice,
         .default_value = std::string("plain"),
         .label = "Accumulation",
         .help =
             "threshold: plain sums; momentum keeps a decaying sum (beta below); decaying lets what never "
             "reaches T fade away",
         .choices = {"plain", "momentum", "decaying"},
         .group = kRule});
    add({.key = "rule.accumulation_decay",
         .type = ParamType::Real,
         .default_value = s.accumulation_decay,
         .label = "Accumulation decay",
         .help = "threshold: the factor of momentum and decaying accumulation",
         .range = {.lo = 0, .hi = 1, .hi_open = true},
         .group = kRule});
    add({.key = "rule.topk",
         .type = ParamType::Real,
         .default_value = s.topk,
         .label = "Top-k fraction",
         .help = "topk: the fraction of each layer's errors passed back per sample (the largest)",
         .range = {.lo = 0, .hi = 1, .lo_open = true},
         .group = kRule});
    add({.key = "rule.ff_threshold",
         .type = ParamType::Real,
         .default_value = s.ff_threshold,
         .label = "Goodness threshold",
         .help =
             "ff: the goodness (mean squared activity) positive data should exceed and negative stay under",
         .range = {.lo = 0, .hi = 1e3, .lo_open = true},
         .group = kRule});
    add({.key = "race.variants",
         .type = ParamType::Text,
         .default_value = std::string(),
         .label = "Variants",
         .help =
             "Learners raced from one state on one stream, separated by ';', each a name and what it sets "
             "unlike the rest: \"sgd; dfa: rule=dfa; T=0.01: rule=threshold, threshold=0.01\" (empty: one "
             "learner)",
         .apply = ParamApply::Rebuild,
         .group = kRace});
    add({.key = "eval.every",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.eval_every},
         .label = "Evaluate every",
         .help = "Ticks between evaluations on the test set (each a point of the curves)",
         .range = {.lo = 1, .hi = 1e9},
         .unit = "ticks",
         .group = kView});
    add({.key = "eval.samples",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.eval_samples},
         .label = "Test samples",
         .help = "How many test samples each evaluation scores (the report scores them all)",
         .range = {.lo = 1, .hi = 1e7},
         .unit = "samples",
         .group = kView});
    add({.key = "lens.every",
         .type = ParamType::Integer,
         .default_value = std::int64_t{d.lens_every},
         .label = "Lens every",
         .help = "Ticks between measurements of each update's angle to the true gradient (0: never; each "
                 "costs one backprop pass per learner)",
         .range = {.lo = 0, .hi = 1e9},
         .unit = "ticks",
         .group = kView});
    for (ParamSpec& row : rows)
        if (row.key == "seed") row.group = kView;
    return ParamTable(std::move(rows));
}

constexpr std::array<Quantity, 4> kChannels{{
    {"loss", "Loss", "", Axis::Log, true},
    {"test_accuracy", "Test accuracy", "", Axis::Fraction, true},
    {"weight_updates", "Weight updates", "", Axis::Log, true},
    {"fired_fraction", "Connections changed per sample", "", Axis::Log, true},
}};

// The first variant's: a single run's, or the base of a race (the report lists every variant).
constexpr std::array<Quantity, 6> kHeadline{{
    {"accuracy", "test accuracy", "%", Axis::Linear, true},
    {"loss", "loss", "", Axis::Log, true},
    {"epochs", "epochs", "", Axis::Linear, true},
    {"weight_updates", "weight updates", "", Axis::Log, true},
    {"notifications", "notifications", "", Axis::Log, true},
    {"fired_fraction", "connections changed per sample", "", Axis::Log, true},
}};

constexpr std::array<ControlGroup, 5> kGroups{{
    {kTraining, false, false},
    {kRule, false, false},
    {kRace, false, false},
    {kTask, true, false},
    {kView, true, true},
}};

// Keys a variant may set: how it learns, never what it learns from (the task, the network, the batch and
// the seed are the race's shared state).
bool variant_key(std::string_view key) {
    return (key.starts_with("train.") && key != "train.batch") || key.starts_with("rule.");
}

// A key as written in a variant: whole ("rule.threshold") or the part after the dot when only one
// variant key ends so ("threshold").
const ParamSpec* find_variant_key(const ParamTable& table, std::string_view key) {
    if (const ParamSpec* row = table.find(key)) return variant_key(row->key) ? row : nullptr;
    const ParamSpec* found = nullptr;
    for (const ParamSpec& row : table.rows()) {
        const auto dot = row.key.find('.');
        if (dot != std::string_view::npos && row.key.substr(dot + 1) == key && variant_key(row.key)) {
            if (found) return nullptr;
            found = &row;
        }
    }
    return found;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char by) {
    std::vector<std::string_view> parts;
    for (std::size_t at = 0;;) {
        const std::size_t next = s.find(by, at);
        parts.push_back(trim(s.substr(at, next == std::string_view::npos ? next : next - at)));
        if (next == std::string_view::npos) return parts;
        at = next + 1;
    }
}

// "0.02, 0.01 0.005": reals separated by commas or spaces, each a T (≥ 0).
std::vector<float> layer_thresholds_of(std::string_view text) {
    std::vector<float> T;
    std::size_t at = 0;
    while (true) {
        at = text.find_first_not_of(", \t", at);
        if (at == std::string_view::npos) return T;
        const std::size_t end = std::min(text.find_first_of(", \t", at), text.size());
        const std::string item(text.substr(at, end - at));
        float value = 0;
        const auto [rest, error] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (error != std::errc() || rest != item.data() + item.size() || !std::isfinite(value) || value < 0)
            throw InputError(
                fmt::format("rule.threshold_layers: '{}' is not a threshold (a number ≥ 0)", item));
        T.push_back(value);
        at = end;
    }
}

Activation activation_of(const std::string& name) {
    if (name == "tanh") return Activation::Tanh;
    if (name == "sigmoid") return Activation::Sigmoid;
    if (name == "leaky_relu") return Activation::LeakyRelu;
    return Activation::Relu;
}

constexpr int kMaxVariants = 8;

VariantConfig variant_of(const ParamSet& p, const RulesConfig& shared) {
    VariantConfig v;
    v.rule = p.text("train.rule");
    v.net.hidden = shared.activation;
    v.net.max_batch = shared.batch;
    v.net.optimizer.name = p.text("train.optimizer");
    v.net.optimizer.lookahead_steps = static_cast<int>(p.integer("train.lookahead"));
    v.net.accumulate = static_cast<int>(p.integer("train.accumulate"));
    v.net.bf16 = p.text("train.precision") == "bf16";
    v.net.checkpoint_every = static_cast<int>(p.integer("train.checkpoint_every"));
    check_checkpointing(v.rule, v.net.checkpoint_every);
    // The live settings (the rates, the optimizer's hyper-parameters, every rule.* key) are read as a live
    // change would set them, so a build and a change cannot disagree.
    for (const ParamSpec& row : p.table().rows()) apply_live(v, row.key, p.value(row.key));
    check_layers(v, shared.hidden.size() + 1);
    return v;
}

void check(const ParamSet& params) {
    rules_config(params);
}

std::unique_ptr<Model> build(const ParamSet& params) {
    return std::make_unique<RulesModel>(rules_config(params));
}

} // namespace

void check_layers(const VariantConfig& v, std::size_t layers) {
    const std::size_t given = v.settings.layer_thresholds.size();
    if (given != 0 && given != layers)
        throw InputError(
            fmt::format("rule.threshold_layers: {} value{} for a net of {} layers (one per hidden "
                        "layer and one for the output)",
                        given, given == 1 ? "" : "s", layers));
}

namespace {

// A variant's live settings: the key, and how its value is written into the variant. Building a variant reads
// them through this table too, so a build and a live change cannot disagree.
struct LiveField {
    std::string_view key;
    void (*write)(VariantConfig& v, const ParamValue& value);
};

float real(const ParamValue& value) {
    return std::get<float>(value);
}
const std::string& text(const ParamValue& value) {
    return std::get<std::string>(value);
}

constexpr std::array<LiveField, 14> kLive{{
    {"rule.threshold", [](VariantConfig& v, const ParamValue& x) { v.settings.threshold = real(x); }},
    {"rule.threshold_layers",
     [](VariantConfig& v, const ParamValue& x) {
         v.settings.layer_thresholds = layer_thresholds_of(text(x));
     }},
    {"rule.threshold_scale",
     [](VariantConfig& v, const ParamValue& x) {
         v.settings.threshold_scale =
             text(x) == "relative" ? ThresholdScale::Relative : ThresholdScale::Absolute;
     }},
    {"rule.accumulation",
     [](VariantConfig& v, const ParamValue& x) {
         v.settings.accumulation = text(x) == "momentum"   ? Accumulation::Momentum
                                   : text(x) == "decaying" ? Accumulation::Decaying
                                                           : Accumulation::Plain;
     }},
    {"rule.accumulation_decay",
     [](VariantConfig& v, const ParamValue& x) { v.settings.accumulation_decay = real(x); }},
    {"rule.topk", [](VariantConfig& v, const ParamValue& x) { v.settings.topk = real(x); }},
    {"rule.ff_threshold", [](VariantConfig& v, const ParamValue& x) { v.settings.ff_threshold = real(x); }},
    {"train.lr", [](VariantConfig& v, const ParamValue& x) { v.net.lr = real(x); }},
    {"train.layer_lr_decay", [](VariantConfig& v, const ParamValue& x) { v.net.layer_lr_decay = real(x); }},
    {"train.momentum", [](VariantConfig& v, const ParamValue& x) { v.net.optimizer.momentum = real(x); }},
    {"train.weight_decay",
     [](VariantConfig& v, const ParamValue& x) { v.net.optimizer.weight_decay = real(x); }},
    {"train.beta1", [](VariantConfig& v, const ParamValue& x) { v.net.optimizer.beta1 = real(x); }},
    {"train.beta2", [](VariantConfig& v, const ParamValue& x) { v.net.optimizer.beta2 = real(x); }},
    {"train.lookahead_alpha",
     [](VariantConfig& v, const ParamValue& x) { v.net.optimizer.lookahead_alpha = real(x); }},
}};

} // namespace

bool apply_live(VariantConfig& v, std::string_view key, const ParamValue& value) {
    const auto field =
        std::find_if(kLive.begin(), kLive.end(), [&](const LiveField& f) { return f.key == key; });
    if (field == kLive.end()) return false;
    field->write(v, value);
    return true;
}

RulesConfig rules_config(const ParamSet& p) {
    RulesConfig c;
    c.task = p.text("task.name");
    c.data_dir = p.text("data.dir");
    c.train_samples = p.is_set("data.train_samples") ? p.integer("data.train_samples") : 0;
    c.easy_first = p.text("data.curriculum") == "easy_first";
    c.hidden.assign(p.integers("network.hidden").begin(), p.integers("network.hidden").end());
    c.activation = activation_of(p.text("network.activation"));
    c.batch = static_cast<int>(p.integer("train.batch"));
    c.seed = static_cast<std::uint64_t>(p.integer("seed"));
    c.eval_every = static_cast<int>(p.integer("eval.every"));
    c.eval_samples = static_cast<int>(p.integer("eval.samples"));
    c.lens_every = static_cast<int>(p.integer("lens.every"));

    // The base first, so that what is wrong with it is named by its own key rather than by each variant.
    VariantConfig base = variant_of(p, c);
    const std::string& race = p.text("race.variants");
    if (trim(race).empty()) {
        base.name = base.rule;
        c.variants.push_back(std::move(base));
        return c;
    }
    const auto items = split(race, ';');
    if (items.size() > kMaxVariants)
        throw InputError(
            fmt::format("race.variants: {} variants; a race has at most {}", items.size(), kMaxVariants));
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string_view item = items[i];
        const std::size_t colon = item.find(':');
        const std::string_view name = trim(item.substr(0, colon));
        const std::string where = fmt::format("race.variants: variant {} ('{}')", i + 1, name);
        if (name.empty())
            throw InputError(
                fmt::format("race.variants: variant {} has no name (write 'name: key=value, ...')", i + 1));
        for (const VariantConfig& other : c.variants)
            if (other.name == name) throw InputError(fmt::format("{}: a second variant of that name", where));
        ParamSet params = p;
        VariantConfig v;
        if (colon != std::string_view::npos && !trim(item.substr(colon + 1)).empty()) {
            for (const std::string_view setting : split(item.substr(colon + 1), ',')) {
                const std::size_t eq = setting.find('=');
                if (eq == std::string_view::npos)
                    throw InputError(fmt::format("{}: '{}' is not key=value", where, setting));
                const std::string_view key = trim(setting.substr(0, eq));
                const ParamSpec* row = find_variant_key(p.table(), key);
                if (!row) {
                    const ParamSpec* known = p.table().find(key);
                    throw InputError(known ? fmt::format("{}: {} is shared by the whole race (a variant sets "
                                                         "how it learns: train.* keys but train.batch, and "
                                                         "rule.* keys)",
                                                         where, key)
                                           : fmt::format("{}: unknown or ambiguous key '{}' (a variant sets "
                                                         "train.* and rule.* keys)",
                                                         where, key));
                }
                ParamValue value;
                try {
                    value = parse_value(*row, trim(setting.substr(eq + 1)));
                } catch (const InputError& e) {
                    throw InputError(fmt::format("{}: {}: {}", where, row->key, e.what()));
                }
                params.set(row->key, value);
                v.overridden.emplace_back(row->key);
                v.differs +=
                    fmt::format("{}{} = {}", v.differs.empty() ? "" : ", ", row->key, to_display(value));
            }
        }
        VariantConfig resolved;
        try {
            resolved = variant_of(params, c);
        } catch (const InputError& e) {
            throw InputError(fmt::format("{}: {}", where, e.what()));
        }
        resolved.name = name;
        resolved.differs = std::move(v.differs);
        resolved.overridden = std::move(v.overridden);
        try {
            validate(resolved.net.optimizer);
        } catch (const InputError& e) {
            throw InputError(fmt::format("{}: {}", where, e.what()));
        }
        c.variants.push_back(std::move(resolved));
    }
    return c;
}

const Family& rules_family() {
    static const ParamTable table = make_table();
    static const Family family{
        .name = "rules",
        .title = "Learning-rule lab",
        .description = "Learners that differ in how they learn (backprop, threshold-fired updates, feedback "
                       "alignment, forward-forward, optimizers) raced from one state on one stream.",
        .params = table,
        .channels = kChannels,
        .headline = kHeadline,
        .groups = kGroups,
        .check = check,
        .build = build,
        .parts_name = "variants",
    };
    return family;
}

} // namespace phasor
