// Learning-rate schedules.
#include "engine/optim/schedule.hpp"

#include "engine/core/enum_names.hpp"
#include "engine/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace phasor {

namespace {
constexpr std::array<EnumName<ScheduleKind>, 3> kScheduleNames{{{ScheduleKind::Constant, "constant"},
                                                                {ScheduleKind::Exponential, "exponential"},
                                                                {ScheduleKind::Step, "step"}}};
} // namespace

std::string_view to_string(ScheduleKind k) {
    return name_of(kScheduleNames, k);
}
std::optional<ScheduleKind> parse_schedule(std::string_view name) {
    return value_named(kScheduleNames, name);
}
std::vector<std::string_view> schedule_names() {
    return names_of(kScheduleNames);
}

void validate(const ScheduleSpec& s) {
    if (!(std::isfinite(s.lr) && s.lr > 0.f)) throw InputError(fmt::format("lr must be > 0, got {}", s.lr));
    if (!(s.decay > 0.f && s.decay <= 1.f))
        throw InputError(fmt::format("decay must be in (0, 1], got {}", s.decay));
    if (!(s.floor >= 0.f && std::isfinite(s.floor)))
        throw InputError(fmt::format("floor must be >= 0, got {}", s.floor));
    if (s.step_every < 1) throw InputError(fmt::format("step_every must be >= 1, got {}", s.step_every));
    if (!(s.gamma > 0.f && s.gamma <= 1.f))
        throw InputError(fmt::format("gamma must be in (0, 1], got {}", s.gamma));
}

void LearningRateSchedule::advance() {
    ++updates_;
    switch (spec_.kind) {
    case ScheduleKind::Constant:
        break;
    case ScheduleKind::Exponential:
        // A rate set live below the floor is the user's choice; the floor only stops decay from going
        // further.
        if (lr_ > spec_.floor) lr_ = std::max(spec_.floor, lr_ * spec_.decay);
        break;
    case ScheduleKind::Step:
        if (updates_ % static_cast<std::uint64_t>(spec_.step_every) == 0 && lr_ > spec_.floor)
            lr_ = std::max(spec_.floor, lr_ * spec_.gamma);
        break;
    }
}

std::int64_t LearningRateSchedule::updates_to_floor() const {
    const auto done = static_cast<std::int64_t>(updates_);
    if (!floor_known_) {
        floor_known_ = true;
        floor_at_ = -1;
        // A floor of 0 is only approached (in floats the rate ends stuck at the smallest denormal).
        const bool decays =
            spec_.floor > 0.f && ((spec_.kind == ScheduleKind::Exponential && spec_.decay < 1.f) ||
                                  (spec_.kind == ScheduleKind::Step && spec_.gamma < 1.f));
        if (lr_ <= spec_.floor) {
            floor_at_ = done;
        } else if (decays) {
            const float factor = spec_.kind == ScheduleKind::Exponential ? spec_.decay : spec_.gamma;
            // Steps of the rate until it is at the floor, in advance()'s arithmetic.
            std::uint64_t steps = 0;
            float lr = lr_;
            while (lr > spec_.floor && steps < kExactUpdates) {
                lr = std::max(spec_.floor, lr * factor);
                ++steps;
            }
            if (lr > spec_.floor) // too far to count: the logarithm's answer
                steps =
                    static_cast<std::uint64_t>(std::ceil(std::log(static_cast<double>(spec_.floor) / lr_) /
                                                         std::log(static_cast<double>(factor))));
            if (spec_.kind == ScheduleKind::Exponential) {
                floor_at_ = done + static_cast<std::int64_t>(steps);
            } else {
                // The step schedule moves when the update count reaches a multiple of step_every.
                const auto every = static_cast<std::int64_t>(spec_.step_every);
                floor_at_ = (done / every + static_cast<std::int64_t>(steps)) * every;
            }
        }
    }
    return floor_at_ < 0 ? -1 : std::max<std::int64_t>(0, floor_at_ - done);
}

float LearningRateSchedule::lr_after(std::uint64_t updates) const {
    LearningRateSchedule ahead = *this;
    for (std::uint64_t i = 0; i < updates; ++i) ahead.advance();
    return ahead.lr();
}

} // namespace phasor
