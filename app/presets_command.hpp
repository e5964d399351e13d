// `phasor presets`: the presets that --preset accepts, with their descriptions.
#pragma once
#include <filesystem>
#include <span>

namespace phasor {

int presets_command(std::span<const std::filesystem::path> preset_dirs);

} // namespace phasor
