// Two-class point sets in the plane (circles, xor_quadrants, gaussians, spirals), inputs roughly within [-1,
// 1].
//
// TaskSpec fields used: `points` is the size of the training set and `test_points` of the held-out eval set
// (as many as `points` when not set), each balanced between the two classes (alternating labels); `noise` is
// the standard deviation of Gaussian jitter added to each point (0 = clean), except for gaussians, where it
// is the blobs' spread and 0 means the built-in spread of 0.2. A jittered point keeps the label of the class
// it was generated for, so noise makes the classes overlap. The training and eval sets come from two
// different seeds derived from the run seed.
#include "engine/tasks/fixed_set_task.hpp"

#include <cmath>
#include <numbers>

namespace phasor {

namespace {

constexpr float kTau = 2.f * std::numbers::pi_v<float>;

// Writes one clean point of class `label` (0 or 1) into x, y.
using PointGenerator = void (*)(int label, Rng& rng, float& x, float& y);

std::vector<Sample> generate(PointGenerator point, int points, float jitter, Rng& rng) {
    std::vector<Sample> set;
    set.reserve(static_cast<std::size_t>(points));
    for (int i = 0; i < points; ++i) {
        Sample s{Vec(2), i % 2};
        float x = 0.f, y = 0.f;
        point(s.label, rng, x, y);
        if (jitter > 0.f) {
            x += rng.normal(0.f, jitter);
            y += rng.normal(0.f, jitter);
        }
        s.x << x, y;
        set.push_back(std::move(s));
    }
    return set;
}

// The held-out set comes from its own stream, so its size changes neither the training set nor its order,
// and a set of `points` test points is the one every earlier version drew.
std::unique_ptr<Task> make_plane_task(PointGenerator point, std::vector<std::string> names, int points,
                                      int test_points, float jitter, std::uint64_t seed) {
    Rng train_rng(derive_seed(seed, DataStream::train));
    Rng eval_rng(derive_seed(seed, DataStream::eval));
    auto train = generate(point, points, jitter, train_rng);
    auto eval = generate(point, test_points, jitter, eval_rng);
    return std::make_unique<FixedSetTask>(2, std::move(names), std::move(train), std::move(eval), true);
}

// Inner disc of radius 0.5 against a ring from 0.7 to 1.0: the gap keeps the clean set separable.
void circle_point(int label, Rng& rng, float& x, float& y) {
    const float inner2 = label == 0 ? 0.f : 0.7f * 0.7f;
    const float outer2 = label == 0 ? 0.5f * 0.5f : 1.f;
    const float r =
        std::sqrt(rng.uniform(inner2, outer2)); // uniform over the area, not crowded at the centre
    const float angle = rng.uniform(0.f, kTau);
    x = r * std::cos(angle);
    y = r * std::sin(angle);
}

// Coordinates keep a small distance from the axes so that the sign, and hence the clean label, is never
// ambiguous.
void quadrant_point(int label, Rng& rng, float& x, float& y) {
    const float sx = rng.below(2) == 0 ? 1.f : -1.f;
    const float sy = label == 0 ? sx : -sx;
    x = sx * rng.uniform(0.05f, 1.f);
    y = sy * rng.uniform(0.05f, 1.f);
}

// The blob's spread comes from the jitter generate() adds, so the clean point is just the centre.
void gaussian_centre(int label, Rng&, float& x, float& y) {
    x = y = label == 0 ? -0.4f : 0.4f;
}

// Two arms of 1.5 turns, the second rotated half a turn; adjacent windings are 0.3 apart along a radius.
void spiral_point(int label, Rng& rng, float& x, float& y) {
    const float t = rng.uniform();
    const float r = 0.05f + 0.9f * t;
    const float angle = 1.5f * kTau * t + (label == 0 ? 0.f : std::numbers::pi_v<float>);
    x = r * std::cos(angle);
    y = r * std::sin(angle);
}

constexpr float kDefaultBlobSpread = 0.2f;

} // namespace

std::unique_ptr<Task> make_circles(int points, int test_points, float noise, std::uint64_t seed) {
    return make_plane_task(circle_point, {"inner", "outer"}, points, test_points, noise, seed);
}

std::unique_ptr<Task> make_xor_quadrants(int points, int test_points, float noise, std::uint64_t seed) {
    return make_plane_task(quadrant_point, {"same sign", "opposite sign"}, points, test_points, noise, seed);
}

std::unique_ptr<Task> make_gaussians(int points, int test_points, float noise, std::uint64_t seed) {
    return make_plane_task(gaussian_centre, {"A", "B"}, points, test_points,
                           noise > 0.f ? noise : kDefaultBlobSpread, seed);
}

std::unique_ptr<Task> make_spirals(int points, int test_points, float noise, std::uint64_t seed) {
    return make_plane_task(spiral_point, {"arm A", "arm B"}, points, test_points, noise, seed);
}

} // namespace phasor
