// The stepped network (ALBA): every layer advances one tick at a time from the previous tick's buffers, a
// target delay queue lines the output up with the input that produced it, and one of three backward modes
// turns the scored error into updates, optionally re-weighted by gradient attention.
#pragma once
#include "engine/core/dense.hpp"
#include "engine/optim/optimizer.hpp"
#include "engine/optim/schedule.hpp"
#include "engine/runtime/model.hpp"
#include "engine/stepnet/config.hpp"
#include "engine/stepnet/delay_queue.hpp"
#include "engine/stepnet/gradient_attention.hpp"
#include "engine/stepnet/stepnet_view.hpp"
#include "engine/tasks/task.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace phasor {

class StepNet final : public Model {
  public:
    // Throws InputError when the config is invalid.
    explicit StepNet(const StepNetConfig& config);
    ~StepNet() override;

    // Model
    std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series) override;
    std::uint64_t ticks() const override { return tick_; }
    const Fault* fault() const override { return diverged_ ? &fault_ : nullptr; }
    std::optional<std::string> set(const ParamSpec& row, const ParamValue& value) override;
    std::unique_ptr<Payload> make_payload() const override;
    void fill(Snapshot& snapshot) override;
    bool state_finite() const override { return weights_finite(); }
    float state_scale() const override;
    void checkpoint() override;
    std::uint64_t checkpoint_tick() const override { return checkpoint_tick_; }
    void restore() override;
    // Telemetry follows the pace the run is shown at: series samples at least about 30 times a second of
    // shown time, and activation-history columns a tick, or a power of two of ticks, apart. Training does not
    // depend on it.
    void set_pace(double ticks_per_second) override;

    // One tick, for tests and benchmarks that drive the network directly (advance() runs these).
    void tick();
    // True on the ticks where a series sample is due; `sample` then writes the family's channels.
    bool series_due() const;
    void sample(SeriesSample& out);
    bool diverged() const { return diverged_; } // the last scored tick's loss was not finite
    bool weights_finite() const;

    // Direct access for the runner, tests and benchmarks.
    const StepNetConfig& config() const { return config_; }
    const Task& task() const { return *task_; }
    int layer_count() const { return static_cast<int>(layers_.size()); }
    int pipeline_lag() const { return layer_count() - 1; }
    const std::vector<DenseLayer>& layers() const { return layers_; }
    std::vector<DenseLayer>& layers() { return layers_; }
    const DelayQueue& queue() const { return queue_; }
    float lr() const { return schedule_.lr(); }
    float last_loss() const { return last_loss_; }
    float rolling_accuracy() const;
    std::uint64_t scored_ticks() const { return scored_; }
    std::uint64_t history_bytes() const;
    int staleness(int layer) const; // ticks between a layer's forward and its update in the current mode

    // Held-out evaluation with the settled forward (all layers at once).
    EvalResult evaluate();
    // The mean loss and the accuracy of the settled forward over the evaluation set (the test_loss and
    // test_accuracy channels).
    std::pair<float, float> test_loss_and_accuracy();
    // The series samples test_loss waits between evaluations (1: every sample): at most one settled forward
    // per kTicksPerTestForward ticks, a few per cent of a tick's cost.
    std::uint64_t test_every() const;
    static constexpr double kTicksPerTestForward = 10.0;
    // The ticks between two series samples: train.series_every at full speed (and headless); when paced,
    // min(train.series_every, max(1, ⌊pace/30⌋)), so that a slow run still shows about 30 samples a second.
    std::uint64_t series_interval() const;
    static constexpr double kShownSamplesPerSecond = 30.0;
    // When paced, test_loss is also evaluated at every sample that keeps it under this many settled forwards
    // per second of shown time (a few per cent of a core).
    static constexpr double kPacedTestForwards = 200'000.0;

    // Ticks between two columns of the activation history at a pace (ticks/s, 0 = full speed): 1 up to 60
    // ticks/s (every tick reads at that pace), the power of two nearest pace/60 above it, kFullSpeedStride at
    // full speed, where 240 columns then span about the last 1.9 s at the 4-32-16-3 network's ~2.1M ticks/s.
    static std::uint64_t history_stride(double pace);
    static constexpr std::uint64_t kFullSpeedStride = 16384;
    static constexpr double kShownColumnsPerSecond = 60.0;
    // Settled forward of one input; returns the output activations (probabilities for softmax).
    const Vec& settled_forward(const Vec& x);
    int predict(const Vec& x);
    // The prediction over the input plane, for 2-D tasks (resolution 0 otherwise).
    void fill_decision_map(DecisionMap& map);
    static constexpr int kDecisionResolution = 40;
    // fill() recomputes the map on every kDecisionEvery-th call and copies the latest one otherwise: 1600
    // settled forwards at every publish cost the engine 3 % of its ticks/s, and the map changes slowly.
    static constexpr int kDecisionEvery = 4;
    static constexpr std::uint64_t kSlowFillTicks =
        1000; // fewer ticks than this between fills: always recompute

    // Gradients of the last update, after attention (for tests).
    const Mat& weight_gradient(int layer) const;
    const Vec& bias_gradient(int layer) const;
    // ‖G′ − G‖ / ‖G‖ of the layer's last update (G before attention, G′ after); 0 with attention off.
    float attention_effect_of(int layer, bool bias) const;

  private:
    struct Impl;
    void evaluate_into(EvalResult& result);
    void fill_connections(std::size_t layer, LayerView& view);
    void fill_neuron_maps(DecisionMap& map);
    void record_history(std::int64_t tick);
    void fill_history(StepNetView& view);
    void fill_factors(std::size_t layer, LayerView& view);
    void train_snapshot();
    void train_aligned();
    void train_pipelined(bool scored);
    void learn(int l, const Vec& in, Vec* message);
    float output_delta(const Vec& z, const Vec& a, int label, Vec& delta);

    StepNetConfig config_;
    std::unique_ptr<Task> task_;
    std::unique_ptr<SampleStream> stream_;
    Rng rng_;
    std::vector<DenseLayer> layers_;
    std::unique_ptr<Optimizer> optimizer_;
    LearningRateSchedule schedule_;
    DelayQueue queue_;
    std::unique_ptr<Impl> impl_; // buffers, histories, gradients, attention factors

    std::uint64_t tick_ = 0;
    std::uint64_t scored_ = 0;
    float last_loss_ = 0.f;
    bool diverged_ = false;
    Fault fault_{"", "loss is not finite", false};
    std::uint64_t checkpoint_tick_ = 0;
    float checkpoint_loss_ = 0.f;
    std::string evaluation_; // StepNetView::evaluation, made once
    double pace_ = 0.0;      // as set_pace was told; 0: full speed (and headless)
};

} // namespace phasor
