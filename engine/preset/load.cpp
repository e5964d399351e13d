// load_preset: TOML file → family → overrides → every row read and checked → the family's whole-set check,
// every error located in the file or the override.
#include "engine/core/error.hpp"
#include "engine/io/input_file.hpp"
#include "engine/params/param_toml.hpp"
#include "engine/preset/preset.hpp"
#include "engine/preset/preset_source.hpp"
#include "engine/preset/schema.hpp"
#include "engine/runtime/family.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace phasor {

namespace {

// Splits "network.layers: message" into key and message, so that a whole-set error can be located.
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

std::string trimmed_key(std::string_view text) {
    std::string key(text.substr(0, text.find('=')));
    key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == ' ' || c == '\t'; }),
              key.end());
    return key;
}

void apply_override(toml::table& root, PresetSource& source, const std::string& text,
                    const ParamTable& table) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw InputError(fmt::format("--set {}: expected key=value, e.g. train.lr=0.05", text));
    std::string key = trimmed_key(text);
    if (key != kFamilyKey) check_override_key(key, text, table);
    const toml::table parsed = value_table(std::string_view(text).substr(eq + 1));
    toml::table* target = &root;
    if (const auto dot = key.find('.'); dot != std::string::npos) {
        const std::string section = key.substr(0, dot);
        if (!root.contains(section)) root.insert_or_assign(section, toml::table{});
        target = root.get_as<toml::table>(section);
        if (!target) source.fail(section, "expected a table");
        key.erase(0, dot + 1);
    }
    target->insert_or_assign(key, *parsed.get("v"));
    source.mark_override(trimmed_key(text), text);
}

// The family the preset names (an override of `family` counts); the stepped network when it names none.
const Family& read_family(toml::table& root, PresetSource& source, std::span<const std::string> overrides) {
    for (const std::string& text : overrides)
        if (text.find('=') != std::string::npos && trimmed_key(text) == kFamilyKey) {
            root.insert_or_assign(kFamilyKey,
                                  *value_table(std::string_view(text).substr(text.find('=') + 1)).get("v"));
            source.mark_override(std::string(kFamilyKey), text);
        }
    const toml::node* node = source.find(kFamilyKey);
    if (!node) return default_family();
    std::vector<std::string_view> names;
    for (const Family* f : families()) names.push_back(f->name);
    const auto* name = node->as_string();
    if (!name)
        source.fail_at(kFamilyKey, node->source(),
                       fmt::format("expected a string, got {}", type_phrase(*node)));
    if (const Family* family = find_family(name->get())) return *family;
    const std::string_view near = closest_name(name->get(), names);
    source.fail_at(kFamilyKey, node->source(),
                   fmt::format("unknown family '{}' (known: {}){}", name->get(), fmt::join(names, ", "),
                               near.empty() ? std::string{} : fmt::format("; did you mean '{}'?", near)));
}

toml::table parse_text(std::string_view text, const std::string& name) {
    try {
        return toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw InputError(fmt::format("{}:{}:{}: {}", name, at.line, at.column, e.description()));
    }
}

} // namespace

ParamSet load_preset(const std::filesystem::path& file, std::span<const std::string> overrides) {
    // Read here rather than by toml::parse_file, which reported an unreadable file at 0:0 with no reason.
    return load_preset_text(read_text_file(file, "preset file"), file.string(), overrides);
}

ParamSet load_preset_text(std::string_view text, const std::string& name,
                          std::span<const std::string> overrides) {
    toml::table root = parse_text(text, name);
    PresetSource source(name, root);
    const Family& family = read_family(root, source, overrides);
    const ParamTable& table = family.params;
    check_known_keys(root, source, table);
    for (const std::string& text : overrides)
        if (text.find('=') == std::string::npos || trimmed_key(text) != kFamilyKey)
            apply_override(root, source, text, table);

    ParamSet params(family);
    for (const ParamSpec& row : table.rows()) {
        const toml::node* node = source.find(row.key);
        if (!node) {
            if (row.required)
                source.fail(row.key, fmt::format("missing: every preset needs {} = \"...\"", row.key));
            continue;
        }
        auto value = read_value(row, *node);
        if (auto* error = std::get_if<ValueError>(&value))
            source.fail_at(row.key, error->at->source(), error->reason);
        const ParamValue& v = std::get<ParamValue>(value);
        if (row.required && std::holds_alternative<std::string>(v) && std::get<std::string>(v).empty())
            source.fail(row.key, "must not be empty");
        params.set(row.key, v);
    }
    try {
        family.check(params);
    } catch (const InputError& e) {
        auto [key, rest] = split_keyed(e.what());
        if (key.empty() || !table.find(key)) source.fail(table.rows().front().key, e.what());
        source.fail(key, rest);
    }
    return params;
}

} // namespace phasor
