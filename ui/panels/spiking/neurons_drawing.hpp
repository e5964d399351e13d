// The neurons in space as a plot::Drawing: every shown neuron (at most SpikingView::kPoints) a small square
// in its population's colour, dim while quiet and flaring towards white for a few tens of milliseconds after
// it fires, seen through a rotatable camera with a little perspective; the box they fill outlined; the
// picked neuron ringed, with a line to each of its targets. Squares, not discs: 20,000 of them are 80,000
// vertices, which a frame affords.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/plot/drawing.hpp"

#include <optional>
#include <vector>

namespace phasor::ui {

// Where the camera is: turned `yaw` about the vertical axis and tilted `pitch`, `zoom` times closer.
struct Orbit {
    float yaw = 0.6f, pitch = 0.45f, zoom = 1.f;
};

// Space to screen for one drawing's box: orthographic with a mild perspective (far points a little smaller
// and closer to the middle), so depth reads while turning without distorting the layout.
struct Projection {
    ImVec2 centre;              // of the area on screen
    float scale = 1.f;          // pixels per metre at the box's centre
    Vec3 middle;                // the box's centre
    float r[3][3] = {};         // rotation: rows are screen x, screen y (up) and depth (towards us)
    float depth = 3.f;          // the camera's distance in box half-diagonals
    float half = 1.f;           // the box's half diagonal (m)
    ImVec2 at(Vec3 p) const;    // the pixel of point p
    float toward(Vec3 p) const; // its depth towards the camera, in half diagonals
};
Projection project_box(const SpikingView& view, const Orbit& orbit, ImVec2 min, ImVec2 max);
// The projection a drawing into [min, max] with text of `font` pixels uses (the box leaves a line below for
// the hint), for the panel's click test as well as for drawing.
Projection project_drawing(const SpikingView& view, const Orbit& orbit, ImVec2 min, ImVec2 max, float font);

class NeuronsDrawing final : public plot::Drawing {
  public:
    void set(const SpikingView* view, Orbit orbit) {
        view_ = view;
        orbit_ = orbit;
    }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // neuron,population,x,y,z,since_spike_s for every point, then picked,target,x,y,z.
    void write_csv(std::string& out) const override;

    const Projection& projection() const { return projection_; }
    std::size_t points_drawn() const { return points_; }

  private:
    std::optional<Vec3> picked_position() const;

    const SpikingView* view_ = nullptr;
    Orbit orbit_;
    mutable Projection projection_;
    mutable std::size_t points_ = 0;
    mutable std::vector<int> palette_;
    mutable std::vector<plot::Rgba> quiet_, lit_;
    mutable std::vector<int> population_; // of each shown point
};

// The neuron index of the shown point nearest `mouse` within `reach` pixels, or none.
std::optional<std::uint32_t> neuron_at(const SpikingView& view, const Projection& projection, ImVec2 mouse,
                                       float reach);

} // namespace phasor::ui
