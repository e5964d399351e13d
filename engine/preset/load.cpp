// load_preset: TOML file → overrides → StepNetConfig → whole-config validation, every error located in the
// file.
#include "engine/core/error.hpp"
#include "engine/preset/preset.hpp"
#include "engine/preset/preset_source.hpp"
#include "engine/preset/schema.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace phasor {

namespace {

// Splits "network.layers: message" into key and message, so that a whole-config error can be located.
std::pair<std::string, std::string> split_keyed(std::string_view message) {
    const auto colon = message.find(": ");
    if (colon == std::string_view::npos) return {};
    const std::string_view key = message.substr(0, colon);
    const bool looks_like_key = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    });
    if (!looks_like_key) return {};
    return {std::string(key), std::string(message.substr(colon + 2))};
}

[[noreturn]] void rethrow_located(const PresetSource& source, std::string_view message,
                                  std::string_view fallback_key) {
    auto [key, rest] = split_keyed(message);
    if (key.empty()) source.fail(fallback_key, message);
    source.fail(key, rest);
}

void apply_override(toml::table& root, PresetSource& source, const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw InputError(fmt::format("--set {}: expected key=value, e.g. train.lr=0.05", text));
    std::string key = text.substr(0, eq);
    key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == ' ' || c == '\t'; }),
              key.end());
    const std::string value = text.substr(eq + 1);
    check_override_key(key, text);

    toml::table parsed;
    try {
        parsed = toml::parse("v = " + value);
    } catch (const toml::parse_error&) {
        // Not a TOML value: take it as it was typed, so that train.backward=pipelined needs no quotes.
        parsed.insert_or_assign("v", value);
    }
    toml::table* target = &root;
    if (const auto dot = key.find('.'); dot != std::string::npos) {
        const std::string table = key.substr(0, dot);
        if (!root.contains(table)) root.insert_or_assign(table, toml::table{});
        target = root.get_as<toml::table>(table);
        if (!target) source.fail(table, "expected a table");
        key.erase(0, dot + 1);
    }
    target->insert_or_assign(key, *parsed.get("v"));
}

template <typename T, typename Parse>
void read_choice(const PresetSource& s, std::string_view key, T& out, Parse parse, std::string_view known) {
    if (auto v = s.string(key)) {
        auto parsed = parse(*v);
        if (!parsed) s.fail(key, fmt::format("unknown value '{}' (known: {})", *v, known));
        out = *parsed;
    }
}

std::optional<Init> parse_init(std::string_view name) {
    if (name == "he") return Init::He;
    if (name == "xavier") return Init::Xavier;
    return std::nullopt;
}

void read_activations(const PresetSource& s, StepNetConfig& c, bool layers_given, bool loss_given) {
    const toml::node* node = s.find("network.activations");
    if (!node) {
        // The built-in default fits only the default shape; any other shape gets relu hidden layers and the
        // output that its loss expects.
        if (!layers_given && !(loss_given && c.loss != Loss::CrossEntropy)) return;
        c.activations.assign(c.layers.size() > 1 ? c.layers.size() - 1 : 0, Activation::Relu);
        if (!c.activations.empty())
            c.activations.back() = c.loss == Loss::CrossEntropy ? Activation::Softmax : Activation::Sigmoid;
        return;
    }
    const auto names = *s.string_array("network.activations");
    c.activations.clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto a = parse_activation(names[i]);
        if (!a)
            s.fail_at(
                "network.activations", (*node->as_array())[i].source(),
                fmt::format("unknown activation '{}' (known: identity, relu, leaky_relu, tanh, sigmoid, "
                            "softmax)",
                            names[i]));
        c.activations.push_back(*a);
    }
}

void read_top(const PresetSource& s, StepNetConfig& c) {
    auto name = s.string("name");
    if (!name) s.fail("name", "missing: every preset needs a name = \"...\"");
    if (name->empty()) s.fail("name", "must not be empty");
    c.name = *name;
    if (auto v = s.string("description")) c.description = *v;
    if (auto v = s.integer("seed")) {
        if (*v < 0) s.fail("seed", fmt::format("must be >= 0, got {}", *v));
        c.seed = static_cast<std::uint64_t>(*v);
    }
    if (auto v = s.integer("ticks")) {
        if (*v < 1) s.fail("ticks", fmt::format("must be >= 1, got {}", *v));
        c.ticks = static_cast<std::uint64_t>(*v);
    }
}

void read_task(const PresetSource& s, StepNetConfig& c) {
    if (auto v = s.string("task.name")) {
        const auto names = task_names();
        if (std::find_if(names.begin(), names.end(), [&](const char* n) { return *v == n; }) == names.end())
            s.fail("task.name", fmt::format("unknown task '{}' (known: {})", *v, fmt::join(names, ", ")));
        c.task.name = *v;
    }
    if (auto v = s.int32("task.hold_ticks")) c.task.hold_ticks = *v;
    if (auto v = s.number("task.noise")) c.task.noise = *v;
    if (auto v = s.int32("task.points")) c.task.points = *v;
}

void read_network(const PresetSource& s, StepNetConfig& c) {
    auto layers = s.int_array("network.layers");
    if (layers) c.layers = *layers;
    read_choice(s, "network.loss", c.loss, parse_loss, "cross_entropy, mse");
    if (s.find("network.init")) {
        Init init{};
        read_choice(s, "network.init", init, parse_init, "he, xavier");
        c.init = init;
    }
    read_activations(s, c, layers.has_value(), s.find("network.loss") != nullptr);
}

void read_train(const PresetSource& s, StepNetConfig& c) {
    read_choice(s, "train.backward", c.backward, parse_backward_mode, "snapshot, aligned, pipelined");
    if (auto v = s.int32("train.delay_depth")) c.delay_depth = *v;
    if (auto v = s.string("train.optimizer")) c.optimizer.name = *v;
    if (auto v = s.number("train.momentum")) c.optimizer.momentum = *v;
    if (auto v = s.number("train.weight_decay")) c.optimizer.weight_decay = *v;
    if (auto v = s.number("train.lr")) c.schedule.lr = *v;
    read_choice(s, "train.schedule", c.schedule.kind, parse_schedule, "constant, exponential, step");
    if (auto v = s.number("train.decay")) c.schedule.decay = *v;
    if (auto v = s.number("train.floor")) c.schedule.floor = *v;
    if (auto v = s.int32("train.step_every")) c.schedule.step_every = *v;
    if (auto v = s.number("train.gamma")) c.schedule.gamma = *v;
    if (auto v = s.boolean("train.attention")) c.attention = *v;
    if (auto v = s.number("train.temperature")) c.temperature = *v;
    if (auto v = s.int32("train.rolling_window")) c.rolling_window = *v;
    if (auto v = s.int32("train.series_every")) c.series_every = *v;
}

toml::table parse_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw InputError(
            fmt::format("{}: cannot read preset: {}", file.string(),
                        std::filesystem::exists(file, ec) ? "not a regular file" : "no such file"));
    try {
        return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw InputError(fmt::format("{}:{}:{}: {}", file.string(), at.line, at.column, e.description()));
    }
}

} // namespace

StepNetConfig load_preset(const std::filesystem::path& file, std::span<const std::string> overrides) {
    toml::table root = parse_file(file);
    PresetSource source(file.string(), root);
    check_known_keys(root, source);
    for (const std::string& text : overrides) {
        apply_override(root, source, text);
        const std::string key = text.substr(0, text.find('='));
        std::string trimmed;
        for (char ch : key)
            if (ch != ' ' && ch != '\t') trimmed += ch;
        source.mark_override(trimmed, text);
    }

    StepNetConfig c;
    read_top(source, c);
    read_task(source, c);
    read_network(source, c);
    read_train(source, c);

    std::unique_ptr<Task> task;
    try {
        task = make_task(c.task, c.seed);
    } catch (const InputError& e) {
        // The task's messages name their field in prose ("task 'spirals': points must be ...").
        const std::string_view what = e.what();
        const char* key = what.find("points") != std::string_view::npos  ? "task.points"
                          : what.find("noise") != std::string_view::npos ? "task.noise"
                                                                         : "task.name";
        source.fail(key, what);
    }
    try {
        validate(c, *task);
    } catch (const InputError& e) {
        rethrow_located(source, e.what(), "name");
    }
    return c;
}

} // namespace phasor
