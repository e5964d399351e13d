// Placement of neurons in 3D: a grid's spacing and order, random positions inside their box and fixed by the
// seed, layers each in their own slab.
#include "engine/spiking/positions.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace phasor {
namespace {

TEST(Placement, GridPutsNeuronsSpacingApartXFastest) {
    const auto p = grid_positions(3, 2, 4, 1e-5f, {1e-3f, 0, 0});
    ASSERT_EQ(p.size(), 24u);
    EXPECT_NEAR(p[1].x - p[0].x, 1e-5f, 1e-9f);
    EXPECT_FLOAT_EQ(p[3].y - p[0].y, 1e-5f);
    EXPECT_FLOAT_EQ(p[6].z - p[0].z, 1e-5f);
    EXPECT_FLOAT_EQ(p[0].x, 1e-3f);
    EXPECT_FLOAT_EQ(p[23].z, 3e-5f);
}

TEST(Placement, RandomPositionsStayInTheirBoxFillItAndFollowTheSeed) {
    const Box box{{-1e-4f, 0, 2e-4f}, {1e-4f, 5e-4f, 3e-4f}};
    const auto a = random_positions(5000, box, 3), b = random_positions(5000, box, 3),
               c = random_positions(5000, box, 4);
    double mean_x = 0;
    for (const Vec3& p : a) {
        EXPECT_TRUE(p.x >= box.lo.x && p.x <= box.hi.x && p.y >= box.lo.y && p.y <= box.hi.y &&
                    p.z >= box.lo.z && p.z <= box.hi.z);
        mean_x += p.x / 5000;
    }
    EXPECT_NEAR(mean_x, 0.0, 4e-6); // uniform: centred (sd of the mean 0.8e-6)
    EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(Vec3)));
    EXPECT_NE(0, std::memcmp(a.data(), c.data(), a.size() * sizeof(Vec3)));
}

TEST(Placement, LayersHoldTheirCountsInTheirOwnSlabs) {
    const Box box{{0, 0, 0}, {1e-3f, 1e-3f, 1e-3f}};
    const Layer layers[] = {{100, 0.f, 1e-4f}, {300, 4e-4f, 6e-4f}, {50, 9e-4f, 1e-3f}};
    const auto p = layered_positions(layers, box, 1);
    ASSERT_EQ(p.size(), 450u);
    std::size_t at = 0;
    for (const Layer& layer : layers)
        for (std::uint32_t k = 0; k < layer.count; ++k, ++at) {
            EXPECT_GE(p[at].z, layer.z_lo);
            EXPECT_LE(p[at].z, layer.z_hi);
            EXPECT_TRUE(p[at].x >= 0 && p[at].x <= 1e-3f);
        }
}

} // namespace
} // namespace phasor
