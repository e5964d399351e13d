// Which keys a preset may contain, read off the family's parameter table, and the checks that reject anything
// else (an unknown key is never ignored: a typo would otherwise silently run the default). Internal to
// engine/preset.
#pragma once
#include "engine/params/param.hpp"
#include "engine/preset/preset_source.hpp"

#include <string_view>

namespace phasor {

// The one key a preset has beyond its family's parameters: which family it is.
inline constexpr std::string_view kFamilyKey = "family";

// Throws InputError for an unknown key or table, or a known table that is not a table.
void check_known_keys(const toml::table& root, const PresetSource& source, const ParamTable& table);

// Checks the dotted key of a --set override; `text` is the whole override for the message.
void check_override_key(std::string_view key, std::string_view text, const ParamTable& table);

} // namespace phasor
