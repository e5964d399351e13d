// Reading a parameter's value from TOML: a node of a preset file, or text typed on a command line (--set,
// --at) or into the app. One conversion for all of them, so a value means the same wherever it is written.
#pragma once
#include "engine/params/param.hpp"

#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <variant>

namespace phasor {

// Why a node does not give a value for its row, and the node the reason is about (an array element, or the
// node itself), so a preset error can point at its line and column.
struct ValueError {
    std::string reason;
    const toml::node* at = nullptr;
};

// Converts `node` to the row's type (an integer is fine where a float is asked) and checks it.
std::variant<ParamValue, ValueError> read_value(const ParamSpec& row, const toml::node& node);

// Text as typed, held in a one-key table ("v"): a TOML value ("0.05", "[4, 32, 3]", "\"pipelined\"") or, when
// the text is not one, the text itself as a string, so `train.backward=pipelined` needs no quotes.
toml::table value_table(std::string_view text);

// Text as typed, converted and checked for the row. Throws InputError with the reason (without the key).
ParamValue parse_value(const ParamSpec& row, std::string_view text);
// Only converted to the row's type, not checked against its range or choices: the UI posts what was typed and
// lets the engine judge it, so a refusal reads the same wherever the value came from.
ParamValue convert_value(const ParamSpec& row, std::string_view text);

// "an integer", "a string", ... for messages.
std::string_view type_phrase(const toml::node& node);

} // namespace phasor
