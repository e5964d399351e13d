// The Race table panel of the rule lab: one row per variant, live: its name and colour, what it sets unlike
// the base, test and training accuracy, loss, weight updates, the fraction of connections a sample changes,
// samples per second and memory, the best test accuracy highlighted. Drawn as a plot::Drawing through the
// plot shelf (the plot "rules_race_table"), so it exports like every plot: a PNG or SVG of the table for a
// slide, a CSV of its numbers. Clicking a column's header sorts by it (again: the other way round).
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/plot/drawing.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace phasor::ui {

class RaceTableDrawing final : public plot::Drawing {
  public:
    enum Column { Name, Differs, TestAccuracy, TrainAccuracy, Loss, Updates, Fired, Rate, Memory, kColumns };

    // This frame's payload (it outlives the frame's exports) and the order its rows are shown in; `sorted`
    // is the column the order follows (-1: the variants' own order), marked in its header.
    void set(const RulesView* view, const std::vector<std::size_t>* order, int sorted, bool descending);

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // variant,differs,rule,optimizer,test_accuracy,train_accuracy,loss,weight_updates,fired_fraction,
    // samples_per_second,memory_bytes,best: a row per variant in the order shown, the numbers unrounded.
    void write_csv(std::string& out) const override;

    // The variant with the best test accuracy (none before the first evaluation).
    std::optional<std::size_t> best() const;

    // Where the last draw() put things (the screen's, when asked right after the panel showed the plot).
    int header_at(ImVec2 point) const;                     // the column whose header is there, or -1
    std::optional<std::size_t> row_at(ImVec2 point) const; // the variant whose row is there
    ImVec2 header_centre(int column) const;
    ImVec2 row_centre(std::size_t shown_row) const;
    bool differs_cut(std::size_t variant) const; // its `differs` did not fit its column
    // Whether the last draw() had room for the column (a narrow table drops the least important first).
    bool column_shown(int column) const {
        return column >= 0 && column < kColumns &&
               edges_[static_cast<std::size_t>(column) + 1] > edges_[static_cast<std::size_t>(column)];
    }
    float left_edge() const { return edges_[0]; }         // the table's
    float right_edge() const { return edges_[kColumns]; } // of the last column shown
    std::size_t rows_drawn() const { return rows_drawn_; }

    static const char* header(int column);

  private:
    const RulesView* view_ = nullptr;
    const std::vector<std::size_t>* order_ = nullptr;
    int sorted_ = -1;
    bool descending_ = false;
    // The last layout: column edges (kColumns + 1), the header's top and the row height.
    mutable std::array<float, kColumns + 1> edges_{};
    mutable float top_ = 0, row_height_ = 0;
    mutable std::vector<bool> cut_;
    mutable std::size_t rows_drawn_ = 0;
};

class RaceTablePanel final : public Panel {
  public:
    const char* title() const override { return "Race table"; }
    const char* tooltip() const override {
        return "Every variant's latest figures side by side; the best test accuracy is highlighted.";
    }
    void draw(PanelContext& context) override;

    const RaceTableDrawing& drawing() const { return drawing_; }
    const plot::Plot& plot() const { return plot_; }
    const std::vector<std::size_t>& order() const { return order_; }
    int sorted_by() const { return sorted_; }
    bool descending() const { return descending_; }
    // The variant whose row the mouse is over (its full `differs` in a tooltip), if any.
    std::optional<std::size_t> hovered_variant() const { return hovered_; }

  private:
    void sort(const RulesView& view);
    void hover(const RulesView& view);

    RaceTableDrawing drawing_;
    std::vector<std::size_t> order_;
    int sorted_ = -1;
    bool descending_ = false;
    std::optional<std::size_t> hovered_;
    plot::Plot plot_;
    plot::PlotView view_;
};

std::unique_ptr<Panel> make_race_table_panel();

} // namespace phasor::ui
