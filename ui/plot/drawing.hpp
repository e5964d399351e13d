// Custom drawings exported like plots: a panel that draws a diagram (the network, the delay queue) describes
// it once as a Drawing, sets Plot::drawing, and shows the plot through the PlotShelf; the same draw() then
// paints the screen, the PNG and the SVG, in the export's theme and size, and the plot's context menu
// exports it.
#pragma once
#include "ui/plot/canvas.hpp"

#include <string>

namespace phasor::plot {

class Drawing {
  public:
    virtual ~Drawing() = default;

    // Draws into [min, max], the plot's box below its title. Sizes come from `style` (font_size for text,
    // scale for line widths), colours for text and lines from style.colors() so the drawing reads in every
    // theme. Called for every frame on screen and once per export: allocate nothing once warm.
    virtual void draw(Canvas& canvas, ImVec2 min, ImVec2 max, const DrawStyle& style) const = 0;

    // The numbers behind the drawing for its CSV export, starting with a header row ("layer,neuron,value\n").
    // Nothing by default: the CSV then holds only the plot's event markers, if any.
    virtual void write_csv(std::string& out) const { (void)out; }
};

} // namespace phasor::plot
