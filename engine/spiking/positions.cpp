// Placement of neurons in 3D (see positions.hpp).
#include "engine/spiking/positions.hpp"

#include "engine/core/rng.hpp"

#include <stdexcept>

namespace phasor {

std::vector<Vec3> grid_positions(std::uint32_t nx, std::uint32_t ny, std::uint32_t nz, float spacing,
                                 Vec3 origin) {
    std::vector<Vec3> out;
    out.reserve(static_cast<std::size_t>(nx) * ny * nz);
    for (std::uint32_t z = 0; z < nz; ++z)
        for (std::uint32_t y = 0; y < ny; ++y)
            for (std::uint32_t x = 0; x < nx; ++x)
                out.push_back({origin.x + static_cast<float>(x) * spacing,
                               origin.y + static_cast<float>(y) * spacing,
                               origin.z + static_cast<float>(z) * spacing});
    return out;
}

std::vector<Vec3> random_positions(std::uint32_t n, Box box, std::uint64_t seed) {
    if (!(box.lo.x <= box.hi.x && box.lo.y <= box.hi.y && box.lo.z <= box.hi.z))
        throw std::invalid_argument("random_positions: the box's low corner must not exceed its high one");
    Rng rng(seed);
    std::vector<Vec3> out(n);
    for (Vec3& p : out) {
        p.x = rng.uniform(box.lo.x, box.hi.x);
        p.y = rng.uniform(box.lo.y, box.hi.y);
        p.z = rng.uniform(box.lo.z, box.hi.z);
    }
    return out;
}

std::vector<Vec3> layered_positions(std::span<const Layer> layers, Box box, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<Vec3> out;
    for (const Layer& layer : layers) {
        if (!(layer.z_lo <= layer.z_hi))
            throw std::invalid_argument("layered_positions: a layer's top must not be above its bottom");
        for (std::uint32_t k = 0; k < layer.count; ++k) {
            Vec3 p;
            p.x = rng.uniform(box.lo.x, box.hi.x);
            p.y = rng.uniform(box.lo.y, box.hi.y);
            p.z = rng.uniform(layer.z_lo, layer.z_hi);
            out.push_back(p);
        }
    }
    return out;
}

} // namespace phasor
