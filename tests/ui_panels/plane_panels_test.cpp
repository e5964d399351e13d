// The panels of a 2-D task, driven headless with snapshots from a real network: the decision map fills its
// plot with its key outside it, shades each class by confidence unless discretized, and shows training and
// test points as its toggles say; the Neurons picture draws one thumbnail per pictured neuron, in its layer's
// colour scale, inside its box, and the hover layout finds each one.
#include "headless_ui.hpp"
#include "support/recording_canvas.hpp"
#include "ui/panels/stepnet/decision_panel.hpp"
#include "ui/panels/stepnet/neuron_maps_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::HeadlessImGui;

using phasor::testing::RecordingCanvas;

bool overlaps(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) {
    return a0.x < b1.x && b0.x < a1.x && a0.y < b1.y && b0.y < a1.y;
}

class PlanePanels : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    RunHistory history;
    testing::RecordingSink sink;
    plot::PlotShelf shelf;
    std::string text;
    testing::RunFixture run = testing::plane_run();
    DecisionPanel decision;
    NeuronMapsPanel neurons;

    StepNetView& view() { return *run.snapshot.payload_as<StepNetView>(); }
    auto body(Panel& panel, testing::RunFixture& fixture) {
        return [&] {
            shelf.begin_frame();
            PanelContext context = testing::test_context(fixture.snapshot, history, sink, shelf);
            testing::draw_panel(panel, context, &text);
        };
    }
    void show(Panel& panel, testing::RunFixture& fixture) { ui.frame(body(panel, fixture)); }
    // Clicks the decision panel's widget `label`; the widgets are found once, by hovering, and stay put.
    void click(const char* label) {
        if (widgets.empty()) widgets = ui.locate(decision.title(), body(decision, run));
        const auto it = widgets.find(HeadlessImGui::id_of(decision.title(), label));
        ASSERT_NE(it, widgets.end()) << label << " is not drawn";
        ui.click(it->second, body(decision, run));
    }
    std::map<ImGuiID, ImVec2> widgets;
    const plot::PlotShelf::Entry* drawn(const std::string& id) const {
        for (const auto& entry : shelf.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    }
    const plot::Plot& map_plot() {
        const auto* entry = drawn("decision_map");
        EXPECT_NE(entry, nullptr);
        static const plot::Plot none;
        return entry ? entry->plot : none;
    }
};

TEST_F(PlanePanels, TheDecisionMapFillsItsPlotAndItsKeyStaysOffIt) {
    show(decision, run);
    const DecisionMap& m = view().decision;
    // The default layout's cell, a presenter's wide one, and a tall one.
    for (ImVec2 size : {ImVec2{340, 420}, ImVec2{900, 500}, ImVec2{300, 700}}) {
        SCOPED_TRACE(::testing::Message() << size.x << "x" << size.y);
        plot::Plot plot = map_plot();
        plot::PlotView plot_view;
        plot::fit(plot, plot_view);
        RecordingCanvas canvas(0.55f);
        plot::PlotLayout layout;
        plot::draw_plot(plot, plot_view, canvas, {0, 0}, size, {}, layout);
        // The axes show the plane and nothing else, and the map covers the whole data area.
        EXPECT_DOUBLE_EQ(layout.x_lo, m.x0);
        EXPECT_DOUBLE_EQ(layout.x_hi, m.x1);
        EXPECT_DOUBLE_EQ(layout.y_lo, m.y0);
        EXPECT_DOUBLE_EQ(layout.y_hi, m.y1);
        ASSERT_EQ(canvas.heatmaps.size(), 1u);
        EXPECT_NEAR(canvas.heatmaps[0].min.x, layout.data_min.x, 0.5f);
        EXPECT_NEAR(canvas.heatmaps[0].min.y, layout.data_min.y, 0.5f);
        EXPECT_NEAR(canvas.heatmaps[0].max.x, layout.data_max.x, 0.5f);
        EXPECT_NEAR(canvas.heatmaps[0].max.y, layout.data_max.y, 0.5f);
        EXPECT_NEAR(layout.data_max.x - layout.data_min.x, layout.data_max.y - layout.data_min.y, 1.f)
            << "a square plane, drawn square";
        // The classes and the two sets of points are keyed beside or below the map, never over it.
        ASSERT_EQ(layout.legend.size(), 2u);
        for (const auto& entry : layout.legend)
            EXPECT_FALSE(overlaps(entry.min, entry.max, layout.data_min, layout.data_max)) << entry.name;
        EXPECT_GT(layout.key_max.x, layout.key_min.x);
        EXPECT_FALSE(overlaps(layout.key_min, layout.key_max, layout.data_min, layout.data_max));
        EXPECT_LE(layout.key_max.x, size.x + 0.5f);
        EXPECT_LE(layout.key_max.y, size.y + 0.5f);
    }
}

TEST_F(PlanePanels, ConfidenceShadesTheClassColoursUnlessDiscretized) {
    show(decision, run);
    const DecisionMap& m = view().decision;
    const plot::Heatmap& map = map_plot().heatmaps.at(0);
    EXPECT_EQ(map.colormap, plot::Colormap::Classes) << "the class colours stay";
    EXPECT_EQ(map.values, m.predicted);
    ASSERT_EQ(map.strength.size(), m.confidence.size());
    // Two classes: a tie (0.5) has no colour left, a certain cell (1) all of it.
    for (std::size_t i = 0; i < m.confidence.size(); i += 37)
        EXPECT_NEAR(map.strength[i], (m.confidence[i] - 0.5f) / 0.5f, 1e-5f) << i;
    EXPECT_FALSE(map.scale_label.empty()) << "the key says what the shading means";

    click("Discretize output");
    const plot::Heatmap& flat = map_plot().heatmaps.at(0);
    EXPECT_TRUE(flat.strength.empty()) << "flat class colours";
    EXPECT_EQ(flat.values, m.predicted);
    EXPECT_TRUE(flat.scale_label.empty());
}

TEST_F(PlanePanels, TrainingAndTestPointsFollowTheirToggles) {
    show(decision, run);
    const DecisionMap& m = view().decision;
    ASSERT_FALSE(m.test_points_x.empty());
    {
        const plot::Plot& plot = map_plot();
        ASSERT_EQ(plot.scatters.size(), 2u);
        EXPECT_EQ(plot.scatters[0].name, "training data");
        EXPECT_FALSE(plot.scatters[0].hollow);
        EXPECT_EQ(plot.scatters[0].x, m.points_x);
        EXPECT_EQ(plot.scatters[0].groups, m.points_label) << "each point in its class's colour";
        EXPECT_EQ(plot.scatters[1].name, "test data");
        EXPECT_TRUE(plot.scatters[1].hollow) << "test points are told apart by their shape";
        EXPECT_EQ(plot.scatters[1].y, m.test_points_y);
        EXPECT_EQ(plot.scatters[1].groups, m.test_points_label);
    }
    click("Show test data");
    ASSERT_EQ(map_plot().scatters.size(), 1u);
    EXPECT_EQ(map_plot().scatters[0].name, "training data");
    click("Show training data");
    EXPECT_TRUE(map_plot().scatters.empty());
    click("Show test data");
    ASSERT_EQ(map_plot().scatters.size(), 1u);
    EXPECT_EQ(map_plot().scatters[0].name, "test data");

    // A task that scores its training points has no test points to show, whatever the toggle says.
    view().decision.test_points_x.clear();
    view().decision.test_points_y.clear();
    view().decision.test_points_label.clear();
    show(decision, run);
    EXPECT_TRUE(map_plot().scatters.empty());
}

TEST_F(PlanePanels, NeuronsSaysSoForATaskThatIsNotTwoDimensional) {
    testing::RunFixture other = testing::network_run();
    show(neurons, other);
    EXPECT_EQ(drawn("neuron_maps"), nullptr);
    EXPECT_NE(text.find("not 2-D"), std::string::npos) << text;
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 0) << "one line: " << text;
}

// Draws the Neurons picture of `fixture` into a box, recording its thumbnails.
RecordingCanvas draw_neurons(const plot::Drawing& drawing, ImVec2 size) {
    RecordingCanvas canvas(0.55f);
    plot::DrawStyle style;
    style.font_size = 15.f;
    drawing.draw(canvas, {10, 20}, {10 + size.x, 20 + size.y}, style);
    return canvas;
}

TEST_F(PlanePanels, NeuronsDrawsOneThumbnailPerPicturedNeuronInItsLayersScale) {
    show(neurons, run);
    const auto* entry = drawn("neuron_maps");
    ASSERT_NE(entry, nullptr);
    ASSERT_NE(entry->plot.drawing, nullptr);
    const DecisionMap& m = view().decision;
    ASSERT_EQ(m.neuron_maps.size(), 2u); // 2→16→2: the hidden layer and the output
    const RecordingCanvas canvas = draw_neurons(*entry->plot.drawing, {340, 420});
    ASSERT_EQ(canvas.heatmaps.size(), 16u + 2u);
    const auto cells = static_cast<std::size_t>(m.neuron_resolution * m.neuron_resolution);
    std::size_t k = 0;
    for (std::size_t l = 0; l < m.neuron_maps.size(); ++l)
        for (std::size_t i = 0; i < m.neuron_maps[l].neurons.size(); ++i, ++k) {
            const auto& painted = canvas.heatmaps[k];
            SCOPED_TRACE(::testing::Message() << "layer " << l << " neuron " << i);
            const auto begin = m.neuron_maps[l].values.begin() + static_cast<std::ptrdiff_t>(i * cells);
            EXPECT_EQ(painted.map->values,
                      std::vector<float>(begin, begin + static_cast<std::ptrdiff_t>(cells)));
            EXPECT_NEAR(painted.max.x - painted.min.x, painted.max.y - painted.min.y, 0.01f) << "square";
            EXPECT_GE(painted.max.x - painted.min.x, 24.f) << "readable";
            EXPECT_GE(painted.min.x, 10.f);
            EXPECT_GE(painted.min.y, 20.f);
            EXPECT_LE(painted.max.x, 350.f);
            EXPECT_LE(painted.max.y, 440.f);
            // tanh: a diverging scale centred on 0; softmax: probabilities from 0 to 1.
            EXPECT_EQ(painted.map->colormap, l == 0 ? plot::Colormap::Diverging : plot::Colormap::Viridis);
            EXPECT_EQ(painted.lo, l == 0 ? -1.f : 0.f);
            EXPECT_EQ(painted.hi, 1.f);
            for (std::size_t j = 0; j < k; ++j)
                EXPECT_FALSE(
                    overlaps(painted.min, painted.max, canvas.heatmaps[j].min, canvas.heatmaps[j].max))
                    << "over thumbnail " << j;
        }
    std::string csv;
    entry->plot.drawing->write_csv(csv);
    EXPECT_EQ(csv.rfind("layer,neuron,row,col,x,y,activation\n", 0), 0u);
    EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), 1 + 18 * cells);
}

TEST_F(PlanePanels, NeuronsKeepsSixtyFourPerLayerReadableAndHoverFindsEachOne) {
    ParamSet params = testing::stepnet_params("wide");
    params.set("task.name", std::string("spirals"));
    params.set("task.points", std::int64_t{40});
    params.set("network.layers", std::vector<std::int64_t>{2, 200, 65, 2});
    params.set("network.activations", std::vector<std::string>{"relu", "tanh", "softmax"});
    testing::RunFixture wide = testing::run_of(std::move(params), 20);
    show(neurons, wide);
    const auto* entry = drawn("neuron_maps");
    ASSERT_NE(entry, nullptr);
    const RecordingCanvas canvas = draw_neurons(*entry->plot.drawing, {340, 420});
    ASSERT_EQ(canvas.heatmaps.size(), 64u + 64u + 2u);
    for (const auto& painted : canvas.heatmaps) {
        EXPECT_GE(painted.max.x - painted.min.x, 12.f);
        EXPECT_LE(painted.max.x, 350.f);
        EXPECT_LE(painted.max.y, 440.f);
    }
    EXPECT_EQ(canvas.heatmaps[0].map->colormap, plot::Colormap::Viridis) << "relu from 0";
    EXPECT_EQ(canvas.heatmaps[0].lo, 0.f);

    // The hover readout's layout is the picture's: the centre of every thumbnail finds that thumbnail.
    const StepNetView& v = *wide.snapshot.payload_as<StepNetView>();
    NeuronGrid grid;
    lay_out_neuron_grid(v, {10, 20}, {350, 440}, 15.f, grid);
    std::size_t k = 0;
    for (std::size_t l = 0; l < grid.bands.size(); ++l)
        for (std::size_t i = 0; i < grid.bands[l].count; ++i, ++k) {
            const auto& painted = canvas.heatmaps[k];
            const ImVec2 centre((painted.min.x + painted.max.x) / 2, (painted.min.y + painted.max.y) / 2);
            const auto hit = thumbnail_at(grid, centre);
            ASSERT_TRUE(hit.has_value()) << l << "," << i;
            EXPECT_EQ(hit->layer, l);
            EXPECT_EQ(hit->index, i);
        }
    EXPECT_FALSE(thumbnail_at(grid, {canvas.heatmaps[0].max.x + grid.gap / 2, canvas.heatmaps[0].min.y + 2}))
        << "the gap between two thumbnails is neither";
}

} // namespace
} // namespace phasor::ui
