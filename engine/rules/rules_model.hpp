// The rule lab's model: a race of learners (one for a single run) started from one state — the same initial
// weights, data order and random streams — and trained tick by tick on the same batches, each by its own
// rule and optimizer. Measures what the panels and reports show: losses and accuracies, weight updates and
// notifications per layer, the fraction of connections changed, each learner's own training time and
// memory, the angle of each update to the true gradient (the lens), and which neurons' connections fired.
#pragma once
#include "engine/rules/rules_family.hpp"
#include "engine/rules/rules_view.hpp"
#include "engine/runtime/model.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace phasor {

struct DataSplit;

class RulesModel final : public Model {
  public:
    explicit RulesModel(RulesConfig config);
    ~RulesModel() override;

    std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series) override;
    std::uint64_t ticks() const override { return ticks_; }
    const Fault* fault() const override { return fault_ ? &*fault_ : nullptr; }
    std::optional<std::string> set(const ParamSpec& row, const ParamValue& value) override;
    std::unique_ptr<Payload> make_payload() const override;
    void fill(Snapshot& snapshot) override;
    bool state_finite() const override;
    void checkpoint() override;
    std::uint64_t checkpoint_tick() const override { return checkpoint_tick_; }
    void restore() override;

    // For tests and benches.
    std::size_t variants() const { return variants_.size(); }
    RuleNet& net(std::size_t variant);
    const VariantConfig& variant_config(std::size_t variant) const;
    const std::vector<LayerCounts>& counts(std::size_t variant) const;
    // Scores a variant on the first `samples` test samples (all when 0): accuracy in [0, 1].
    float test_accuracy(std::size_t variant, std::size_t samples = 0);

  private:
    struct Variant;
    void train_tick();
    void measure_point();
    void record_raster();

    RulesConfig config_;
    std::shared_ptr<const DataSplit> data_;
    bool held_out_ = true;
    struct Stream;
    std::unique_ptr<Stream> stream_;
    std::vector<std::unique_ptr<Variant>> variants_;
    std::vector<std::string> layer_names_;
    std::vector<std::int64_t> layer_connections_;
    std::uint64_t ticks_ = 0;
    std::uint64_t checkpoint_tick_ = 0;
    std::uint64_t evaluations_ = 0;
    int history_stride_ = 1; // evaluations between two history points; doubles as the histories thin
    std::optional<Fault> fault_;
    UpdateRasterView raster_;
    std::uint64_t full_eval_tick_ = UINT64_MAX, last_fill_tick_ = UINT64_MAX;
};

} // namespace phasor
