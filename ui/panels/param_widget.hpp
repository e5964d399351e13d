// The generic control of one parameter row, drawn from its description alone: a checkbox for a flag, a combo
// for a choice, a text field for everything else (numbers, lists, "auto"), committed with Enter or by leaving
// the field. Each edit posts one SetParam; the engine checks it and answers a refusal with a message, and a
// value that is not even of the row's type is explained under the field without being posted.
#pragma once
#include "engine/params/param.hpp"
#include "ui/panels/panel.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

namespace phasor::ui {

class ParamFields {
  public:
    void begin_frame() { shown_.clear(); }
    // Whether this frame drew the control of `key` (and so any refusal about it, beside it).
    bool showed(std::string_view key) const {
        return !key.empty() && std::find(shown_.begin(), shown_.end(), key) != shown_.end();
    }

    // Draws the row's control at `width` (0: a width fitted to the panel); returns true when it posted. An
    // optional row that is not set shows `automatic` ("auto (2)") greyed in its field. A row that does not
    // apply to the settings as they are (param_relevant) shows its label and why, greyed, instead.
    bool draw(const ParamSpec& row, PanelContext& context, float width = 0.f,
              std::string_view automatic = {});
    // The engine's refusal of the last change to `row`, in red, when there is one: for a control drawn by
    // hand, so the refusal still stands beside it.
    void draw_refusal(const ParamSpec& row, const PanelContext& context);

  private:
    struct Field {
        std::array<char, 256> text{};
        bool editing = false;
        std::string error; // why the last typed text was not a value of the row's type
    };
    bool draw_text(const ParamSpec& row, PanelContext& context, const char* label,
                   std::string_view automatic);
    std::map<std::string, Field, std::less<>> fields_;
    std::vector<std::string_view> shown_;
};

// "Learning rate" or "Hold (ticks)", with the key as its ID ("###train.lr") so two families' labels never
// collide and the control keeps its ID wherever its label goes.
std::string param_label(const ParamSpec& row);
// The hover text: the help line, the range or choices, and how a change applies.
std::string param_tooltip(const ParamSpec& row);
// Whether the row matters with the parameters as they are (decay only for the exponential schedule).
bool param_relevant(const ParamSpec& row, const Snapshot& snapshot);
// Whether the Controls show the row at all: it applies, or it says why it does not (`otherwise`).
bool param_shown(const ParamSpec& row, const Snapshot& snapshot);

} // namespace phasor::ui
