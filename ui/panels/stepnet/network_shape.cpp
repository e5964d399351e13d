// The network shape editor (network_shape.hpp).
#include "ui/panels/stepnet/network_shape.hpp"

#include "engine/runtime/family.hpp"
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <imgui.h>

namespace phasor::ui {

namespace {

constexpr std::string_view kLayers = "network.layers", kActivations = "network.activations";

void hover_tip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

// Greyed text that wraps at the panel's edge, its lines starting where it starts.
void note(const std::string& text, const char* tip) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    hover_tip(tip);
}

constexpr const char* kFixedByTask =
    "The task fixes the input size and the number of classes: choose another task to change them.";

bool automatic(const Snapshot& snapshot, std::string_view key) {
    const ParamValue* value = snapshot.param(key);
    return !value || std::holds_alternative<std::monostate>(*value);
}

// Posts the edit as one change of what it alters. Automatic activations are written out with new sizes: the
// rule that picks them depends on the sizes, and the activations on screen should stay as they are.
void post(PanelContext& context, const NetworkShape& now, const NetworkShape& edited) {
    SetParams change;
    if (edited.sizes != now.sizes) change.changes.push_back({std::string(kLayers), edited.sizes});
    if (edited.activations != now.activations ||
        (!change.changes.empty() && automatic(context.snapshot, kActivations)))
        change.changes.push_back({std::string(kActivations), edited.activations});
    if (!change.changes.empty()) context.commands.post(std::move(change));
}

// Where a row's parts start, so the rows line up as columns.
struct Columns {
    float x0 = 0.f;    // the row's start (window coordinates, as SameLine takes them)
    float label = 0.f; // the widest row name
    float count = 0.f; // the widest neuron count
    float combo = 0.f;
    float button = 0.f;
};

// After a row's name: its controls in their column, or, in a panel too narrow for the column, on the next
// line.
void after_name(const Columns& c) {
    if (c.label > 0.f) ImGui::SameLine(c.x0 + c.label);
}

// Continues the row when `width` more fits, else starts a new line under the row's controls.
void next_part(const Columns& c, float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) {
        ImGui::NewLine();
        ImGui::SetCursorPosX(c.x0 + c.label);
    }
}

// The activation combo of layer `index` (1-based after the input), at most `width` wide. Softmax is only for
// the output, and only there with the cross-entropy loss (which has no combo), so it is never offered.
void activation_choice(PanelContext& context, const NetworkShape& now, std::size_t index, float width,
                       const ParamSpec& row) {
    const std::string& current = now.activations[index - 1];
    ImGui::SetNextItemWidth(width);
    const std::string id = fmt::format("##act{}", index);
    if (ImGui::BeginCombo(id.c_str(), current.c_str())) {
        for (std::string_view choice : row.choices) {
            if (choice == "softmax") continue;
            const std::string name(choice);
            if (ImGui::Selectable(name.c_str(), name == current) && name != current) {
                NetworkShape edited = now;
                edited.activations[index - 1] = name;
                post(context, now, edited);
            }
        }
        ImGui::EndCombo();
    }
    hover_tip(index == now.activations.size() ? "The output's activation"
                                              : "This layer's activation function");
}

void hidden_layer(PanelContext& context, const NetworkShape& now, std::size_t i, const Columns& c,
                  const ParamSpec& layers, const ParamSpec& activations) {
    const std::int64_t size = now.sizes[i];
    ImGui::AlignTextToFramePadding();
    ImGui::Text("Layer %zu", i);
    after_name(c);
    // A count the engine would refuse is never one click away.
    ImGui::BeginDisabled(static_cast<double>(size) <= layers.range.lo);
    if (ImGui::Button(fmt::format("-##layer{}", i).c_str(), ImVec2(c.button, 0.f))) {
        NetworkShape edited = now;
        --edited.sizes[i];
        post(context, now, edited);
    }
    ImGui::EndDisabled();
    hover_tip("One neuron fewer");
    ImGui::SameLine();
    const std::string count = fmt::format("{}", size);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + c.count - ImGui::CalcTextSize(count.c_str()).x);
    ImGui::TextUnformatted(count.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(static_cast<double>(size) >= layers.range.hi);
    if (ImGui::Button(fmt::format("+##layer{}", i).c_str(), ImVec2(c.button, 0.f))) {
        NetworkShape edited = now;
        ++edited.sizes[i];
        post(context, now, edited);
    }
    ImGui::EndDisabled();
    hover_tip("One neuron more");
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    next_part(c, c.combo + 2.f * spacing + c.button);
    // On a line of its own the combo takes what the remove button leaves.
    const float rest = std::max(ImGui::GetContentRegionAvail().x - spacing - c.button, c.button);
    activation_choice(context, now, i, ImGui::GetCursorPosX() <= c.x0 + c.label + 0.5f ? rest : c.combo,
                      activations);
    ImGui::SameLine();
    if (ImGui::Button(fmt::format("x##layer{}", i).c_str(), ImVec2(c.button, 0.f))) {
        NetworkShape edited = now;
        edited.sizes.erase(edited.sizes.begin() + static_cast<std::ptrdiff_t>(i));
        edited.activations.erase(edited.activations.begin() + static_cast<std::ptrdiff_t>(i) - 1);
        post(context, now, edited);
    }
    hover_tip("Remove this layer");
}

} // namespace

std::optional<NetworkShape> network_shape(const Snapshot& snapshot) {
    const ParamValue* sizes = snapshot.param(kLayers);
    const auto* view = snapshot.payload_as<StepNetView>();
    if (!sizes || !view || !std::holds_alternative<std::vector<std::int64_t>>(*sizes)) return std::nullopt;
    NetworkShape shape{std::get<std::vector<std::int64_t>>(*sizes), {}};
    // A view of another shape belongs to a run not yet published: nothing to edit from.
    if (shape.sizes.size() < 2 || view->layers.size() + 1 != shape.sizes.size()) return std::nullopt;
    for (const LayerView& layer : view->layers) shape.activations.push_back(layer.activation);
    return shape;
}

bool draw_network_shape(const ParamSpec& layers, PanelContext& context, ParamFields& fields) {
    const std::optional<NetworkShape> now = network_shape(context.snapshot);
    const Family* family = context.snapshot.family;
    const ParamSpec* activations = family ? family->params.find(kActivations) : nullptr;
    if (!now || !activations) return false;

    const ImGuiStyle& style = ImGui::GetStyle();
    Columns c;
    c.x0 = ImGui::GetCursorPosX();
    c.label =
        std::max(ImGui::CalcTextSize("Output").x, ImGui::CalcTextSize("Layer 88").x) + style.ItemSpacing.x;
    c.count = ImGui::CalcTextSize("8888").x;
    c.button = ImGui::GetFrameHeight();
    c.combo = std::min(ImGui::GetFontSize() * 7.f, ImGui::GetContentRegionAvail().x * 0.5f);
    // The names go above their rows when a name, -, the count and + do not fit on one line.
    if (c.label + 2.f * c.button + c.count + 2.f * style.ItemSpacing.x > ImGui::GetContentRegionAvail().x)
        c.label = 0.f;

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Input");
    after_name(c);
    note(fmt::format("{}, the task's", now->sizes.front()), kFixedByTask);

    for (std::size_t i = 1; i + 1 < now->sizes.size(); ++i)
        hidden_layer(context, *now, i, c, layers, *activations);

    const float add = ImGui::CalcTextSize("Add layer").x + 2.f * style.FramePadding.x;
    ImGui::SetCursorPosX(c.x0 + (c.label + add <= ImGui::GetContentRegionAvail().x ? c.label : 0.f));
    if (ImGui::Button("Add layer")) {
        // A new last hidden layer, like the one before it (4 relu neurons when there is none).
        NetworkShape edited = *now;
        const bool any = now->sizes.size() > 2;
        edited.sizes.insert(edited.sizes.end() - 1, any ? now->sizes[now->sizes.size() - 2] : 4);
        edited.activations.insert(edited.activations.end() - 1,
                                  any ? now->activations[now->activations.size() - 2] : std::string("relu"));
        post(context, *now, edited);
    }
    hover_tip("Add a hidden layer before the output, like the last one. Every edit starts a new run.");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Output");
    after_name(c);
    const ParamValue* loss = context.snapshot.param("network.loss");
    if (loss && to_display(*loss) == "cross_entropy") {
        note(fmt::format("{} classes, softmax", now->sizes.back()),
             "The task fixes the number of classes. With the cross_entropy loss the output is a softmax (the "
             "loss folds it in).");
    } else {
        note(fmt::format("{} classes", now->sizes.back()), kFixedByTask);
        next_part(c, c.combo);
        activation_choice(context, *now, now->activations.size(),
                          std::min(c.combo, ImGui::GetContentRegionAvail().x), *activations);
    }

    // The sizes typed as a whole, for a shape too far from this one for buttons.
    fields.draw(layers, context);
    fields.draw_refusal(*activations, context);
    return true;
}

} // namespace phasor::ui
