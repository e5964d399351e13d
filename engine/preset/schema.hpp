// The keys a preset may contain, and the checks that reject anything else (an unknown key is never ignored:
// a typo would otherwise silently run the default). Internal to engine/preset.
#pragma once
#include "engine/preset/preset_source.hpp"

#include <span>
#include <string_view>

namespace phasor {

struct TableSchema {
    std::string_view name; // "" for the top level
    std::span<const std::string_view> keys;
};

std::span<const TableSchema> preset_schema();

// Throws InputError for an unknown key or table, or a known table that is not a table.
void check_known_keys(const toml::table& root, const PresetSource& source);

// Checks the dotted key of a --set override; `text` is the whole override for the message.
void check_override_key(std::string_view key, std::string_view text);

} // namespace phasor
