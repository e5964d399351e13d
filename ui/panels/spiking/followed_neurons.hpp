// Following a neuron: the live parameter `view.follow` lists the neurons whose membrane and spikes the
// engine traces, the first of them the neuron picked in the 3D view. The raster and the 3D view put a
// clicked neuron first through the same SetParam every other control posts.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/panel.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace phasor::ui {

inline constexpr std::string_view kFollowKey = "view.follow";
inline constexpr std::size_t kMostFollowed = 6; // traces stay readable in one Membrane plot

// The neurons followed now: the parameter's list when the snapshot carries it, else the view's.
void followed_list(const Snapshot& snapshot, const SpikingView& view, std::vector<std::int64_t>& out);

// Posts `view.follow` with `neuron` first, the others after it in their order, at most kMostFollowed.
void follow_first(PanelContext& context, const SpikingView& view, std::uint32_t neuron);

} // namespace phasor::ui
