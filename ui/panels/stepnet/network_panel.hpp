// The Network panel: the stepped network drawn as a picture. Neurons are coloured by their activation this
// tick and connections by their weight; since every layer shows its own current buffer, in slow motion a
// signal visibly moves one layer per tick.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel.hpp"

#include <imgui.h>
#include <vector>

namespace phasor::ui {

class NetworkPanel final : public Panel {
  public:
    const char* title() const override { return "Network"; }
    const char* tooltip() const override {
        return "The network this tick: neurons coloured by activation, connections by weight sign and size.";
    }
    void draw(PanelContext& context) override;

  private:
    void layout(const StepNetView& snapshot, ImVec2 p0, ImVec2 p1);
    void draw_connections(const StepNetView& snapshot, ImDrawList& draw) const;
    void draw_neurons(const StepNetView& snapshot, ImDrawList& draw) const;
    void draw_labels(const StepNetView& snapshot, ImDrawList& draw, ImVec2 p0, ImVec2 p1) const;
    void hover_readout(const StepNetView& snapshot) const;
    void caption(const StepNetView& snapshot, std::size_t column, char* out, std::size_t size) const;

    // Column 0 is the input, column k the activations of layer k−1; neuron i of column k is at
    // positions_[first_[k] + i].
    std::vector<ImVec2> positions_;
    std::vector<std::size_t> first_;
    std::vector<float> column_x_;
    std::vector<float> radius_;
    float top_ = 0.f;
    const std::vector<std::string>* class_names_ = nullptr; // this frame's snapshot's
    std::uint64_t tick_ = 0;
    bool short_captions_ = false; // sizes only, the names left out
    bool stagger_ = false;        // captions on two alternating rows, the columns being close
    bool ages_ = true;            // room for the "t-1" line under the captions
};

} // namespace phasor::ui
