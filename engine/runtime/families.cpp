// The registry of model families, and the parameters every family shares. Adding a family is one line here.
#include "engine/runtime/family.hpp"

#include "engine/mach/mach_family.hpp"
#include "engine/rules/rules_family.hpp"
#include "engine/spiking/spiking_family.hpp"
#include "engine/stepnet/stepnet_family.hpp"

#include <array>

namespace phasor {

std::span<const Family* const> families() {
    static const std::array<const Family*, 4> registered{
        &stepnet_family(),
        &mach_family(),
        &spiking_family(),
        &rules_family(),
    };
    return registered;
}

const Family* find_family(std::string_view name) {
    for (const Family* family : families())
        if (family->name == name) return family;
    return nullptr;
}

const Family& default_family() {
    return *families().front();
}

std::vector<ParamSpec> common_params(std::int64_t default_ticks) {
    return {
        {.key = "name",
         .type = ParamType::Text,
         .default_value = std::string(),
         .label = "Name",
         .help = "The experiment's name, shown in the app and the reports",
         .apply = ParamApply::Label,
         .required = true},
        {.key = "description",
         .type = ParamType::Text,
         .default_value = std::string(),
         .label = "Description",
         .help = "One or two sentences on what the experiment shows",
         .apply = ParamApply::Label},
        {.key = "seed",
         .type = ParamType::Integer,
         .default_value = std::int64_t{1},
         .label = "Seed",
         .help = "Fixes every random draw: initial weights, data, sampling order",
         .apply = ParamApply::Rebuild,
         .range = {.lo = 0},
         .group = "Run"},
        {.key = "speed",
         .type = ParamType::Real,
         .default_value = 0.f,
         .label = "Speed",
         .help =
             "How fast the app runs it, in ticks per second: 0 as fast as it goes; `phasor run` always goes "
             "full speed",
         .apply = ParamApply::Pace,
         .range = {.lo = 0, .hi = 1e7},
         .unit = "ticks/s"},
        {.key = "ticks",
         .type = ParamType::Integer,
         .default_value = default_ticks,
         .label = "Ticks",
         .help = "How long `phasor run` trains when --ticks is not given",
         .apply = ParamApply::Runner,
         .range = {.lo = 1, .hi = 1e12},
         .unit = "ticks"},
    };
}

} // namespace phasor
