// A canvas that draws nothing and keeps what a drawing asked of it: every text and where, the heatmaps and
// their rectangles, and how many discs and lines. Text is measured as monospaced, `letter` font sizes a byte.
#pragma once
#include "ui/plot/canvas.hpp"

#include <string>
#include <vector>

namespace phasor::testing {

class RecordingCanvas final : public plot::Canvas {
  public:
    struct Text {
        ImVec2 at; // as given: the line's top (anchor) or, read upwards, its centre
        std::string text;
        float size, align;
        bool vertical;
    };
    struct Painted {
        ImVec2 min, max;
        const plot::Heatmap* map;
        float lo, hi;
    };
    explicit RecordingCanvas(float letter = 0.5f) : letter_(letter) {}

    std::vector<Text> texts;
    std::vector<Painted> heatmaps;
    std::size_t discs = 0, lines = 0;

    bool wrote(std::string_view text) const {
        for (const Text& t : texts)
            if (t.text == text) return true;
        return false;
    }

    float text_width(std::string_view text, float size) override {
        return static_cast<float>(text.size()) * size * letter_;
    }
    void text(ImVec2 at, std::string_view text, float size, plot::Rgba, float align) override {
        texts.push_back({at, std::string(text), size, align, false});
    }
    void text_vertical(ImVec2 center, std::string_view text, float size, plot::Rgba) override {
        texts.push_back({center, std::string(text), size, 0.5f, true});
    }
    void line(ImVec2, ImVec2, plot::Rgba, float) override { ++lines; }
    void polyline(std::span<const ImVec2>, plot::Rgba, float) override { ++lines; }
    void rect(ImVec2, ImVec2, plot::Rgba, float) override {}
    void fill_rect(ImVec2, ImVec2, plot::Rgba) override {}
    void disc(ImVec2, float, plot::Rgba, plot::Rgba, float) override { ++discs; }
    void box(ImVec2, ImVec2, float, plot::Rgba, plot::Rgba, float) override {}
    void heatmap(ImVec2 min, ImVec2 max, const plot::Heatmap& map, float lo, float hi) override {
        heatmaps.push_back({min, max, &map, lo, hi});
    }
    void push_clip(ImVec2, ImVec2) override {}
    void pop_clip() override {}

  private:
    float letter_;
};

} // namespace phasor::testing
