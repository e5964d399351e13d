// The Metrics panel: the run's headline metrics, a line plot of every channel its family marks for it (and
// the measured speed), with the live changes as markers, and the held-out accuracy per class for families
// that classify.
#pragma once
#include "ui/panels/panel.hpp"

#include <vector>

namespace phasor::ui {

class MetricsPanel final : public Panel {
  public:
    const char* title() const override { return "Metrics"; }
    const char* tooltip() const override {
        return "The run's metrics over its ticks (loss, accuracy, learning rate, speed...), the changes made "
               "to it, and held-out accuracy per class.";
    }
    void draw(PanelContext& context) override;

  private:
    void draw_headline(const Snapshot& snapshot) const;
    void draw_stage(PanelContext& context);
    void set_up(const RunHistory& history);
    struct LinePlot;
    static void bind(LinePlot& line, const PanelContext& context);

    struct LinePlot {
        std::vector<std::size_t> channels; // the first names the plot; the others are drawn beside it
        plot::Plot plot;
        plot::PlotView view;
    };
    const Family* family_ = nullptr; // whose channels lines_ were made for
    std::vector<LinePlot> lines_;
    std::size_t stage_line_ = 0; // the one curve the presenter stage shows
    plot::Plot eval_;
    plot::PlotView eval_view_;
};

} // namespace phasor::ui
