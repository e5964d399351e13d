// The message timeline as a plot::Drawing: one lane per component, each message it received a mark at the
// time it took it (the last `window` seconds up to MachView::time), a Spike a disc in the lane's upper half
// and a Grad a square in its lower half, coloured by how long it waited in the queue (Viridis, with its
// key). Slowed down, it shows the pipeline fill and drain. The Message timeline panel shows it; its CSV
// lists the marks inside the window.
#pragma once
#include "engine/mach/mach_view.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/drawing.hpp"

#include <optional>

namespace phasor::ui {

// Where the lanes go in a drawing's box: the same for the picture and the hover readout.
struct TimelineGeometry {
    ImVec2 lanes_min, lanes_max; // the marks' area
    float lane = 0.f;            // a lane's height
    double t0 = 0.0, t1 = 1.0;   // the seconds shown, left to right
    float mark = 0.f;            // a mark's radius

    float x_of(double t) const {
        return lanes_min.x + static_cast<float>((t - t0) / (t1 - t0)) * (lanes_max.x - lanes_min.x);
    }
    ImVec2 at(const MachMark& m) const {
        const float top = lanes_min.y + lane * static_cast<float>(m.component);
        return {x_of(m.time), top + lane * (m.grad ? 0.72f : 0.28f)};
    }
};
TimelineGeometry timeline_geometry(const MachView& view, double window, ImVec2 min, ImVec2 max, float font,
                                   float name_width);

class MessageTimelineDrawing final : public plot::Drawing {
  public:
    void set(const MachView* view, double window) {
        view_ = view;
        window_ = window;
    }
    double window() const { return window_; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // component,from,kind,time,age,delay for each mark inside the window, oldest first.
    void write_csv(std::string& out) const override;

    std::size_t marks_drawn() const { return marks_drawn_; }       // by the last draw()
    const TimelineGeometry& geometry() const { return geometry_; } // of the last draw()
    // The age the colour scale tops at: the oldest wait among the marks shown (at least 1 ms).
    float age_scale() const;
    bool shown(const MachMark& mark) const;
    // The widest component name, which sets where the lanes begin.
    float name_width(const TextMeasure& measure, float font) const;

  private:
    void draw_key(plot::Canvas& canvas, ImVec2 at, float right, float font, const DiagramInk& ink) const;

    const MachView* view_ = nullptr;
    double window_ = 5.0;
    mutable std::size_t marks_drawn_ = 0;
    mutable TimelineGeometry geometry_;
};

} // namespace phasor::ui
