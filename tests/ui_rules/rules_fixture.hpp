// The rule lab panel tests' fixture: a headless ImGui, a snapshot whose RulesView the test fills by hand (the
// engine's is not needed to check what the panels make of one), the plots a frame drew, and a look at the
// vertices a frame put down (a colour in a rectangle), which is what reaches the screen.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_panels/payload_panels_test.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace phasor::ui::testing {

// The layers of the test net, 784→128→64→10: 202 raster rows.
inline constexpr int kLayerRows[3] = {128, 64, 10};
inline constexpr int kRasterRows = 202;
// The raster's burst: layer 1 (128→64), its neurons 12-42 (rows 140-170), 150 to 131 ticks before the newest,
// a quarter of their inputs each; everywhere else a sparse background of 0.2 %.
inline constexpr int kBurstRow0 = 140, kBurstRow1 = 171, kBurstTicksAgo0 = 150, kBurstTicksAgo1 = 130;
inline constexpr float kBurst = 0.25f, kBackground = 0.002f;

// Three variants racing on 784→128→64→10: backprop (the base), the threshold-fired rule and feedback
// alignment, 50 points of history each, the raster of the threshold variant at tick 1,000. The threshold
// variant's lens did not measure the output layer (NaN, in the latest angles and the whole history).
inline RulesView rules_view() {
    RulesView v;
    v.layer_names = {"784→128", "128→64", "64→10"};
    v.layer_connections = {785 * 128, 129 * 64, 65 * 10};
    v.samples = 50'000;
    v.epoch = 1;
    v.data_source = "test";
    const char* names[] = {"backprop", "threshold", "feedback alignment"};
    const char* rules[] = {"backprop", "threshold", "feedback_alignment"};
    const char* differs[] = {"", "train.rule = threshold, rule.threshold = 0.02",
                             "train.rule = feedback_alignment"};
    const float lens[3][3] = {{2.f, 1.f, 0.5f}, {35.f, 50.f, NAN}, {80.f, 65.f, 20.f}};
    for (int i = 0; i < 3; ++i) {
        VariantView var;
        var.name = names[i];
        var.rule = rules[i];
        var.differs = differs[i];
        var.optimizer = "sgd";
        var.loss = 0.5f;
        var.train_accuracy = var.test_accuracy = 0.8f;
        var.layer_updates = {(i + 1) * 100'000, (i + 1) * 20'000, (i + 1) * 5'000};
        var.layer_notifications = {(i + 1) * 1'000, (i + 1) * 500, (i + 1) * 50};
        var.lens_degrees.assign(lens[i], lens[i] + 3);
        VariantHistory& h = var.history;
        h.fired_fraction.resize(3);
        h.lens_degrees.resize(3);
        for (int p = 0; p < 50; ++p) {
            h.samples.push_back(1000.f * static_cast<float>(p + 1));
            h.loss.push_back(2.f / static_cast<float>(p + 1));
            h.train_accuracy.push_back(0.5f + 0.006f * static_cast<float>(p));
            h.test_accuracy.push_back(0.5f + 0.006f * static_cast<float>(p));
            h.weight_updates.push_back(1000.f * static_cast<float>(p + 1) * static_cast<float>(i + 1));
            for (int l = 0; l < 3; ++l) {
                // Backprop changes everything; the threshold rule layer l's 10^-(3-l); alignment all.
                h.fired_fraction[static_cast<std::size_t>(l)].push_back(
                    i == 1 ? std::pow(10.f, static_cast<float>(l - 3)) * (1.f + static_cast<float>(p % 3))
                           : 1.f);
                h.lens_degrees[static_cast<std::size_t>(l)].push_back(lens[i][l] + static_cast<float>(p % 5));
            }
        }
        v.variants.push_back(var);
    }
    UpdateRasterView& r = v.raster;
    r.variant = 1;
    r.rows = kRasterRows;
    r.layer_first_row = {0, kLayerRows[0], kLayerRows[0] + kLayerRows[1]};
    r.newest = 1000;
    r.cells.assign(static_cast<std::size_t>(r.rows) * UpdateRasterView::kColumns, 0.f);
    for (std::uint64_t t = r.newest + 1 - UpdateRasterView::kColumns; t <= r.newest; ++t)
        for (int row = 0; row < r.rows; ++row) {
            const std::uint64_t hash = (t * 2654435761u) ^ (static_cast<std::uint64_t>(row) * 40503u);
            float& cell = r.cells[static_cast<std::size_t>(row) * UpdateRasterView::kColumns +
                                  t % UpdateRasterView::kColumns];
            if (hash % 53 == 0) cell = kBackground;
            if (row >= kBurstRow0 && row < kBurstRow1 && t >= r.newest - kBurstTicksAgo0 &&
                t < r.newest - kBurstTicksAgo1)
                cell = kBurst;
        }
    return v;
}

using RulesPanelsTest = PayloadPanelsTest<RulesView>;

} // namespace phasor::ui::testing
