// The Gradient attention panel: factor maps shaped like the weights, histograms that fit their data, and how
// much attention changed each tensor's update over time, in a plot and in words.
#include "panel_fixture.hpp"
#include "ui/panels/stepnet/attention_panel.hpp"

#include <cmath>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <numeric>
#include <regex>
#include <set>

namespace phasor::ui {
namespace {

using testing::PanelsTest;

ParamSet attention_params(const char* temperature, bool on = true) {
    ParamSet params = testing::stepnet_params("lowhighmix");
    params.set("train.temperature", std::stof(temperature));
    params.set("train.attention", on);
    return params;
}

TEST_F(PanelsTest, AttentionMapsAreShapedLikeTheWeightsAndHiddenWhenOff) {
    AttentionPanel panel;
    testing::RunFixture run = testing::network_run();
    view(run).attention = true;
    show(panel, run, 1);
    const int in[] = {4, 32, 16}, out[] = {32, 16, 3};
    for (int l = 0; l < 3; ++l) {
        const auto* map = drawn("attention_layer" + std::to_string(l));
        ASSERT_NE(map, nullptr);
        EXPECT_EQ(map->plot.heatmaps[0].rows, out[l]);
        EXPECT_EQ(map->plot.heatmaps[0].cols, in[l]);
        EXPECT_EQ(map->plot.heatmaps[0].colormap, plot::Colormap::Viridis);
        const auto* histogram = drawn("attention_histogram_layer" + std::to_string(l));
        ASSERT_NE(histogram, nullptr);
        double counted = 0;
        for (double c : histogram->plot.histograms[0].counts) counted += c;
        EXPECT_EQ(counted, in[l] * out[l]);
    }
    ASSERT_NE(drawn("attention_entropy"), nullptr);

    view(run).attention = false;
    show(panel, run, 1);
    EXPECT_EQ(drawn("attention_layer0"), nullptr);
    EXPECT_NE(text.find("attention is off"), std::string::npos);
    EXPECT_NE(drawn("attention_range"), nullptr); // its history is still worth seeing
}

// At a high temperature the factors are 1 ± a little: the bins span that, with an empty bin either side, and
// the fitted x range holds every bar (a range from 0 left them one clipped sliver).
TEST_F(PanelsTest, FactorHistogramsFitTheirData) {
    AttentionPanel panel;
    testing::RunFixture run = testing::run_of(attention_params("100"), 300);
    show(panel, run, 1);
    for (std::size_t l = 0; l < 3; ++l) {
        SCOPED_TRACE(l);
        const LayerView& layer = view(run).layers[l];
        ASSERT_LT(layer.factor_min, layer.factor_max);
        ASSERT_LT(layer.factor_max - layer.factor_min, 0.01f) << "the narrow spread this test is about";
        const auto* entry = drawn("attention_histogram_layer" + std::to_string(l));
        ASSERT_NE(entry, nullptr);
        const plot::Histogram& h = entry->plot.histograms.at(0);
        ASSERT_EQ(h.edges.size(), h.counts.size() + 1);
        EXPECT_EQ(std::accumulate(h.counts.begin(), h.counts.end(), 0.0), layer.in * layer.out);
        EXPECT_LT(h.edges.front(), layer.factor_min);
        EXPECT_GT(h.edges.back(), layer.factor_max);
        const plot::PlotView& fitted = entry->view;
        EXPECT_LT(fitted.x_lo, layer.factor_min);
        EXPECT_GT(fitted.x_hi, layer.factor_max);
        for (std::size_t b = 0; b < h.counts.size(); ++b) {
            if (h.counts[b] == 0) continue;
            EXPECT_GE(h.edges[b], fitted.x_lo) << "bin " << b;
            EXPECT_LE(h.edges[b + 1], fitted.x_hi) << "bin " << b;
            // The engine's bins over [factor_min, factor_max], one to one.
            EXPECT_EQ(h.counts[b], layer.factor_histogram.at(b - 1));
        }
    }
}

// Before the first update every factor is 1: one bar of some width centred on 1, inside the plot.
TEST_F(PanelsTest, EqualFactorsMakeOneCentredBar) {
    AttentionPanel panel;
    testing::RunFixture run = testing::network_run(1);
    ASSERT_EQ(view(run).layers[0].factor_min, 1.f);
    ASSERT_EQ(view(run).layers[0].factor_max, 1.f);
    show(panel, run, 1);
    const auto* entry = drawn("attention_histogram_layer0");
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->plot.title, "Layer 0 factors, all 1");
    EXPECT_NE(text.find("Attention changed nothing in the last update: every factor is 1"), std::string::npos)
        << text;
    EXPECT_EQ(drawn("attention_effect"), nullptr) << "all zero: nothing a log scale shows";
    const plot::Histogram& h = entry->plot.histograms.at(0);
    std::vector<std::size_t> occupied;
    for (std::size_t b = 0; b < h.counts.size(); ++b)
        if (h.counts[b] > 0) occupied.push_back(b);
    ASSERT_EQ(occupied.size(), 1u);
    const std::size_t b = occupied[0];
    EXPECT_EQ(h.counts[b], 4 * 32);
    EXPECT_NEAR((h.edges[b] + h.edges[b + 1]) / 2, 1.0, 1e-12);
    EXPECT_GT(h.edges[b + 1] - h.edges[b], 1e-3);
    EXPECT_LT(entry->view.x_lo, h.edges[b]);
    EXPECT_GT(entry->view.x_hi, h.edges[b + 1]);
}

// One line per tensor, each the engine's effect history at its ticks, on a log scale; a sharp temperature
// acts and the caption says by how much.
TEST_F(PanelsTest, EffectOverTimeIsTheEnginesHistoryPerTensor) {
    AttentionPanel panel;
    testing::RunFixture run = testing::paced_run(attention_params("0.05"), {{10.0, 300}});
    show(panel, run, 2);
    const StepNetView& v = view(run);
    const auto* entry = drawn("attention_effect");
    ASSERT_NE(entry, nullptr);
    EXPECT_TRUE(entry->plot.y.log);
    EXPECT_EQ(entry->plot.x.label, "tick (a point per tick)");
    EXPECT_EQ(entry->plot.markers, &history.markers());
    ASSERT_EQ(entry->plot.lines.size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) {
        SCOPED_TRACE(i);
        const std::size_t l = i % 3;
        const bool bias = i >= 3;
        EXPECT_EQ(entry->plot.lines[i].name, fmt::format("{}{}", bias ? 'b' : 'W', l));
        const plot::SeriesHistory* line = entry->plot.lines[i].data;
        ASSERT_NE(line, nullptr);
        const auto& values = bias ? v.layers[l].effect_bias_history : v.layers[l].effect_history;
        ASSERT_EQ(line->size(), v.history_ticks.size());
        for (std::size_t c = 0; c < line->size(); ++c) {
            EXPECT_EQ((*line)[c].x, static_cast<double>(v.history_ticks[c]));
            EXPECT_EQ((*line)[c].y, values[c]);
        }
    }
    EXPECT_NE(text.find("Attention changes the updates by up to"), std::string::npos) << text;

    // The next snapshot's window replaces the lines: they follow the engine, not the frames.
    testing::RunFixture later = testing::paced_run(attention_params("0.05"), {{10.0, 310}});
    later.snapshot.run = run.snapshot.run;
    show(panel, later, 1);
    const plot::SeriesHistory* line = drawn("attention_effect")->plot.lines[0].data;
    ASSERT_EQ(line->size(), 240u);
    EXPECT_EQ((*line)[0].x, 70.0);
    EXPECT_EQ((*line)[239].x, 309.0);
}

// The presets' temperature of 1 gives effects around 1 % once the gradients have shrunk; higher, attention
// does next to nothing, and the caption says so and what to do.
TEST_F(PanelsTest, AtAHighTemperatureTheCaptionSaysAttentionBarelyActs) {
    AttentionPanel panel;
    testing::RunFixture run = testing::paced_run(attention_params("100"), {{10.0, 300}});
    show(panel, run, 1);
    EXPECT_NE(text.find("Attention barely changes the updates (by under 1 %): at temperature 100 the factors "
                        "are 1 ± "),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Lower the temperature to see it act."), std::string::npos);
    // The spread to one digit, as 3e-5 (no decimal point for the line to wrap at), and about right.
    std::smatch spread;
    ASSERT_TRUE(std::regex_search(text, spread, std::regex("are 1 ± ([1-9])e(-[0-9]+)\\.")));
    const float largest = std::stof(spread[1].str()) * std::pow(10.f, std::stof(spread[2].str()));
    float expected = 0.f;
    for (const LayerView& layer : view(run).layers) {
        expected = std::max({expected, layer.factor_max - 1.f, 1.f - layer.factor_min});
        for (float f : layer.attention_b) expected = std::max(expected, std::fabs(f - 1.f));
    }
    EXPECT_NEAR(largest, expected, expected * 0.5f);
    ASSERT_NE(drawn("attention_effect"), nullptr) << "tiny, but a log scale shows it";
}

TEST_F(PanelsTest, WithAttentionOffTheEffectIsZero) {
    AttentionPanel panel;
    testing::RunFixture run = testing::paced_run(attention_params("1", false), {{10.0, 300}});
    show(panel, run, 1);
    EXPECT_NE(text.find("Attention is off: the updates are the raw gradients, so it changes them by 0"),
              std::string::npos)
        << text;
    EXPECT_EQ(drawn("attention_effect"), nullptr) << "nothing above 0 to draw";
}

// Exports are named after plot ids: every plot the panel draws has its own.
TEST_F(PanelsTest, AttentionPlotIdsAreUnique) {
    AttentionPanel panel;
    testing::RunFixture run = testing::paced_run(attention_params("0.05"), {{10.0, 300}});
    show(panel, run, 1);
    std::set<std::string> ids;
    for (const auto& entry : shelf.drawn()) EXPECT_TRUE(ids.insert(entry.plot.id).second) << entry.plot.id;
    EXPECT_EQ(ids.size(), 2u + 3u * 2u + 1u); // effect, 3 maps and 3 histograms, range and entropy
}

} // namespace
} // namespace phasor::ui
