// Phase histograms as a plot::Drawing: a rose per population (its spikes' theta phases over the last
// window in 36 bins, each a bar out from the centre, 0° to the right and counter-clockwise), with an arrow
// at the mean phase as long as the phase-locking value (a perfectly locked population reaches the rim), and
// the PLV and mean phase written under it. Populations that did not fire say so.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/plot/drawing.hpp"

#include <vector>

namespace phasor::ui {

// Where the roses go: a grid of equal cells, as square as the area allows.
struct RoseGrid {
    int columns = 1, rows = 1;
    ImVec2 min, max;
    float radius = 0;
    ImVec2 centre(int index) const; // of the rose, leaving room for its name above and figures below
};
RoseGrid lay_out_roses(int count, ImVec2 min, ImVec2 max, float font);

class PolarDrawing final : public plot::Drawing {
  public:
    void set(const SpikingView* view) { view_ = view; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // population,bin_start_deg,bin_end_deg,count for every bin, then population,plv,mean_phase_deg.
    void write_csv(std::string& out) const override;

    const RoseGrid& grid() const { return grid_; }

  private:
    void draw_rose(plot::Canvas& canvas, std::size_t p, const plot::DrawStyle& style) const;

    const SpikingView* view_ = nullptr;
    mutable RoseGrid grid_;
    mutable std::vector<int> palette_;
    mutable std::vector<ImVec2> ring_;
};

} // namespace phasor::ui
