// `phasor params`: a family's parameter table, with the current values of a preset.
#include "app/params_command.hpp"

#include "engine/core/error.hpp"
#include "engine/params/param_set.hpp"
#include "engine/preset/preset.hpp"
#include "engine/runtime/family.hpp"

#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace phasor {

namespace {

using json = nlohmann::ordered_json;

json value_json(const ParamValue& value) {
    return std::visit(
        [](const auto& v) -> json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
                return nullptr;
            else
                return v;
        },
        value);
}

std::string range_text(const ParamSpec& row) {
    if (!row.choices.empty()) return fmt::format("{}", fmt::join(row.choices, " | "));
    if (row.type == ParamType::Flag) return "true | false";
    return row.range.describe();
}

json bound(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

void print_json(const ParamSet& params, const std::string& preset, const std::string& file) {
    const Family& family = params.family();
    json rows = json::array();
    for (std::size_t i = 0; i < params.table().size(); ++i) {
        const ParamSpec& row = params.table().row(i);
        json j = {{"key", row.key},
                  {"label", row.label},
                  {"type", to_string(row.type)},
                  {"range", range_text(row)},
                  {"min", bound(row.range.lo)},
                  {"max", bound(row.range.hi)},
                  {"min_open", row.range.lo_open},
                  {"max_open", row.range.hi_open},
                  {"choices", row.choices},
                  {"default", value_json(row.default_value)},
                  {"current", value_json(params.values()[i])},
                  {"automatic", row.automatic},
                  {"unit", row.unit},
                  {"live", row.apply == ParamApply::Live},
                  {"applies", to_string(row.apply)},
                  {"group", row.group},
                  {"help", row.help}};
        rows.push_back(std::move(j));
    }
    const json out = {{"family", family.name},
                      {"title", family.title},
                      {"description", family.description},
                      {"preset", preset.empty() ? json(nullptr) : json(preset)},
                      {"file", file.empty() ? json(nullptr) : json(file)},
                      {"parameters", rows}};
    std::cout << out.dump(2) << std::endl;
}

void print_table(const ParamSet& params, const std::string& preset, const std::string& file) {
    const Family& family = params.family();
    fmt::print("{} ({}): {}\n", family.title, family.name, family.description);
    if (!preset.empty())
        fmt::print("current values: preset {} ({})\n", preset, file);
    else
        fmt::print("current values: the defaults (give --preset to see a preset's)\n");
    fmt::print(
        "applies: live = on the next tick of a running model; rebuild = starts a new run; phasor run = read "
        "by the headless runner only; label = names the experiment\n\n");
    std::size_t key_width = 3, range_width = 5, value_width = 7;
    for (std::size_t i = 0; i < params.table().size(); ++i) {
        const ParamSpec& row = params.table().row(i);
        key_width = std::max(key_width, row.key.size());
        range_width = std::max(range_width, range_text(row).size());
        value_width = std::max(
            {value_width, to_display(row.default_value).size(), to_display(params.values()[i]).size()});
    }
    range_width = std::min<std::size_t>(range_width, 36);
    value_width = std::min<std::size_t>(value_width, 24);
    fmt::print("{:<{}}  {:<15}  {:<{}}  {:<{}}  {:<{}}  {}\n", "key", key_width, "type", "range", range_width,
               "default", value_width, "current", value_width, "applies");
    for (std::size_t i = 0; i < params.table().size(); ++i) {
        const ParamSpec& row = params.table().row(i);
        const std::string unit = row.unit.empty() ? std::string{} : fmt::format(" ({})", row.unit);
        fmt::print("{:<{}}  {:<15}  {:<{}}  {:<{}}  {:<{}}  {}\n", row.key, key_width, to_string(row.type),
                   range_text(row), range_width, to_display(row.default_value), value_width,
                   to_display(params.values()[i]), value_width, to_string(row.apply));
        fmt::print("    {}{}\n", row.help, unit);
        if (!row.automatic.empty()) fmt::print("    auto: {}\n", row.automatic);
    }
}

} // namespace

int params_command(const ParamsOptions& o, std::span<const std::filesystem::path> preset_dirs) {
    if (!o.preset.empty() && !o.family.empty())
        throw InputError("--family and --preset: give one (a preset names its own family)");
    if (o.preset.empty() && !o.sets.empty()) throw InputError("--set needs a --preset to change");
    std::string file;
    const Family* family = &default_family();
    if (!o.family.empty()) {
        family = find_family(o.family);
        if (!family) {
            std::string names;
            for (const Family* f : families()) names += (names.empty() ? "" : ", ") + std::string(f->name);
            throw InputError(fmt::format("--family {}: unknown family (known: {})", o.family, names));
        }
    }
    ParamSet params(*family);
    if (!o.preset.empty()) {
        const std::filesystem::path path = resolve_preset(o.preset, preset_dirs);
        file = path.string();
        params = load_preset(path, o.sets);
    }
    if (o.json)
        print_json(params, o.preset, file);
    else
        print_table(params, o.preset, file);
    return 0;
}

} // namespace phasor
