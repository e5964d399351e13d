// The Low/High/Mix classroom task: six 4-input prototypes, clean (lowhighmix) or as an endless noisy stream.
//
// lowhighmix uses no TaskSpec field (noise must be 0, points is ignored).
// lowhighmix_noisy uses `noise` as the standard deviation added to every input; noise == 0 means the built-in
// 0.05. Its eval set is 60 samples (10 noisy copies of each prototype) generated from a seed derived from the
// run seed, so it is the same for a given seed and independent of the training stream.
#include "engine/tasks/fixed_set_task.hpp"

#include <array>

namespace phasor {

namespace {

constexpr int kInputs = 4;
constexpr int kPrototypes = 6;
constexpr int kEvalCopies = 10;
constexpr float kDefaultNoise = 0.05f;

struct Prototype {
    std::array<float, kInputs> x;
    int label;
};

// The order is part of the contract: the clean task's train and eval sets list them exactly like this.
constexpr std::array<Prototype, kPrototypes> kPrototypeTable = {{
    {{0.1f, 0.2f, 0.1f, 0.3f}, 0},
    {{0.2f, 0.1f, 0.3f, 0.2f}, 0},
    {{0.8f, 0.9f, 0.8f, 0.7f}, 1},
    {{0.9f, 0.8f, 0.7f, 0.9f}, 1},
    {{0.1f, 0.9f, 0.1f, 0.9f}, 2},
    {{0.9f, 0.1f, 0.9f, 0.1f}, 2},
}};

std::vector<std::string> lowhighmix_classes() {
    return {"Low", "High", "Mix"};
}

Sample prototype_sample(const Prototype& p) {
    Sample s{Vec(kInputs), p.label};
    for (int i = 0; i < kInputs; ++i) s.x[i] = p.x[static_cast<std::size_t>(i)];
    return s;
}

void write_noisy(const Prototype& p, float noise, Rng& rng, VecRef x) {
    for (int i = 0; i < kInputs; ++i) x[i] = p.x[static_cast<std::size_t>(i)] + rng.normal(0.f, noise);
}

class NoisyLowHighMix : public Task {
  public:
    NoisyLowHighMix(float noise, std::uint64_t seed) : noise_(noise), names_(lowhighmix_classes()) {
        Rng rng(derive_seed(seed, DataStream::eval));
        eval_.reserve(kPrototypes * kEvalCopies);
        for (int copy = 0; copy < kEvalCopies; ++copy) {
            for (const Prototype& p : kPrototypeTable) {
                Sample s{Vec(kInputs), p.label};
                write_noisy(p, noise_, rng, s.x);
                eval_.push_back(std::move(s));
            }
        }
    }

    int input_dim() const override { return kInputs; }
    int num_classes() const override { return static_cast<int>(names_.size()); }
    const std::vector<std::string>& class_names() const override { return names_; }
    int draw(Rng& rng, VecRef x) override {
        const Prototype& p = kPrototypeTable[static_cast<std::size_t>(rng.below(kPrototypes))];
        write_noisy(p, noise_, rng, x);
        return p.label;
    }
    const std::vector<Sample>& eval_set() const override { return eval_; }
    bool eval_held_out() const override { return true; } // noisy copies the stream never shows
    const std::vector<Sample>& train_set() const override { return train_; }

  private:
    float noise_;
    std::vector<std::string> names_;
    std::vector<Sample> train_; // stays empty: the stream is endless
    std::vector<Sample> eval_;
};

} // namespace

std::unique_ptr<Task> make_lowhighmix() {
    std::vector<Sample> samples;
    samples.reserve(kPrototypes);
    for (const Prototype& p : kPrototypeTable) samples.push_back(prototype_sample(p));
    // The six prototypes are all there is: scored on the patterns it trains on.
    return std::make_unique<FixedSetTask>(kInputs, lowhighmix_classes(), samples, samples, false);
}

std::unique_ptr<Task> make_lowhighmix_noisy(float noise, std::uint64_t seed) {
    return std::make_unique<NoisyLowHighMix>(noise > 0.f ? noise : kDefaultNoise, seed);
}

} // namespace phasor
