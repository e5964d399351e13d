// A canvas that draws nothing and keeps every text put on it, where and at what size, measuring text as
// monospaced at half the size per byte: for tests of where a drawing places its words.
#pragma once
#include "ui/plot/canvas.hpp"

#include <string>
#include <vector>

namespace phasor::testing {

class TextCanvas final : public plot::Canvas {
  public:
    struct Text {
        ImVec2 at;
        std::string text;
        float size;
        float align;
    };
    std::vector<Text> texts;

    float text_width(std::string_view text, float size) override {
        return static_cast<float>(text.size()) * size * 0.5f;
    }
    void text(ImVec2 at, std::string_view text, float size, plot::Rgba, float align) override {
        texts.push_back({at, std::string(text), size, align});
    }
    void text_vertical(ImVec2, std::string_view, float, plot::Rgba) override {}
    void line(ImVec2, ImVec2, plot::Rgba, float) override {}
    void polyline(std::span<const ImVec2>, plot::Rgba, float) override {}
    void rect(ImVec2, ImVec2, plot::Rgba, float) override {}
    void fill_rect(ImVec2, ImVec2, plot::Rgba) override {}
    void disc(ImVec2, float, plot::Rgba, plot::Rgba, float) override {}
    void box(ImVec2, ImVec2, float, plot::Rgba, plot::Rgba, float) override {}
    void heatmap(ImVec2, ImVec2, const plot::Heatmap&, float, float) override {}
    void push_clip(ImVec2, ImVec2) override {}
    void pop_clip() override {}
};

} // namespace phasor::testing
