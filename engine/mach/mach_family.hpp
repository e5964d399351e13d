// Decoupled components (MACH) as a family: its parameter table, channels and headline metrics, and the typed
// MachConfig its parameters turn into.
#pragma once
#include "engine/mach/mach_net.hpp"
#include "engine/params/param_set.hpp"
#include "engine/runtime/family.hpp"

namespace phasor {

const Family& mach_family();
MachConfig mach_config(const ParamSet& params);

} // namespace phasor
