// Neurons placed in 3D (metres): on a grid, uniformly at random in a box, or in layers (slabs stacked in
// depth), one position per neuron in index order, so a population's slice of indices is its slice of space.
#pragma once
#include "engine/spiking/circuit.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

// An axis-aligned box [lo, hi].
struct Box {
    Vec3 lo, hi;
};

// `nx · ny · nz` neurons `spacing` apart from `origin`, x fastest.
std::vector<Vec3> grid_positions(std::uint32_t nx, std::uint32_t ny, std::uint32_t nz, float spacing,
                                 Vec3 origin = {});
// `n` neurons uniform in `box`, the same for the same seed.
std::vector<Vec3> random_positions(std::uint32_t n, Box box, std::uint64_t seed);

// A slab of the box in depth (z), holding `count` neurons uniform in x, y and in [z_lo, z_hi].
struct Layer {
    std::uint32_t count = 0;
    float z_lo = 0.f, z_hi = 0.f;
};
// Layer after layer, each uniform in the box's x–y extent and its own depth range.
std::vector<Vec3> layered_positions(std::span<const Layer> layers, Box box, std::uint64_t seed);

} // namespace phasor
