// Tasks are sample streams: a source of labelled inputs for training, plus a fixed held-out set for
// evaluation.
#pragma once
#include "engine/core/rng.hpp"
#include "engine/core/tensor.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace phasor {

struct Sample {
    Vec x;
    int label = 0;
};

// What a preset says about the task. Fields a task does not use are ignored by it (documented per task).
struct TaskSpec {
    std::string name = "lowhighmix";
    int hold_ticks = 20;              // each drawn sample stays on the input for this many ticks
    float noise = 0.0f;               // standard deviation of the Gaussian noise added (noisy and 2-D tasks)
    int points = 200;                 // size of the training set (2-D tasks)
    std::optional<int> test_points{}; // size of the held-out set (2-D tasks); not set: as many as `points`
};

class Task {
  public:
    virtual ~Task() = default;
    virtual int input_dim() const = 0;
    virtual int num_classes() const = 0;
    virtual const std::vector<std::string>& class_names() const = 0;
    // Writes the next training input into x (already sized input_dim) and returns its label. Allocates
    // nothing.
    virtual int draw(Rng& rng, VecRef x) = 0;
    // The fixed set scored with the settled forward.
    virtual const std::vector<Sample>& eval_set() const = 0;
    // Whether that set is held out (drawn apart from the training data), or is the training data itself (the
    // finite pattern tasks, which have nothing else to score on).
    virtual bool eval_held_out() const = 0;
    // The finite training set, when the task has one (empty for endless streams); the UI plots it for 2-D
    // tasks.
    virtual const std::vector<Sample>& train_set() const = 0;
};

// Known task names, for messages and the UI.
std::span<const char* const> task_names();

// Builds a task; `seed` fixes any generated data. Throws InputError for an unknown name or bad parameters.
std::unique_ptr<Task> make_task(const TaskSpec& spec, std::uint64_t seed);

// Presents a task's samples tick by tick, switching to a new random draw every `hold_ticks` ticks.
class SampleStream {
  public:
    SampleStream(Task& task, int hold_ticks);
    // Advances one tick. Returns true when a new sample was drawn on this tick.
    bool advance(Rng& rng);
    const Vec& input() const { return x_; }
    int label() const { return label_; }
    std::uint64_t sample_id() const { return sample_id_; }
    int hold_ticks() const { return hold_; }
    void set_hold_ticks(int hold) { hold_ = hold; }

  private:
    Task* task_;
    int hold_;
    int held_ = 0;
    Vec x_;
    int label_ = 0;
    std::uint64_t sample_id_ = 0;
};

} // namespace phasor
