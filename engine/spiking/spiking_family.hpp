// Spiking phase networks as a family: the parameter table (the circuit, its size, the live settings every
// circuit shares), channels and headline metrics, and the typed SpikingConfig its parameters turn into.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/runtime/family.hpp"
#include "engine/spiking/spiking_model.hpp"

namespace phasor {

// A live setting: its key in the table, and where its value goes in SpikingSettings.
struct LiveSetting {
    std::string_view key;
    void (*write)(SpikingSettings& settings, const ParamValue& value);
};
std::span<const LiveSetting> live_settings();
const LiveSetting* find_live_setting(std::string_view key);

const Family& spiking_family();
SpikingConfig spiking_config(const ParamSet& params);

} // namespace phasor
