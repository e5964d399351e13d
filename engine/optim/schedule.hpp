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
    void set_lr(float lr) { lr_ = lr; }
    const ScheduleSpec& spec() const { return spec_; }
    // Switches schedule kind/parameters live, keeping the current rate.
    void set_spec(const ScheduleSpec& spec) { spec_ = spec; }
    std::uint64_t updates() const { return updates_; }

  private:
    ScheduleSpec spec_;
    float lr_;
    std::uint64_t updates_ = 0;
};

} // namespace phasor
