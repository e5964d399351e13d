// `phasor presets`.
#include "app/presets_command.hpp"

#include "engine/preset/preset.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace phasor {

int presets_command(std::span<const std::filesystem::path> preset_dirs) {
    const auto presets = list_presets(preset_dirs);
    if (presets.empty()) {
        fmt::print("no presets found; searched:\n");
        for (const auto& dir : preset_search_path(preset_dirs)) fmt::print("  {}\n", dir.string());
        return 0;
    }
    std::size_t width = 0, family_width = 0;
    for (const auto& p : presets) width = std::max(width, p.name.size());
    for (const auto& p : presets) family_width = std::max(family_width, p.family.size());
    for (const auto& p : presets)
        fmt::print("{:<{}}  {:<{}}  {}\n", p.name, width, p.family, family_width, p.description);
    return 0;
}

} // namespace phasor
