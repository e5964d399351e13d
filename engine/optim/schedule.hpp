// Learning-rate schedules. The schedule holds the current rate and advances it once per update, so a rate set
// live simply becomes the value the schedule continues from.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace phasor {

enum class ScheduleKind { Constant, Exponential, Step };

std::string_view to_string(ScheduleKind k);
std::optional<ScheduleKind> parse_schedule(std::string_view name);
std::vector<std::string_view> schedule_names();

struct ScheduleSpec {
    ScheduleKind kind = ScheduleKind::Exponential;
    float lr = 0.02f;       // starting rate
    float decay = 0.9995f;  // exponential: lr ← max(floor, lr·decay) per update
    float floor = 0.001f;   // lower bound for exponential and step
    int step_every = 10000; // step: every this many updates, lr ← max(floor, lr·gamma)
    float gamma = 0.5f;
};

// Throws InputError naming the bad field.
void validate(const ScheduleSpec& spec);

class LearningRateSchedule {
  public:
    explicit LearningRateSchedule(const ScheduleSpec& spec) : spec_(spec), lr_(spec.lr) {}
    float lr() const { return lr_; }
    // Advances after one update.
    void advance();
    void set_lr(float lr) {
        lr_ = lr;
        floor_known_ = false;
    }
    const ScheduleSpec& spec() const { return spec_; }
    // Switches schedule kind/parameters live, keeping the current rate.
    void set_spec(const ScheduleSpec& spec) {
        spec_ = spec;
        floor_known_ = false;
    }
    std::uint64_t updates() const { return updates_; }

    // Updates until the decay brings the rate to the floor: 0 when it is there (or set below it), −1 when it
    // never gets there (constant, a decay or gamma of 1). Exact (the float arithmetic of advance() repeated)
    // up to kExactUpdates, estimated from logarithms beyond. Worked out once after each change of rate or
    // spec; then it only counts down.
    std::int64_t updates_to_floor() const;
    // The rate after `updates` more updates, exactly as advance() would make it.
    float lr_after(std::uint64_t updates) const;
    static constexpr std::uint64_t kExactUpdates = 1u << 22;

  private:
    ScheduleSpec spec_;
    float lr_;
    std::uint64_t updates_ = 0;
    // The update count at which the floor is reached (or never_), for the rate and spec as they are.
    mutable bool floor_known_ = false;
    mutable std::int64_t floor_at_ = 0;
};

} // namespace phasor
