// What the rule lab's panels read: every variant of the race (a single run is a race of one) with its
// latest figures and its histories on a shared x axis (samples seen), the credit-assignment lens, and the
// update raster of one variant. Filled by RulesModel::fill; copied into each snapshot.
#pragma once
#include "engine/telemetry/snapshot.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace phasor {

// One variant's histories, thinned evenly as they grow (every series of a variant has one entry per point
// of `samples`, the x axis every variant shares since they see the same stream).
struct VariantHistory {
    std::vector<float> samples;        // samples seen at each point
    std::vector<float> loss;           // training loss, mean over the interval
    std::vector<float> train_accuracy; // over the interval
    std::vector<float> test_accuracy;  // the latest evaluation at that point (NaN before the first)
    std::vector<float> weight_updates; // cumulative weight updates
    std::vector<std::vector<float>> fired_fraction; // per layer: fraction of its connections changed per
                                                    // sample over the interval
    std::vector<std::vector<float>> lens_degrees;   // per layer: angle to the true gradient (NaN unmeasured)
};

struct VariantView {
    std::string name;    // "threshold"
    std::string differs; // what it sets unlike the base: "train.rule = threshold, rule.threshold = 0.02";
                         // empty for the base
    std::string rule;    // "threshold"
    std::string optimizer;
    float loss = NAN, train_accuracy = NAN, test_accuracy = NAN;
    double samples_per_second = 0; // this variant's own training time only
    std::int64_t weight_updates = 0;
    std::int64_t notifications = 0;
    double fired_fraction = 0; // weight updates / (connections × samples), over the run
    std::int64_t memory_bytes = 0;
    std::vector<std::int64_t> layer_updates, layer_notifications; // per layer, over the run
    std::vector<float> lens_degrees;                              // per layer, the latest (NaN unmeasured)
    VariantHistory history;
};

// Which connections fired, when, for one variant: one row per neuron (its incoming connections), layer by
// layer from the first hidden layer to the output; one column per tick over the last kColumns ticks; the cell
// is the fraction of the row's incoming connections that fired on that tick (0 when none).
struct UpdateRasterView {
    static constexpr int kColumns = 256;
    int variant = 0;
    int rows = 0;
    std::vector<int> layer_first_row; // where each layer's rows begin
    std::uint64_t newest = 0;         // the tick of the newest column; column c lives at c % kColumns
    std::vector<float> cells;         // rows × kColumns, row-major; cell(row, tick % kColumns)
    float at(int row, std::uint64_t tick) const {
        return cells[static_cast<std::size_t>(row) * kColumns + tick % kColumns];
    }
};

struct RulesView : PayloadOf<RulesView> {
    std::vector<VariantView> variants;
    std::vector<std::string> layer_names; // "784→256", ..., output last
    // Per layer, (in + 1)·out: a neuron's bias counts as a connection from a constant 1.
    std::vector<std::int64_t> layer_connections;
    std::uint64_t samples = 0; // samples every variant has seen
    std::uint64_t epoch = 0;
    std::string data_source; // "Fashion-MNIST (/usr/share/...)"
    UpdateRasterView raster;
};

} // namespace phasor
