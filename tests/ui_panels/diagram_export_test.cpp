// The network diagram and the delay queue's slots are plot drawings: shown through the shelf under their ids,
// exported to SVG with real text in the export's theme and size, to CSV with their numbers, laid out the same
// for the hover readout as for the picture, and drawn without allocating once warm.
#include "headless_ui.hpp"
#include "support/allocation_counter.hpp"
#include "ui/panels/stepnet/delay_queue_panel.hpp"
#include "ui/panels/stepnet/network_panel.hpp"
#include "ui/plot/text_export.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <regex>

namespace phasor::ui {
namespace {

using testing::HeadlessImGui;
using Format = plot::ExportRequest::Format;

std::string hex(plot::Rgba c) {
    char out[8];
    std::snprintf(out, sizeof out, "#%02x%02x%02x", c & 0xFF, c >> 8 & 0xFF, c >> 16 & 0xFF);
    return out;
}

// WCAG's contrast of an "#rrggbb" colour against white.
double contrast_on_white(const std::string& colour) {
    double luminance = 0;
    const double weights[] = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; ++i) {
        const double c =
            std::stoi(colour.substr(1 + 2 * static_cast<std::size_t>(i), 2), nullptr, 16) / 255.0;
        luminance += weights[i] * (c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
    }
    return 1.05 / (luminance + 0.05);
}

// The fill of the first SVG <text> that starts with `text`, or "" when there is none.
std::string text_fill(const std::string& svg, const std::string& text) {
    const std::size_t at = svg.find(">" + text);
    if (at == std::string::npos) return "";
    const std::size_t element = svg.rfind("<text", at);
    const std::size_t fill = svg.find("fill=\"#", element);
    return fill < at ? svg.substr(fill + 6, 7) : "";
}

std::size_t lines(const std::string& block) {
    return static_cast<std::size_t>(std::count(block.begin(), block.end(), '\n'));
}

class DiagramsTest : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    RunHistory history;
    testing::RecordingSink sink;
    plot::PlotShelf shelf;
    testing::RunFixture run = testing::network_run();
    NetworkPanel network;
    DelayQueuePanel queue;
    ImVec2 network_min, network_max; // the network's item this frame

    StepNetView& view() { return *run.snapshot.payload_as<StepNetView>(); }

    void frame() {
        history.observe(run.snapshot);
        ui.frame([&] {
            shelf.begin_frame();
            PanelContext context = testing::test_context(run.snapshot, history, sink, shelf);
            ImGui::SetNextWindowPos(ImVec2(0.f, 0.f));
            ImGui::SetNextWindowSize(ImVec2(900.f, 600.f));
            ImGui::Begin(network.title());
            network.draw(context);
            network_min = ImGui::GetItemRectMin();
            network_max = ImGui::GetItemRectMax();
            ImGui::End();
            ImGui::SetNextWindowPos(ImVec2(900.f, 0.f));
            ImGui::SetNextWindowSize(ImVec2(600.f, 700.f));
            ImGui::Begin(queue.title());
            queue.draw(context);
            ImGui::End();
        });
    }
    const plot::PlotShelf::Entry* drawn(const std::string& id) const {
        for (const auto& entry : shelf.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    }
    std::string svg(const std::string& id, plot::ThemeKind theme,
                    plot::FigureSize size = plot::FigureSize::pixels(1200, 800)) const {
        const auto* entry = drawn(id);
        if (entry == nullptr) return "";
        const plot::Figure figure =
            plot::resolve_figure({Format::Svg, 1, false, theme, size}, entry->size, plot::kScreenFontPixels);
        return plot::to_svg(entry->plot, entry->view, figure);
    }
    std::string csv(const std::string& id) const {
        const auto* entry = drawn(id);
        return entry == nullptr ? "" : plot::to_csv(entry->plot, entry->view);
    }
};

TEST_F(DiagramsTest, NetworkAndQueueSlotsAreDrawnPlotsUnderTheirIds) {
    frame();
    for (const char* id : {"network", "delay_queue_slots"}) {
        const auto* entry = drawn(id);
        ASSERT_NE(entry, nullptr) << id;
        EXPECT_NE(entry->plot.drawing, nullptr) << id;
        EXPECT_TRUE(entry->plot.title.empty()) << id << ": the drawing gets the whole item";
        EXPECT_GT(entry->size.y, 40.f) << id;
    }
    EXPECT_NE(drawn("delay_queue_occupancy"), nullptr); // still a plot of its own
}

TEST_F(DiagramsTest, NetworkSvgHasRealTextDarkOnWhiteInTheLightTheme) {
    frame();
    const std::string light = svg("network", plot::ThemeKind::Light);
    ASSERT_FALSE(light.empty());
    ASSERT_EQ(run.snapshot.class_names, (std::vector<std::string>{"Low", "High", "Mix"}));
    for (const char* name : {">Low ", ">High ", ">Mix ", ">tick 300<", ">input 4<", ">relu 32<", ">tanh 16<",
                             ">softmax 3<", ">t-1<", ">input: "})
        EXPECT_NE(light.find(name), std::string::npos) << name;
    const std::string verdict = "(input of tick " + std::to_string(view().scored_from_tick) + ")</text>";
    EXPECT_NE(light.find(verdict), std::string::npos) << light;

    const plot::Theme& theme = plot::theme_of(plot::ThemeKind::Light);
    EXPECT_EQ(text_fill(light, "tick 300"), hex(theme.text));
    EXPECT_GE(contrast_on_white(text_fill(light, "input: ")), 4.5); // the dimmed lines too
    EXPECT_GE(contrast_on_white(text_fill(light, "predicted ")), 4.5) << "the verdict, green or red";
    // The prediction's ring is the theme's text colour, not the screen's white.
    EXPECT_TRUE(std::regex_search(
        light, std::regex("<circle[^>]*fill=\"none\"[^>]*stroke=\"" + hex(theme.text) + "\"")));
    EXPECT_EQ(light.find("stroke=\"#ffffff\""), std::string::npos);

    // On screen (dark), the same text in light colours and the screen's verdict colours.
    const std::string dark = svg("network", plot::ThemeKind::Dark);
    EXPECT_EQ(text_fill(dark, "tick 300"), hex(plot::theme_of(plot::ThemeKind::Dark).text));
    const std::string verdict_dark = text_fill(dark, "predicted ");
    EXPECT_TRUE(verdict_dark == hex(ImGui::ColorConvertFloat4ToU32(kGoodColor)) ||
                verdict_dark == hex(ImGui::ColorConvertFloat4ToU32(kErrorColor)))
        << verdict_dark;
}

TEST_F(DiagramsTest, ANarrowNetworkPictureSaysItsVerdictShort) {
    frame();
    const std::string wide = svg("network", plot::ThemeKind::Light);
    EXPECT_NE(wide.find("scored target"), std::string::npos);
    const std::string narrow = svg("network", plot::ThemeKind::Light, plot::FigureSize::pixels(260, 300));
    EXPECT_EQ(narrow.find("scored target"), std::string::npos) << "it would run past the picture's edge";
    EXPECT_NE(narrow.find(", target "), std::string::npos) << narrow;
}

TEST_F(DiagramsTest, ExportsSizeTheirTextForTheFigure) {
    frame();
    const plot::FigureSize column = plot::FigureSize::millimetres(85);
    const plot::Figure figure =
        plot::resolve_figure({Format::Svg, 1, false, plot::ThemeKind::Light, column}, {800, 500}, 15);
    char size[48];
    std::snprintf(size, sizeof size, "font-size=\"%.2f\"", figure.font_size);
    for (const char* id : {"network", "delay_queue_slots"}) {
        const std::string out = svg(id, plot::ThemeKind::Light, column);
        EXPECT_NE(out.find(size), std::string::npos) << id;
        EXPECT_EQ(out.find("font-size=\"15.00\""), std::string::npos) << id << " kept the screen's font";
    }
}

TEST_F(DiagramsTest, QueueSlotsSvgShowsEachTargetWithItsTick) {
    frame();
    ASSERT_EQ(view().queue.size(), 2u); // depth 2
    ASSERT_GE(view().scored_label, 0);
    const std::string light = svg("delay_queue_slots", plot::ThemeKind::Light);
    EXPECT_NE(light.find(">scored</text>"), std::string::npos);
    EXPECT_NE(light.find(">waiting: 2 (oldest first)</text>"), std::string::npos);
    EXPECT_NE(light.find(">&lt;- newest</text>"), std::string::npos);
    EXPECT_NE(light.find(">t" + std::to_string(view().scored_from_tick) + "</text>"), std::string::npos);
    for (const QueueSlot& slot : view().queue) {
        EXPECT_NE(light.find(">t" + std::to_string(slot.from_tick) + "</text>"), std::string::npos);
        EXPECT_NE(
            light.find(">" + run.snapshot.class_names.at(static_cast<std::size_t>(slot.label)) + "</text>"),
            std::string::npos);
    }
    EXPECT_GE(contrast_on_white(text_fill(light, "scored")), 4.5);
    // The scored box is outlined in the theme's text colour.
    EXPECT_NE(light.find("stroke=\"" + hex(plot::theme_of(plot::ThemeKind::Light).text) + "\""),
              std::string::npos);
}

TEST_F(DiagramsTest, ADeepQueueShowsBothEndsAndAnEmptyOneSaysSo) {
    view().queue.resize(200, QueueSlot{1, 7});
    frame();
    EXPECT_NE(svg("delay_queue_slots", plot::ThemeKind::Light).find(">... 104 more ...</text>"),
              std::string::npos);
    view().queue.clear();
    frame();
    EXPECT_NE(svg("delay_queue_slots", plot::ThemeKind::Dark).find(">(empty)</text>"), std::string::npos);
}

TEST_F(DiagramsTest, NetworkCsvHasOneRowPerNeuronThenTheConnectionsDrawn) {
    frame();
    const std::string out = csv("network");
    const std::size_t gap = out.find("\n\n");
    ASSERT_NE(gap, std::string::npos) << out;
    const std::string neurons = out.substr(0, gap + 1), connections = out.substr(gap + 2);
    EXPECT_EQ(neurons.rfind("column,layer,neuron,activation\n", 0), 0u);
    EXPECT_EQ(lines(neurons), 1u + 4 + 32 + 16 + 3);
    EXPECT_NE(neurons.find("\n0,,3,"), std::string::npos) << "the input's last neuron, in no layer";
    EXPECT_NE(neurons.find("\n3,2,2,"), std::string::npos) << "the last output";
    EXPECT_NE(neurons.find(fmt::format("\n1,0,5,{}\n", view().layers[0].act[5])), std::string::npos)
        << neurons;

    EXPECT_EQ(connections.rfind("layer,from,to,weight\n", 0), 0u);
    std::size_t drawn = 0;
    for (const LayerView& layer : view().layers) drawn += layer.connections.size();
    EXPECT_GT(drawn, 100u);
    EXPECT_EQ(lines(connections), 1u + drawn); // every connection the engine sent is drawable here
}

TEST_F(DiagramsTest, QueueSlotsCsvHasOneRowPerSlotScoredFirst) {
    frame();
    const std::string out = csv("delay_queue_slots");
    EXPECT_EQ(lines(out), 1u + 1 + view().queue.size()) << out;
    const auto name = [&](int label) { return run.snapshot.class_names.at(static_cast<std::size_t>(label)); };
    std::string expected = "position,label,class,from_tick\n";
    expected += "0," + std::to_string(view().scored_label) + "," + name(view().scored_label) + "," +
                std::to_string(view().scored_from_tick) + "\n";
    for (std::size_t i = 0; i < view().queue.size(); ++i)
        expected += std::to_string(i + 1) + "," + std::to_string(view().queue[i].label) + "," +
                    name(view().queue[i].label) + "," + std::to_string(view().queue[i].from_tick) + "\n";
    EXPECT_EQ(out, expected);
}

// Every neuron is found where it is drawn, and nothing between the columns.
TEST_F(DiagramsTest, TheLayoutFindsEachNeuronAtItsPlace) {
    frame();
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    NetworkLayout layout;
    lay_out_network(view(), run.snapshot.class_names, {0, 0}, {800, 500}, font.FontSize, 1.f,
                    FontMeasure(font), layout);
    ASSERT_EQ(layout.columns(), 4u);
    for (std::size_t k = 0; k < layout.columns(); ++k)
        for (std::size_t i = 0; i < layout.first[k + 1] - layout.first[k]; ++i) {
            const auto hit = neuron_at(layout, layout.positions[layout.first[k] + i]);
            ASSERT_TRUE(hit.has_value()) << k << "," << i;
            EXPECT_EQ(hit->column, k);
            EXPECT_EQ(hit->neuron, i);
        }
    const float between = (layout.column_x[1] + layout.column_x[2]) / 2;
    EXPECT_FALSE(neuron_at(layout, {between, layout.positions[layout.first[1]].y}).has_value());
    EXPECT_FALSE(layout.short_captions);

    // Narrow: the names go, then the sizes alternate rows.
    lay_out_network(view(), run.snapshot.class_names, {0, 0}, {260, 500}, font.FontSize, 1.f,
                    FontMeasure(font), layout);
    EXPECT_TRUE(layout.short_captions);
}

TEST_F(DiagramsTest, HoveringANeuronOnScreenOpensItsReadout) {
    frame();
    frame();
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    NetworkLayout layout;
    lay_out_network(view(), run.snapshot.class_names, network_min, network_max, font.FontSize, 1.f,
                    FontMeasure(font), layout);
    auto tooltip = [] {
        const ImGuiWindow* w = ImGui::FindWindowByName("##Tooltip_00");
        return w != nullptr && w->Active;
    };
    ImGui::GetIO().MousePos = layout.positions[layout.first[1] + 5]; // layer 0, neuron 5
    frame();
    EXPECT_TRUE(tooltip());
    // Between the columns: nothing to read out.
    ImGui::GetIO().MousePos = ImVec2((layout.column_x[1] + layout.column_x[2]) / 2, layout.positions[5].y);
    frame();
    EXPECT_FALSE(tooltip());
    // The smallest neurons (32 in a column) are still found, at the edge of the disc.
    const ImVec2 edge = layout.positions[layout.first[1] + 31];
    ImGui::GetIO().MousePos = ImVec2(edge.x + layout.radius[1], edge.y);
    frame();
    EXPECT_TRUE(tooltip());
    ImGui::GetIO().MousePos = ImVec2(-1.f, -1.f);
}

#ifdef PHASOR_COUNT_MALLOC
TEST_F(DiagramsTest, PanelsDrawWithoutAllocatingOnceWarm) {
    for (int i = 0; i < 3; ++i) frame();
    history.observe(run.snapshot);
    EXPECT_EQ(phasor::testing::count_mallocs([&] { frame(); }), 0);
}
#endif

} // namespace
} // namespace phasor::ui
