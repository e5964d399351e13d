// Greedy word wrapping on a canvas (wrapped_text.hpp).
#include "ui/plot/wrapped_text.hpp"

namespace phasor::plot {

namespace {

// Calls line(part) for each line of `text` within `width`, in order; returns how many.
template <class Line> int wrap(Canvas& canvas, std::string_view text, float size, float width, Line&& line) {
    int lines = 0;
    std::size_t start = 0;
    while (start < text.size() || lines == 0) {
        std::size_t end = start;
        // Take word after word while the line so far fits (the first word always).
        while (end < text.size()) {
            std::size_t next = text.find(' ', end + 1);
            if (next == std::string_view::npos) next = text.size();
            if (end > start && canvas.text_width(text.substr(start, next - start), size) > width) break;
            end = next;
        }
        line(text.substr(start, end - start));
        ++lines;
        start = end;
        while (start < text.size() && text[start] == ' ') ++start;
    }
    return lines;
}

} // namespace

int wrapped_lines(Canvas& canvas, std::string_view text, float size, float width) {
    return wrap(canvas, text, size, width, [](std::string_view) {});
}

float draw_wrapped(Canvas& canvas, ImVec2 top_left, std::string_view text, float size, Rgba color,
                   float width, float spacing) {
    float y = top_left.y;
    const int lines = wrap(canvas, text, size, width, [&](std::string_view part) {
        canvas.text(ImVec2(top_left.x, y), part, size, color, 0.f);
        y += spacing;
    });
    return static_cast<float>(lines) * spacing;
}

} // namespace phasor::plot
