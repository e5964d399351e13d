// Typed access to a parsed preset with errors that point at the file position or the --set override.
#include "engine/preset/preset_source.hpp"

#include "engine/core/error.hpp"

#include <fmt/format.h>
#include <limits>

namespace phasor {

std::string_view type_phrase(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a float";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

const toml::node* PresetSource::find(std::string_view key) const {
    const toml::node* n = &root_;
    while (n) {
        const auto* table = n->as_table();
        if (!table) return nullptr;
        const auto dot = key.find('.');
        n = table->get(key.substr(0, dot));
        if (dot == std::string_view::npos) return n;
        key.remove_prefix(dot + 1);
    }
    return nullptr;
}

std::string PresetSource::position(const toml::source_region& at) const {
    return fmt::format("{}:{}:{}", file_, at.begin.line, at.begin.column);
}

std::string PresetSource::where(std::string_view key) const {
    if (auto it = overrides_.find(key); it != overrides_.end()) return "--set " + it->second;
    // Nodes made for an override have no position (line 0); walk up to the nearest one that has.
    for (std::string_view k = key; !k.empty();) {
        if (const toml::node* n = find(k); n && n->source().begin.line > 0) return position(n->source());
        const auto dot = k.rfind('.');
        k = dot == std::string_view::npos ? std::string_view{} : k.substr(0, dot);
    }
    return file_ + ":1:1";
}

std::string PresetSource::where(std::string_view key, const toml::source_region& at) const {
    if (overrides_.contains(key) || at.begin.line == 0) return where(key);
    return position(at);
}

void PresetSource::fail(std::string_view key, std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", where(key), key, what));
}

void PresetSource::fail_at(std::string_view key, const toml::source_region& at, std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", where(key, at), key, what));
}

void PresetSource::wrong_type(std::string_view key, const toml::node& n, std::string_view expected) const {
    fail_at(key, n.source(), fmt::format("expected {}, got {}", expected, type_phrase(n)));
}

std::optional<std::string> PresetSource::string(std::string_view key) const {
    const toml::node* n = find(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) wrong_type(key, *n, "a string");
    return std::string(n->as_string()->get());
}

std::optional<std::int64_t> PresetSource::integer(std::string_view key) const {
    const toml::node* n = find(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) wrong_type(key, *n, "an integer");
    return n->as_integer()->get();
}

std::optional<int> PresetSource::int32(std::string_view key) const {
    auto v = integer(key);
    if (!v) return std::nullopt;
    if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
        fail(key, fmt::format("{} is out of range", *v));
    return static_cast<int>(*v);
}

std::optional<float> PresetSource::number(std::string_view key) const {
    const toml::node* n = find(key);
    if (!n) return std::nullopt;
    if (n->is_integer()) return static_cast<float>(n->as_integer()->get());
    if (!n->is_floating_point()) wrong_type(key, *n, "a number");
    return static_cast<float>(n->as_floating_point()->get());
}

std::optional<bool> PresetSource::boolean(std::string_view key) const {
    const toml::node* n = find(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) wrong_type(key, *n, "true or false");
    return n->as_boolean()->get();
}

std::optional<std::vector<int>> PresetSource::int_array(std::string_view key) const {
    const toml::node* n = find(key);
    if (!n) return std::nullopt;
    if (!n->is_array()) wrong_type(key, *n, "an array of integers");
    std::vector<int> out;
    int index = 0;
    for (const toml::node& e : *n->as_array()) {
        ++index;
        if (!e.is_integer())
            fail_at(key, e.source(),
                    fmt::format("expected an array of integers, element {} is {}", index, type_phrase(e)));
        const std::int64_t v = e.as_integer()->get();
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
            fail_at(key, e.source(), fmt::format("element {} ({}) is out of range", index, v));
        out.push_back(static_cast<int>(v));
    }
    return out;
}

std::optional<std::vector<std::string>> PresetSource::string_array(std::string_view key) const {
    const toml::node* n = find(key);
    if (!n) return std::nullopt;
    if (!n->is_array()) wrong_type(key, *n, "an array of strings");
    std::vector<std::string> out;
    int index = 0;
    for (const toml::node& e : *n->as_array()) {
        ++index;
        if (!e.is_string())
            fail_at(key, e.source(),
                    fmt::format("expected an array of strings, element {} is {}", index, type_phrase(e)));
        out.emplace_back(e.as_string()->get());
    }
    return out;
}

} // namespace phasor
