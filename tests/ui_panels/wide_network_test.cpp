// A wide layer keeps the network diagram cheap: past kMaxNeuronsDrawn neurons a column is drawn as bands with
// "showing 64 of 5000" below it (before: a disc per neuron, 296 ms a frame for 2-5000-2 and 1.2 s for
// 2-20000-2). Hovering a band's disc reads out the neuron it stands for.
#include "support/recording_canvas.hpp"
#include "ui/panels/stepnet/network_drawing.hpp"
#include "ui/panels/stepnet/network_layout.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace phasor::ui {
namespace {

StepNetView wide_network(int width) {
    StepNetView view;
    view.input = {0.5f, -0.5f};
    LayerView hidden;
    hidden.in = 2;
    hidden.out = width;
    hidden.activation = "relu";
    hidden.act.assign(static_cast<std::size_t>(width), 0.25f);
    hidden.pre = hidden.act;
    hidden.largest_weight = 1.f;
    for (int i = 0; i < width && i < 500; ++i) hidden.connections.push_back({i % 2, i * (width / 500), 0.5f});
    LayerView output;
    output.in = width;
    output.out = 2;
    output.activation = "softmax";
    output.act = {0.4f, 0.6f};
    output.pre = output.act;
    output.largest_weight = 1.f;
    output.connections.push_back({width - 1, 1, -0.5f});
    view.layers = {hidden, output};
    return view;
}

TEST(WideNetwork, A5000WideLayerDrawsABoundedNumberOfDiscs) {
    for (int width : {5000, 20000}) {
        const StepNetView view = wide_network(width);
        const std::vector<std::string> classes{"a", "b"};
        NetworkDrawing drawing;
        drawing.set(&view, classes, 7);
        phasor::testing::RecordingCanvas canvas;
        plot::DrawStyle style;
        drawing.draw(canvas, {0, 0}, {900, 600}, style);
        EXPECT_LE(canvas.discs, 2u + kMaxNeuronsDrawn + 2u + 1u) << width;
        EXPECT_LE(canvas.lines, 501u + 10u) << width;
        const std::string label =
            "showing " + std::to_string(kMaxNeuronsDrawn) + " of " + std::to_string(width);
        EXPECT_TRUE(canvas.wrote(label)) << label << " at " << width;
    }
}

TEST(WideNetwork, EachBandsDiscReadsOutItsFirstNeuron) {
    const StepNetView view = wide_network(5000);
    const std::vector<std::string> classes{"a", "b"};
    NetworkLayout layout;
    struct Measure : TextMeasure {
        float width(std::string_view text, float size) const override {
            return static_cast<float>(text.size()) * size * 0.5f;
        }
    } measure;
    lay_out_network(view, classes, {0, 0}, {900, 600}, 13.f, 1.f, measure, layout);
    ASSERT_TRUE(layout.summarised(1));
    EXPECT_FALSE(layout.summarised(0));
    EXPECT_EQ(layout.shown[1], kMaxNeuronsDrawn);
    for (std::size_t j = 0; j < layout.shown[1]; ++j) {
        const std::size_t i = layout.drawn_neuron(1, j);
        const auto hit = neuron_at(layout, layout.positions[layout.first[1] + i]);
        ASSERT_TRUE(hit.has_value()) << j;
        EXPECT_EQ(hit->column, 1u);
        EXPECT_EQ(hit->neuron, i);
    }
    // The bands tile the column: each disc's band ends where the next begins, the last at the column's end
    // (the hover readout names them: "this disc stands for neurons 78-155").
    std::size_t next = 0;
    for (std::size_t j = 0; j < layout.shown[1]; ++j) {
        const std::size_t start = layout.drawn_neuron(1, j);
        EXPECT_EQ(start, next) << j;
        next = layout.band_end(1, start) + 1;
        EXPECT_GT(next, start);
    }
    EXPECT_EQ(next, layout.size(1));
    EXPECT_EQ(layout.band_end(0, 1), 1u) << "a column drawn whole: a neuron is its own band";
    // A neuron inside a band sits at its band's disc, so its connections end where something is drawn.
    EXPECT_EQ(layout.positions[layout.first[1] + 1].y, layout.positions[layout.first[1]].y);
}

} // namespace
} // namespace phasor::ui
