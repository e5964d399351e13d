// The preset schema: which keys each table may hold, and friendly errors (with a "did you mean") for the
// rest.
#include "engine/preset/schema.hpp"

#include "engine/core/error.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <string>
#include <vector>

namespace phasor {

namespace {

constexpr std::array<std::string_view, 4> kTopKeys{"name", "description", "seed", "ticks"};
constexpr std::array<std::string_view, 4> kTaskKeys{"name", "hold_ticks", "noise", "points"};
constexpr std::array<std::string_view, 4> kNetworkKeys{"layers", "activations", "loss", "init"};
constexpr std::array<std::string_view, 15> kTrainKeys{
    "backward", "delay_depth", "optimizer",   "momentum",       "weight_decay",
    "lr",       "schedule",    "decay",       "floor",          "step_every",
    "gamma",    "attention",   "temperature", "rolling_window", "series_every"};

constexpr std::array<TableSchema, 4> kSchema{{
    {"", kTopKeys},
    {"task", kTaskKeys},
    {"network", kNetworkKeys},
    {"train", kTrainKeys},
}};

const TableSchema* find_table(std::string_view name) {
    for (const auto& t : kSchema)
        if (t.name == name) return &t;
    return nullptr;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// A close known name, so that "lrate" or "layer" gets a pointer to the key the user meant.
std::string suggestion(std::string_view key, std::span<const std::string_view> known) {
    std::string_view best;
    std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
    for (std::string_view k : known) {
        std::size_t d = edit_distance(key, k);
        if (k.size() >= 2 && key.starts_with(k)) d = std::min<std::size_t>(d, 2);
        if (d < best_distance) best = k, best_distance = d;
    }
    return best.empty() ? std::string{} : fmt::format("; did you mean '{}'?", best);
}

std::string table_list() {
    std::vector<std::string> names;
    for (const auto& t : kSchema)
        if (!t.name.empty()) names.push_back(fmt::format("[{}]", t.name));
    return fmt::format("{}", fmt::join(names, ", "));
}

std::vector<std::string_view> table_names() {
    std::vector<std::string_view> names;
    for (const auto& t : kSchema)
        if (!t.name.empty()) names.push_back(t.name);
    return names;
}

std::string unknown_top(std::string_view key, bool is_table) {
    const auto tables = table_names();
    if (is_table)
        return fmt::format("unknown table [{}] (known tables: {}){}", key, table_list(),
                           suggestion(key, tables));
    std::vector<std::string_view> all(kTopKeys.begin(), kTopKeys.end());
    all.insert(all.end(), tables.begin(), tables.end());
    return fmt::format("unknown key '{}' (known top-level keys: {}; tables: {}){}", key,
                       fmt::join(kTopKeys, ", "), table_list(), suggestion(key, all));
}

std::string unknown_in(const TableSchema& t, std::string_view key, bool is_table) {
    if (is_table)
        return fmt::format("unknown table [{}.{}] ([{}] has no sub-tables; its keys: {}){}", t.name, key,
                           t.name, fmt::join(t.keys, ", "), suggestion(key, t.keys));
    return fmt::format("unknown key '{}.{}' (known keys in [{}]: {}){}", t.name, key, t.name,
                       fmt::join(t.keys, ", "), suggestion(key, t.keys));
}

bool contains(std::span<const std::string_view> keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

} // namespace

std::span<const TableSchema> preset_schema() {
    return kSchema;
}

void check_known_keys(const toml::table& root, const PresetSource& source) {
    for (auto&& [key, node] : root) {
        const std::string_view k = key.str();
        const std::string at = source.position(key.source());
        if (const TableSchema* t = k.empty() ? nullptr : find_table(k)) {
            if (!node.is_table())
                throw InputError(fmt::format("{}: {}: expected a table, got {}", at, k, type_phrase(node)));
            for (auto&& [sub, value] : *node.as_table())
                if (!contains(t->keys, sub.str()))
                    throw InputError(fmt::format("{}: {}", source.position(sub.source()),
                                                 unknown_in(*t, sub.str(), value.is_table())));
        } else if (!contains(kTopKeys, k)) {
            throw InputError(fmt::format("{}: {}", at, unknown_top(k, node.is_table())));
        }
    }
}

void check_override_key(std::string_view key, std::string_view text) {
    const auto dot = key.find('.');
    const std::string_view head = key.substr(0, dot);
    const TableSchema* t = head.empty() ? nullptr : find_table(head);
    if (dot == std::string_view::npos) {
        if (t)
            throw InputError(fmt::format("--set {}: [{}] is a table; set one of its keys, e.g. {}.{}=...",
                                         text, key, key, t->keys.front()));
        if (!contains(kTopKeys, key))
            throw InputError(fmt::format("--set {}: {}", text, unknown_top(key, false)));
        return;
    }
    if (!t) throw InputError(fmt::format("--set {}: {}", text, unknown_top(head, true)));
    const std::string_view rest = key.substr(dot + 1);
    if (rest.find('.') != std::string_view::npos || !contains(t->keys, rest))
        throw InputError(fmt::format("--set {}: {}", text, unknown_in(*t, rest, false)));
}

} // namespace phasor
