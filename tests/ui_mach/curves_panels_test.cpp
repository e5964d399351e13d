// The Delays, Synthetic signals and Component accuracy panels: bars that are the engine's bins (trailing
// empty ones left out, pooled or per edge), one line per component that has the quantity and none for one
// that is all NaN, and each scored component's synthetic accuracy beside its real one in a lighter shade.
#include "mach_fixture.hpp"
#include "ui/panels/mach/component_accuracy_panel.hpp"
#include "ui/panels/mach/delays_panel.hpp"
#include "ui/panels/mach/synthetic_signals_panel.hpp"

#include <gtest/gtest.h>
#include <numeric>

namespace phasor::ui {
namespace {

using testing::chain_view;
using testing::kNaN;
using testing::MachPanelsTest;

TEST_F(MachPanelsTest, DelayBarsAreTheEnginesBinsWithoutTheEmptyTail) {
    DelaysPanel panel;
    set_view(chain_view(4)); // edge i: 10 + i at k = 1 + i, and 5 at k = 3
    show(panel);
    const auto* entry = drawn("mach_delays");
    ASSERT_NE(entry, nullptr);
    const plot::Histogram& pooled = entry->plot.histograms.at(0);
    ASSERT_EQ(pooled.counts.size(), 4u) << "k = 0..3; the 60 empty bins after are left out";
    EXPECT_EQ(pooled.counts, (std::vector<double>{0, 10, 11, 12 + 15}));
    ASSERT_EQ(pooled.edges.size(), 5u);
    EXPECT_EQ(pooled.edges.front(), -0.5) << "bars centred on whole k";
    EXPECT_EQ(entry->plot.title, "Gradient delay, every edge");

    panel.edge = 1;
    show(panel);
    const plot::Histogram& one = drawn("mach_delays")->plot.histograms.at(0);
    EXPECT_EQ(one.counts, (std::vector<double>{0, 0, 11, 5}));
    EXPECT_EQ(drawn("mach_delays")->plot.title, "Gradient delay, c1 -> c2 (mean k 2.5)");
}

TEST_F(MachPanelsTest, DelayBarsKeepTheOverflowBinAndOneBinWhenEmpty) {
    MachView v = chain_view(2);
    v.edges[0].delay_histogram.assign(MachView::kDelayBins, 0);
    plot::Histogram bars;
    delay_bars(v, -1, bars);
    EXPECT_EQ(bars.counts, std::vector<double>{0}) << "nothing applied yet: one empty bin, not none";
    v.edges[0].delay_histogram.back() = 7; // k ≥ 63
    delay_bars(v, 0, bars);
    EXPECT_EQ(bars.counts.size(), static_cast<std::size_t>(MachView::kDelayBins));
    EXPECT_EQ(bars.counts.back(), 7.0);
}

TEST_F(MachPanelsTest, ASingleComponentHasNoDelaysToShow) {
    DelaysPanel panel;
    set_view(chain_view(1));
    show(panel);
    EXPECT_EQ(drawn("mach_delays"), nullptr);
    EXPECT_NE(text.find("No edges"), std::string::npos) << text;
}

TEST_F(MachPanelsTest, SyntheticSignalsSkipComponentsWithoutData) {
    SyntheticSignalsPanel panel;
    set_view(chain_view(4)); // error: c1..c3; cosine: c0..c2
    show(panel);
    const auto* error = drawn("mach_synthetic_error");
    const auto* cosine = drawn("mach_gradient_cosine");
    ASSERT_NE(error, nullptr);
    ASSERT_NE(cosine, nullptr);
    ASSERT_EQ(error->plot.lines.size(), 3u);
    EXPECT_EQ(error->plot.lines[0].name, "c1");
    EXPECT_EQ(error->plot.lines[2].name, "c3");
    ASSERT_EQ(cosine->plot.lines.size(), 3u);
    EXPECT_EQ(cosine->plot.lines[0].name, "c0");
    // The same component keeps its colour on both plots.
    EXPECT_EQ(error->plot.lines[0].color, cosine->plot.lines[1].color);
    // The points are the engine's, at its ticks.
    const plot::SeriesHistory& c1 = *error->plot.lines[0].data;
    ASSERT_EQ(c1.size(), 20u);
    EXPECT_EQ(c1[19].x, 1900.0);
    EXPECT_FLOAT_EQ(c1[19].y, 0.2f);
    EXPECT_EQ(cosine->view.y_lo, -1.05);

    // A component with one finite point has a line; partly NaN is a gap, not a reason to hide it.
    view().history.synthetic_error[0][5] = 0.4f;
    view().history.tick.back() += 1; // the engine's history moved on
    show(panel);
    EXPECT_EQ(drawn("mach_synthetic_error")->plot.lines.size(), 4u);
}

TEST_F(MachPanelsTest, SyntheticSignalsSayWhenNothingIsMeasured) {
    SyntheticSignalsPanel panel;
    MachView v = chain_view(3);
    for (auto* rows : {&v.history.synthetic_error, &v.history.gradient_cosine})
        for (auto& row : *rows) std::fill(row.begin(), row.end(), kNaN);
    set_view(std::move(v));
    show(panel);
    EXPECT_EQ(drawn("mach_synthetic_error"), nullptr);
    EXPECT_NE(text.find("Nothing measured yet"), std::string::npos) << text;
}

TEST_F(MachPanelsTest, AccuracyShowsRealAndSyntheticPerScoredComponent) {
    ComponentAccuracyPanel panel;
    MachView v = chain_view(3);                                // only c2, the head, is scored
    v.history.accuracy[0].assign(v.history.tick.size(), 0.3f); // and c0, as a k-graph component would be
    set_view(std::move(v));
    show(panel);
    const auto* entry = drawn("mach_accuracy");
    ASSERT_NE(entry, nullptr);
    const auto& lines = entry->plot.lines;
    ASSERT_EQ(lines.size(), 3u) << "c0 real; c2 real and synthetic; c1 nothing";
    EXPECT_EQ(lines[0].name, "c0");
    EXPECT_EQ(lines[1].name, "c2");
    EXPECT_EQ(lines[2].name, "c2 (synthetic)");
    EXPECT_EQ(lines[1].color & 0xFFFFFFu, lines[2].color & 0xFFFFFFu) << "one hue per component";
    EXPECT_LT(lines[2].color >> 24, lines[1].color >> 24) << "the synthetic one lighter";
    EXPECT_FLOAT_EQ((*lines[2].data)[0].y, 0.5f);
    EXPECT_EQ(entry->view.y_lo, 0.0);
}

TEST_F(MachPanelsTest, AccuracyWaitsForTheFirstScore) {
    ComponentAccuracyPanel panel;
    MachView v = chain_view(2, 0);
    set_view(std::move(v));
    show(panel);
    EXPECT_EQ(drawn("mach_accuracy"), nullptr);
    EXPECT_NE(text.find("No accuracy yet"), std::string::npos) << text;
}

} // namespace
} // namespace phasor::ui
