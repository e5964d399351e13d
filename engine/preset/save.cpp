// preset_text: a family's parameters written back as a preset file, readable and editable by hand.
#include "engine/preset/preset.hpp"
#include "engine/preset/schema.hpp"
#include "engine/runtime/family.hpp"

#include <fmt/format.h>

namespace phasor {

namespace {

void write_row(std::string& out, const ParamSpec& row, const ParamValue& value, std::string_view key) {
    const std::string unit = row.unit.empty() ? std::string{} : fmt::format(" ({})", row.unit);
    out += fmt::format("# {}{}\n", row.help, unit);
    if (std::holds_alternative<std::monostate>(value))
        out += fmt::format("# {} is automatic: {}\n", key, row.automatic);
    else
        out += fmt::format("{} = {}\n", key, to_toml(value));
}

} // namespace

std::string preset_text(const ParamSet& params) {
    const Family& family = params.family();
    const ParamTable& table = params.table();
    std::string out = fmt::format("# A {} preset saved by Phasor. `phasor params --preset FILE` lists every "
                                  "parameter with its range.\n{} = \"{}\"\n",
                                  family.title, kFamilyKey, family.name);
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table.row(i).key.find('.') == std::string_view::npos)
            write_row(out, table.row(i), params.values()[i], table.row(i).key);
    for (std::string_view section : table.sections()) {
        out += fmt::format("\n[{}]\n", section);
        for (std::size_t i = 0; i < table.size(); ++i) {
            const std::string_view key = table.row(i).key;
            if (key.size() > section.size() && key.starts_with(section) && key[section.size()] == '.')
                write_row(out, table.row(i), params.values()[i], key.substr(section.size() + 1));
        }
    }
    return out;
}

} // namespace phasor
