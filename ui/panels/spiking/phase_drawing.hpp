// Spike phase against time as a plot::Drawing: above, each of the latest spikes as a dot at its theta phase
// (0–360°) in its population's colour; below, on the same time axis, the theta and gamma rhythms they are
// read against, so precession (late to early phase, cycle after cycle) and gamma-nested items line up with
// the waves that time them.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/plot/drawing.hpp"

#include <vector>

namespace phasor::ui {

class PhaseDrawing final : public plot::Drawing {
  public:
    void set(const SpikingView* view) { view_ = view; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // time_s,phase_deg,population for every phase point, then time_s,theta,gamma for the rhythm traces.
    void write_csv(std::string& out) const override;

    // What the last draw() put down, for tests.
    std::size_t dots_drawn() const { return dots_; }
    ImVec2 phase_area_min() const { return phase_min_; }
    ImVec2 phase_area_max() const { return phase_max_; }
    double time_lo() const { return t0_; }
    double time_hi() const { return t1_; }

  private:
    void draw_rhythm(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const std::vector<float>& trace,
                     plot::Rgba color, float width) const;

    const SpikingView* view_ = nullptr;
    mutable std::vector<int> palette_;
    mutable std::vector<ImVec2> line_;
    mutable std::size_t dots_ = 0;
    mutable ImVec2 phase_min_, phase_max_;
    mutable double t0_ = 0, t1_ = 1;
};

} // namespace phasor::ui
