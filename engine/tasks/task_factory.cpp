// Builds a task from its preset description, rejecting unknown names and bad parameters with a message for
// the user.
#include "engine/core/error.hpp"
#include "engine/tasks/fixed_set_task.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <string_view>

namespace phasor {

namespace {

constexpr std::array<const char*, 8> kTaskNames = {
    "lowhighmix", "lowhighmix_noisy", "xor", "parity4", "circles", "xor_quadrants", "gaussians", "spirals",
};

// A cap on generated sets so that a typo in a preset gives a message instead of exhausting memory.
constexpr int kMinPoints = 4;
constexpr int kMaxPoints = 1'000'000;

std::string known_names() {
    std::string list;
    for (const char* name : kTaskNames) {
        if (!list.empty()) list += ", ";
        list += name;
    }
    return list;
}

void check_points(const TaskSpec& spec) {
    if (spec.points < kMinPoints || spec.points > kMaxPoints)
        throw InputError(fmt::format("task '{}': points must be between {} and {}, got {}", spec.name,
                                     kMinPoints, kMaxPoints, spec.points));
    // A single held-out point is a poor test but a valid one.
    if (spec.test_points && (*spec.test_points < 1 || *spec.test_points > kMaxPoints))
        throw InputError(fmt::format("task '{}': test_points must be between 1 and {}, got {}", spec.name,
                                     kMaxPoints, *spec.test_points));
}

} // namespace

std::span<const char* const> task_names() {
    return kTaskNames;
}

std::unique_ptr<Task> make_task(const TaskSpec& spec, std::uint64_t seed) {
    const std::string_view name = spec.name;
    if (!std::isfinite(spec.noise) || spec.noise < 0.f)
        throw InputError(
            fmt::format("task '{}': noise must be a finite value >= 0, got {}", spec.name, spec.noise));

    if (name == "lowhighmix") {
        if (spec.noise != 0.f)
            throw InputError(fmt::format("task 'lowhighmix' is noise-free (noise = {} given); use "
                                         "'lowhighmix_noisy' for a noisy stream",
                                         spec.noise));
        return make_lowhighmix();
    }
    if (name == "lowhighmix_noisy") return make_lowhighmix_noisy(spec.noise, seed);
    if (name == "xor") return make_xor();
    if (name == "parity4") return make_parity4();

    using PlaneBuilder = std::unique_ptr<Task> (*)(int, int, float, std::uint64_t);
    PlaneBuilder plane = nullptr;
    if (name == "circles") plane = make_circles;
    if (name == "xor_quadrants") plane = make_xor_quadrants;
    if (name == "gaussians") plane = make_gaussians;
    if (name == "spirals") plane = make_spirals;
    if (plane) {
        check_points(spec);
        return plane(spec.points, spec.test_points.value_or(spec.points), spec.noise, seed);
    }

    throw InputError(fmt::format("unknown task '{}'; known tasks: {}", spec.name, known_names()));
}

} // namespace phasor
