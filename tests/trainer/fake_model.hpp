// A scripted Model for trainer tests: records every command, counts ticks, and goes non-finite on request.
#pragma once
#include "engine/core/error.hpp"
#include "engine/trainer/model.hpp"
#include "engine/trainer/trainer.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace phasor::testing {

// What the fakes saw. The vectors are written by the engine thread: read them only after Trainer::stop().
struct FakeLog {
    std::vector<Command> commands;
    std::vector<StepNetConfig> builds;
    std::atomic<int> build_count{0};
    std::atomic<int> restores{0};
    std::atomic<int> checkpoints{0};
};

struct FakeScript {
    std::optional<std::uint64_t> nan_loss_at;      // loss_diverged() on exactly this tick
    std::optional<std::uint64_t> nan_weights_from; // weights_finite() false from this tick until restore
    int series_every = 10;
};

class FakeModel final : public Model {
  public:
    FakeModel(std::shared_ptr<FakeLog> log, FakeScript script) : log_(std::move(log)), script_(script) {}

    void tick() override {
        ++ticks_;
        loss_diverged_ = script_.nan_loss_at && ticks_ == *script_.nan_loss_at;
        if (script_.nan_weights_from && ticks_ == *script_.nan_weights_from) weights_finite_ = false;
    }
    std::uint64_t ticks() const override { return ticks_; }
    std::optional<std::string> apply(const Command& command) override {
        log_->commands.push_back(command);
        if (auto* c = std::get_if<SetDelayDepth>(&command); c && c->depth < 0)
            return "delay depth must be ≥ 0";
        if (auto* c = std::get_if<SetLearningRate>(&command)) lr_ = c->lr;
        return std::nullopt;
    }
    void fill(Snapshot& snapshot) override {
        snapshot.tick = ticks_;
        snapshot.lr = lr_;
    }
    bool series_due() const override {
        return ticks_ % static_cast<std::uint64_t>(script_.series_every) == 0;
    }
    void sample(SeriesSample& out) override {
        out.tick = ticks_;
        out.lr = lr_;
    }
    bool loss_diverged() const override { return loss_diverged_; }
    bool weights_finite() const override { return weights_finite_; }
    void checkpoint() override {
        checkpoint_tick_ = ticks_;
        log_->checkpoints.fetch_add(1);
    }
    std::uint64_t checkpoint_tick() const override { return checkpoint_tick_; }
    void restore() override {
        loss_diverged_ = false;
        weights_finite_ = true;
        script_.nan_weights_from.reset();
        log_->restores.fetch_add(1);
    }

  private:
    std::shared_ptr<FakeLog> log_;
    FakeScript script_;
    std::uint64_t ticks_ = 0;
    std::uint64_t checkpoint_tick_ = 0;
    float lr_ = 0.f;
    bool loss_diverged_ = false;
    bool weights_finite_ = true;
};

// A factory that builds FakeModels and refuses configs without layers (to test failed rebuilds).
inline ModelFactory fake_factory(std::shared_ptr<FakeLog> log, FakeScript script = {}) {
    return [log, script](const StepNetConfig& config) -> std::unique_ptr<Model> {
        if (config.layers.empty())
            throw InputError("network.layers: needs at least an input and an output size");
        log->builds.push_back(config);
        log->build_count.fetch_add(1);
        return std::make_unique<FakeModel>(log, script);
    };
}

inline TrainerOptions fake_options(std::shared_ptr<FakeLog> log, FakeScript script = {},
                                   bool start_paused = false) {
    TrainerOptions options;
    options.start_paused = start_paused;
    options.make_model = fake_factory(std::move(log), script);
    return options;
}

// Waits for a condition with a generous upper bound; tests never assert on how long it took.
template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

} // namespace phasor::testing
