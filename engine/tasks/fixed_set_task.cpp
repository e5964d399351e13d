// The uniform draw shared by every task with a finite training set, and the per-purpose data seeds.
#include "engine/tasks/fixed_set_task.hpp"

namespace phasor {

int FixedSetTask::draw(Rng& rng, VecRef x) {
    const Sample& s = train_[static_cast<std::size_t>(rng.below(static_cast<int>(train_.size())))];
    x = s.x; // x is already sized input_dim, so this copies without allocating
    return s.label;
}

std::uint64_t derive_seed(std::uint64_t seed, DataStream purpose) {
    // Rng runs its seed through splitmix64, so a fixed xor is enough to separate the streams.
    return seed ^ static_cast<std::uint64_t>(purpose);
}

} // namespace phasor
