// Holds each drawn sample on the input for hold_ticks ticks, the way a stepped network sees its data.
#include "engine/core/error.hpp"
#include "engine/tasks/task.hpp"

#include <fmt/format.h>

namespace phasor {

SampleStream::SampleStream(Task& task, int hold_ticks)
    : task_(&task), hold_(hold_ticks), x_(Vec::Zero(task.input_dim())) {
    if (hold_ticks < 1) throw InputError(fmt::format("hold_ticks must be at least 1, got {}", hold_ticks));
}

bool SampleStream::advance(Rng& rng) {
    // held_ counts the ticks the current sample has been shown; a hold shortened by set_hold_ticks (or set
    // below 1) takes effect on the next tick instead of being skipped past.
    if (sample_id_ != 0 && held_ < hold_) {
        ++held_;
        return false;
    }
    label_ = task_->draw(rng, x_);
    ++sample_id_;
    held_ = 1;
    return true;
}

} // namespace phasor
