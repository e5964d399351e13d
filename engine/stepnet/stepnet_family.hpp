// The stepped network as a family: its parameter table, series channels and headline metrics, and the typed
// StepNetConfig its parameters turn into.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/runtime/family.hpp"
#include "engine/stepnet/config.hpp"

namespace phasor {

const Family& stepnet_family();

// The typed config of checked parameters (the automatic values filled in where the rule is simple).
StepNetConfig stepnet_config(const ParamSet& params);

} // namespace phasor
