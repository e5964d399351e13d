// The preset schema of a family's table: which keys each TOML table may hold, and friendly errors (with a
// "did you mean") for the rest.
#include "engine/preset/schema.hpp"

#include "engine/core/error.hpp"
#include "engine/params/param_toml.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string>
#include <vector>

namespace phasor {

namespace {

std::string suggestion(std::string_view key, std::span<const std::string_view> known) {
    const std::string_view near = closest_name(key, known);
    return near.empty() ? std::string{} : fmt::format("; did you mean '{}'?", near);
}

bool contains(std::span<const std::string_view> keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool is_section(const ParamTable& table, std::string_view name) {
    return !name.empty() && contains(table.sections(), name);
}

std::vector<std::string_view> top_keys(const ParamTable& table) {
    std::vector<std::string_view> keys{kFamilyKey};
    for (std::string_view k : table.keys_in("")) keys.push_back(k);
    return keys;
}

std::string table_list(const ParamTable& table) {
    std::vector<std::string> names;
    for (std::string_view s : table.sections()) names.push_back(fmt::format("[{}]", s));
    return fmt::format("{}", fmt::join(names, ", "));
}

std::string unknown_top(const ParamTable& table, std::string_view key, bool is_table) {
    if (is_table)
        return fmt::format("unknown table [{}] (known tables: {}){}", key, table_list(table),
                           suggestion(key, table.sections()));
    const auto keys = top_keys(table);
    std::vector<std::string_view> all = keys;
    all.insert(all.end(), table.sections().begin(), table.sections().end());
    return fmt::format("unknown key '{}' (known top-level keys: {}; tables: {}){}", key,
                       fmt::join(keys, ", "), table_list(table), suggestion(key, all));
}

std::string unknown_in(const ParamTable& table, std::string_view section, std::string_view key,
                       bool is_table) {
    const auto keys = table.keys_in(section);
    if (is_table)
        return fmt::format("unknown table [{}.{}] ([{}] has no sub-tables; its keys: {}){}", section, key,
                           section, fmt::join(keys, ", "), suggestion(key, keys));
    return fmt::format("unknown key '{}.{}' (known keys in [{}]: {}){}", section, key, section,
                       fmt::join(keys, ", "), suggestion(key, keys));
}

} // namespace

void check_known_keys(const toml::table& root, const PresetSource& source, const ParamTable& table) {
    const auto top = top_keys(table);
    for (auto&& [key, node] : root) {
        const std::string_view k = key.str();
        const std::string at = source.position(key.source());
        if (is_section(table, k)) {
            if (!node.is_table())
                throw InputError(fmt::format("{}: {}: expected a table, got {}", at, k, type_phrase(node)));
            const auto keys = table.keys_in(k);
            for (auto&& [sub, value] : *node.as_table())
                if (!contains(keys, sub.str()))
                    throw InputError(fmt::format("{}: {}", source.position(sub.source()),
                                                 unknown_in(table, k, sub.str(), value.is_table())));
        } else if (!contains(top, k)) {
            throw InputError(fmt::format("{}: {}", at, unknown_top(table, k, node.is_table())));
        }
    }
}

void check_override_key(std::string_view key, std::string_view text, const ParamTable& table) {
    const auto dot = key.find('.');
    const std::string_view head = key.substr(0, dot);
    if (dot == std::string_view::npos) {
        if (is_section(table, key))
            throw InputError(fmt::format("--set {}: [{}] is a table; set one of its keys, e.g. {}.{}=...",
                                         text, key, key, table.keys_in(key).front()));
        if (!contains(top_keys(table), key))
            throw InputError(fmt::format("--set {}: {}", text, unknown_top(table, key, false)));
        return;
    }
    if (!is_section(table, head))
        throw InputError(fmt::format("--set {}: {}", text, unknown_top(table, head, true)));
    const std::string_view rest = key.substr(dot + 1);
    if (rest.find('.') != std::string_view::npos || !contains(table.keys_in(head), rest))
        throw InputError(fmt::format("--set {}: {}", text, unknown_in(table, head, rest, false)));
}

} // namespace phasor
