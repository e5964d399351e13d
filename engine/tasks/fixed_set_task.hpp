// Private to engine/tasks: the shared shape of tasks drawn from a finite set, and the builders make_task
// dispatches to.
#pragma once
#include "engine/tasks/task.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace phasor {

// A task whose training stream is a uniform pick from a finite training set (the set may also be the eval
// set).
class FixedSetTask : public Task {
  public:
    FixedSetTask(int input_dim, std::vector<std::string> class_names, std::vector<Sample> train,
                 std::vector<Sample> eval, bool eval_held_out)
        : input_dim_(input_dim), class_names_(std::move(class_names)), train_(std::move(train)),
          eval_(std::move(eval)), eval_held_out_(eval_held_out) {}

    int input_dim() const override { return input_dim_; }
    int num_classes() const override { return static_cast<int>(class_names_.size()); }
    const std::vector<std::string>& class_names() const override { return class_names_; }
    int draw(Rng& rng, VecRef x) override;
    const std::vector<Sample>& eval_set() const override { return eval_; }
    bool eval_held_out() const override { return eval_held_out_; }
    const std::vector<Sample>& train_set() const override { return train_; }

  private:
    int input_dim_;
    std::vector<std::string> class_names_;
    std::vector<Sample> train_;
    std::vector<Sample> eval_;
    bool eval_held_out_;
};

// Generated data must not share a stream with the trainer's own Rng, which is usually seeded with the same
// seed; each purpose gets its own seed mixed from the run seed.
enum class DataStream : std::uint64_t {
    train = 0x7a11'5e7d'0000'0001ULL,
    eval = 0x5eed'e7a1'0000'0002ULL,
};
std::uint64_t derive_seed(std::uint64_t seed, DataStream purpose);

std::unique_ptr<Task> make_lowhighmix();
std::unique_ptr<Task> make_lowhighmix_noisy(float noise, std::uint64_t seed);
std::unique_ptr<Task> make_xor();
std::unique_ptr<Task> make_parity4();
// The plane tasks: `points` training points and `test_points` held out.
std::unique_ptr<Task> make_circles(int points, int test_points, float noise, std::uint64_t seed);
std::unique_ptr<Task> make_xor_quadrants(int points, int test_points, float noise, std::uint64_t seed);
std::unique_ptr<Task> make_gaussians(int points, int test_points, float noise, std::uint64_t seed);
std::unique_ptr<Task> make_spirals(int points, int test_points, float noise, std::uint64_t seed);

} // namespace phasor
