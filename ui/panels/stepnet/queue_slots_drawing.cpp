// Delay queue slots (queue_slots_drawing.hpp). One walk over the slots both measures the picture, for the
// panel to size its item, and draws it, so the two cannot disagree.
#include "ui/panels/stepnet/queue_slots_drawing.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

namespace {

float padding(const DiagramInk& ink) {
    return 6.f * ink.unit;
}

// A class name as one CSV field: quoted when it holds a separator, a quote or a line break.
void append_field(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

} // namespace

// One target in its class colour. The class colours are light in every theme, so the box's ink stays dark;
// the scored one is outlined in the theme's text colour.
void QueueSlotsDrawing::draw_box(plot::Canvas& canvas, ImVec2 at, ImVec2 size, float font,
                                 const DiagramInk& ink, int label, std::uint64_t from, bool scored) const {
    const std::vector<plot::Rgba>& classes = plot::colormap_table(plot::Colormap::Classes);
    const plot::Rgba fill = classes.empty()
                                ? plot::rgba(200, 200, 200)
                                : classes[static_cast<std::size_t>(std::max(label, 0)) % classes.size()];
    const ImVec2 end(at.x + size.x, at.y + size.y);
    canvas.box(at, end, font * 0.2f, plot::with_alpha(fill, 0xC0),
               scored ? ink.text : plot::rgba(0, 0, 0, 140), scored ? font * 0.15f : ink.unit);
    char name[64], line[32];
    class_name(class_names_, label, name);
    std::snprintf(line, sizeof line, "t%llu", static_cast<unsigned long long>(from));
    const plot::Rgba box_ink = plot::rgba(20, 20, 20);
    canvas.push_clip(at, end);
    canvas.text(ImVec2(at.x + font * 0.3f, at.y + font * 0.2f), name, font, box_ink, 0.f);
    canvas.text(ImVec2(at.x + font * 0.3f, at.y + font * 1.2f), line, font, box_ink, 0.f);
    canvas.pop_clip();
}

float QueueSlotsDrawing::place(plot::Canvas* canvas, const TextMeasure& measure, ImVec2 origin, float right,
                               float font, const DiagramInk& ink) const {
    const StepNetView& view = *view_;
    auto text = [&](ImVec2 at, std::string_view s, plot::Rgba color) {
        if (canvas != nullptr) canvas->text(at, s, font, color, 0.f);
    };
    // Wide enough for the longest "t<tick>" a slot can hold (the current tick), which grows as the run goes
    // on, with room to spare for an SVG viewer whose digits are wider than the SVG's estimate of them.
    char line[64];
    std::snprintf(line, sizeof line, "t%llu", static_cast<unsigned long long>(tick_));
    const ImVec2 box(std::max(font * 5.f, measure.width(line, font) + font * 1.2f), font * 2.4f);
    const float gap = font * 0.4f;
    right = std::max(right, origin.x + box.x * 3.f);

    // The scored target first: it is the one that just left the oldest end.
    text(origin, "scored", ink.dim);
    const ImVec2 at(origin.x, origin.y + font * 1.2f);
    if (canvas != nullptr && view.scored_label >= 0)
        draw_box(*canvas, at, box, font, ink, view.scored_label, view.scored_from_tick, true);
    else if (canvas != nullptr)
        canvas->box(at, ImVec2(at.x + box.x, at.y + box.y), font * 0.2f, 0, ink.dim, ink.unit);
    text(ImVec2(at.x + box.x + gap, at.y + font * 0.7f), "<-", ink.dim);

    const float start = at.x + box.x + gap * 2.f + measure.width("<-", font);
    std::snprintf(line, sizeof line, "waiting: %zu (oldest first)", view.queue.size());
    text(ImVec2(start, origin.y), line, ink.dim);

    const std::size_t n = view.queue.size();
    const std::size_t shown = std::min(n, kMaxBoxes);
    float x = start, y = at.y;
    for (std::size_t k = 0; k < shown; ++k) {
        // Beyond kMaxBoxes the middle of the queue is skipped, keeping its two ends.
        const std::size_t i = (n > kMaxBoxes && k >= kMaxBoxes / 2) ? n - (shown - k) : k;
        if (x + box.x > right && x > start) {
            x = start;
            y += box.y + gap;
        }
        if (n > kMaxBoxes && k == kMaxBoxes / 2) {
            std::snprintf(line, sizeof line, "... %zu more ...", n - kMaxBoxes);
            text(ImVec2(x, y + font * 0.7f), line, ink.text);
            x += measure.width(line, font) + gap;
            if (x + box.x > right) {
                x = start;
                y += box.y + gap;
            }
        }
        if (canvas != nullptr)
            draw_box(*canvas, ImVec2(x, y), box, font, ink, view.queue[i].label, view.queue[i].from_tick,
                     false);
        x += box.x + gap;
    }
    if (n == 0)
        text(ImVec2(start, at.y + font * 0.7f), "(empty)", ink.dim);
    else
        text(ImVec2(x, y + font * 0.7f), "<- newest", ink.dim);
    return y + box.y;
}

float QueueSlotsDrawing::height(float width, const plot::DrawStyle& style, const TextMeasure& measure) const {
    if (view_ == nullptr) return 0.f;
    const DiagramInk ink = diagram_ink(style);
    const float pad = padding(ink);
    return place(nullptr, measure, ImVec2(pad, pad), width - pad, style.font_size, ink) + pad;
}

void QueueSlotsDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                             const plot::DrawStyle& style) const {
    if (view_ == nullptr) return;
    const DiagramInk ink = diagram_ink(style);
    const CanvasMeasure measure(canvas);
    const float pad = padding(ink);
    // Centred in a box taller than it needs (an export of a fixed size); on screen the box fits it.
    const float needed = height(max.x - min.x, style, measure);
    const float top = min.y + std::max(0.f, (max.y - min.y - needed) * 0.5f);
    place(&canvas, measure, ImVec2(min.x + pad, top + pad), max.x - pad, style.font_size, ink);
}

void QueueSlotsDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    const StepNetView& view = *view_;
    char name[64];
    out += "position,label,class,from_tick\n";
    auto row = [&](std::size_t position, int label, std::uint64_t from) {
        fmt::format_to(std::back_inserter(out), "{},{},", position, label);
        append_field(out, class_name(class_names_, label, name));
        fmt::format_to(std::back_inserter(out), ",{}\n", from);
    };
    if (view.scored_label >= 0) row(0, view.scored_label, view.scored_from_tick);
    for (std::size_t i = 0; i < view.queue.size(); ++i)
        row(i + 1, view.queue[i].label, view.queue[i].from_tick);
}

} // namespace phasor::ui
