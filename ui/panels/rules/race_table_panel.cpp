// Race table panel (race_table_panel.hpp): the table is measured and drawn on the plot layer's canvas, so the
// screen, the PNG and the SVG show the same rows in the export's theme; the panel sorts the rows and reads
// the mouse against the layout the screen's draw left behind.
#include "ui/panels/rules/race_table_panel.hpp"

#include "ui/panels/panel_style.hpp"
#include "ui/panels/rules/variant_colours.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <string_view>

namespace phasor::ui {

namespace {

using Column = RaceTableDrawing::Column;

constexpr float kRowHeight = 1.7f; // in font sizes
constexpr float kCellPad = 0.55f;  // either side of a cell's text, in font sizes
// Where the panel is short: closer rows rather than a scrolled table.
constexpr float kCompactRowHeight = 1.35f;

// The columns a narrow table leaves out, first to last: memory and speed are the machine's, not the rule's;
// the fraction fired and the loss say less in a race than the accuracies; training accuracy goes last, as
// test accuracy says the same more honestly. (`differs` goes first of all, when it has no room: the row's
// tooltip has it.) Never dropped: the variant, its test accuracy and its weight updates.
constexpr std::array<Column, 5> kDropOrder{Column::Memory, Column::Rate, Column::Fired, Column::Loss,
                                           Column::TrainAccuracy};

// "12,345,678": a count read digit by digit; from 100 million on, "1.23 G" (compact_number), which stays
// short.
const char* grouped(std::int64_t value, std::span<char> out) {
    if (std::abs(static_cast<double>(value)) >= 1e8) return compact_number(static_cast<double>(value), out);
    char digits[24];
    const int n = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(std::llabs(value)));
    std::size_t at = 0;
    if (value < 0) out[at++] = '-';
    for (int i = 0; i < n && at + 2 < out.size(); ++i) {
        if (i > 0 && (n - i) % 3 == 0) out[at++] = ',';
        out[at++] = digits[i];
    }
    out[at] = '\0';
    return out.data();
}

// Bytes in the binary unit that keeps the number short: "512 B", "38.2 KiB", "1.50 MiB", "2.25 GiB".
const char* memory(std::int64_t bytes, std::span<char> out) {
    const double b = static_cast<double>(bytes);
    if (b < 1024)
        std::snprintf(out.data(), out.size(), "%lld B", static_cast<long long>(bytes));
    else if (b < 1024.0 * 1024)
        std::snprintf(out.data(), out.size(), "%.1f KiB", b / 1024);
    else if (b < 1024.0 * 1024 * 1024)
        std::snprintf(out.data(), out.size(), "%.2f MiB", b / (1024.0 * 1024));
    else
        std::snprintf(out.data(), out.size(), "%.2f GiB", b / (1024.0 * 1024 * 1024));
    return out.data();
}

// A fraction as a percentage; "-" where there is none yet (NaN: no evaluation so far).
const char* percent(double value, std::span<char> out, const char* format = "%.1f %%") {
    if (std::isfinite(value))
        std::snprintf(out.data(), out.size(), format, value * 100.0);
    else
        std::snprintf(out.data(), out.size(), "-");
    return out.data();
}

// The text of a cell; `differs` gets the variant's full text (the column cuts it to fit).
std::string_view cell(const RulesView& view, std::size_t v, int column, std::span<char> out,
                      const std::string& differs) {
    const VariantView& variant = view.variants[v];
    switch (column) {
    case Column::Name:
        return variant.name;
    case Column::Differs:
        return differs;
    case Column::TestAccuracy:
        return percent(variant.test_accuracy, out);
    case Column::TrainAccuracy:
        return percent(variant.train_accuracy, out);
    case Column::Loss:
        if (std::isfinite(variant.loss))
            std::snprintf(out.data(), out.size(), "%.4g", static_cast<double>(variant.loss));
        else
            std::snprintf(out.data(), out.size(), "-");
        return out.data();
    case Column::Updates:
        return grouped(variant.weight_updates, out);
    case Column::Fired:
        // Often well under one percent for a sparse rule: three significant digits whatever the size.
        return percent(variant.fired_fraction, out, "%.3g %%");
    case Column::Rate:
        return compact_number(variant.samples_per_second, out);
    case Column::Memory:
        return memory(variant.memory_bytes, out);
    default:
        return {};
    }
}

bool numeric(int column) {
    return column >= Column::TestAccuracy;
}

// `text` cut short with "..." to fit `width` pixels; empty when not even a few letters fit.
std::string_view fitted(plot::Canvas& canvas, std::string_view text, float size, float width,
                        std::string& buffer) {
    if (canvas.text_width(text, size) <= width) return text;
    for (std::size_t n = text.size(); n-- > 3;) {
        if ((static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) continue; // inside a UTF-8 character
        buffer.assign(text.substr(0, n));
        buffer += "...";
        if (canvas.text_width(buffer, size) <= width) return buffer;
    }
    return {};
}

} // namespace

const char* RaceTableDrawing::header(int column) {
    static const char* const names[kColumns] = {"variant", "differs", "test acc.", "train acc.", "loss",
                                                "updates", "fired",   "samples/s", "memory"};
    return column >= 0 && column < kColumns ? names[column] : "";
}

void RaceTableDrawing::set(const RulesView* view, const std::vector<std::size_t>* order, int sorted,
                           bool descending) {
    view_ = view;
    order_ = order;
    sorted_ = sorted;
    descending_ = descending;
}

std::optional<std::size_t> RaceTableDrawing::best() const {
    std::optional<std::size_t> best;
    if (view_ == nullptr) return best;
    for (std::size_t v = 0; v < view_->variants.size(); ++v) {
        const float a = view_->variants[v].test_accuracy;
        if (std::isfinite(a) && (!best || a > view_->variants[*best].test_accuracy)) best = v;
    }
    return best;
}

void RaceTableDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                            const plot::DrawStyle& style) const {
    rows_drawn_ = 0;
    if (view_ == nullptr || view_->variants.empty()) return;
    const RulesView& view = *view_;
    const std::size_t n = view.variants.size();
    const DiagramInk ink = diagram_ink(style);
    const plot::Theme& theme = style.colors();
    const float fs = style.font_size, pad = fs * kCellPad;
    const float row = std::round(std::clamp((max.y - min.y - 0.2f * fs) / static_cast<float>(n + 1),
                                            fs * kCompactRowHeight, fs * kRowHeight));
    const float swatch = fs * 0.8f;
    thread_local std::vector<std::string> differs;
    differs.resize(n);
    for (std::size_t v = 0; v < n; ++v) differs[v] = variant_differs(view, v);

    // Each column as wide as its widest text; `differs` takes what is left and is cut to it.
    std::array<float, kColumns> width{};
    char buffer[64];
    for (int c = 0; c < kColumns; ++c) {
        float w = canvas.text_width(header(c), fs) + (c == sorted_ ? canvas.text_width(" ↓", fs) : 0.f);
        for (std::size_t v = 0; v < n; ++v)
            w = std::max(w, canvas.text_width(cell(view, v, c, buffer, differs[v]), fs));
        width[static_cast<std::size_t>(c)] = w + 2 * pad + (c == Column::Name ? swatch + pad * 0.7f : 0.f);
    }
    // Too wide for the box: columns go, least important first, until the rest fit (kDropOrder); the
    // variant, its test accuracy and its weight updates always stay. `differs` takes what is left and is cut
    // to it, and goes when not even a few words fit (the row's tooltip still says it all).
    auto others = [&width] {
        float sum = 0;
        for (int c = 0; c < kColumns; ++c)
            if (c != Column::Differs) sum += width[static_cast<std::size_t>(c)];
        return sum;
    };
    for (const Column c : kDropOrder) {
        if (others() <= max.x - min.x) break;
        width[static_cast<std::size_t>(c)] = 0.f;
    }
    float& differs_width = width[Column::Differs];
    const float room = max.x - min.x - others();
    differs_width = room < fs * 4.f ? 0.f : std::min(room, differs_width);
    edges_[0] = min.x;
    for (int c = 0; c < kColumns; ++c)
        edges_[static_cast<std::size_t>(c) + 1] =
            edges_[static_cast<std::size_t>(c)] + width[static_cast<std::size_t>(c)];
    top_ = std::round(min.y + fs * 0.3f);
    row_height_ = row;
    const float right = std::min(edges_[kColumns], max.x);

    // The header, its sorted column marked with the direction, and a rule under it.
    for (int c = 0; c < kColumns; ++c) {
        const float x0 = edges_[static_cast<std::size_t>(c)], x1 = edges_[static_cast<std::size_t>(c) + 1];
        std::string label = header(c);
        if (c == sorted_) label += descending_ ? " ↓" : " ↑";
        if (x1 - x0 <= 0.f) continue;
        const float y = top_ + (row - fs) / 2;
        if (numeric(c))
            canvas.text({x1 - pad, y}, label, fs, theme.text, 1.f);
        else
            canvas.text({x0 + pad, y}, label, fs, theme.text, 0.f);
    }
    canvas.line({min.x, top_ + row}, {right, top_ + row}, theme.frame, ink.unit);

    const std::optional<std::size_t> top_variant = best();
    cut_.assign(n, false);
    std::string cut_text;
    for (std::size_t r = 0; r < n; ++r) {
        const std::size_t v = order_ != nullptr && r < order_->size() ? (*order_)[r] : r;
        if (v >= n) continue;
        const float y0 = top_ + row * static_cast<float>(r + 1), y1 = y0 + row;
        // Faint stripes to follow a row across; the best test accuracy's row in the theme's "good" colour.
        if (top_variant == v)
            canvas.fill_rect({min.x, y0}, {right, y1}, plot::with_alpha(ink.good, 56));
        else if (r % 2 == 1)
            canvas.fill_rect({min.x, y0}, {right, y1}, plot::with_alpha(theme.grid, 45));
        const float ty = y0 + (row - fs) / 2;
        for (int c = 0; c < kColumns; ++c) {
            const float x0 = edges_[static_cast<std::size_t>(c)],
                        x1 = edges_[static_cast<std::size_t>(c) + 1];
            std::string_view text = cell(view, v, c, buffer, differs[v]);
            plot::Rgba colour = c == Column::Differs ? ink.dim : theme.text;
            if (c == Column::TestAccuracy && top_variant == v) colour = ink.good;
            if (c == Column::Name) {
                const float cy = (y0 + y1) / 2;
                canvas.fill_rect({x0 + pad, cy - swatch / 2}, {x0 + pad + swatch, cy + swatch / 2},
                                 theme.series(variant_colour(v), static_cast<int>(v)));
                canvas.text({x0 + pad + swatch + pad * 0.7f, ty}, text, fs, colour, 0.f);
            } else if (c == Column::Differs) {
                if (x1 - x0 <= 0.f) {
                    cut_[v] = !text.empty();
                    continue;
                }
                const std::string_view shown = fitted(canvas, text, fs, x1 - x0 - 2 * pad, cut_text);
                cut_[v] = shown.size() != text.size();
                canvas.text({x0 + pad, ty}, shown, fs, colour, 0.f);
            } else if (x1 - x0 > 0.f) { // a dropped column has no width
                canvas.text({x1 - pad, ty}, text, fs, colour, 1.f);
            }
        }
        ++rows_drawn_;
    }
    canvas.line({min.x, top_ + row * static_cast<float>(n + 1)},
                {right, top_ + row * static_cast<float>(n + 1)}, theme.frame, ink.unit);
}

void RaceTableDrawing::write_csv(std::string& out) const {
    out += "variant,differs,rule,optimizer,test_accuracy,train_accuracy,loss,weight_updates,fired_fraction,"
           "samples_per_second,memory_bytes,best\n";
    if (view_ == nullptr) return;
    const std::optional<std::size_t> top = best();
    // RFC 4180: `differs` lists parameters with commas, and a name could hold a quote.
    auto field = [&out](const std::string& text) {
        if (text.find_first_of(",\"\n") == std::string::npos) {
            out += text;
            return;
        }
        out += '"';
        for (char ch : text) {
            if (ch == '"') out += '"';
            out += ch;
        }
        out += '"';
    };
    const std::size_t n = view_->variants.size();
    for (std::size_t r = 0; r < n; ++r) {
        const std::size_t v = order_ != nullptr && r < order_->size() ? (*order_)[r] : r;
        if (v >= n) continue;
        const VariantView& variant = view_->variants[v];
        field(variant.name);
        out += ',';
        field(variant_differs(*view_, v));
        out += ',';
        field(variant.rule);
        out += ',';
        field(variant.optimizer);
        out += fmt::format(",{},{},{},{},{},{},{},{}\n", variant.test_accuracy, variant.train_accuracy,
                           variant.loss, variant.weight_updates, variant.fired_fraction,
                           variant.samples_per_second, variant.memory_bytes, top == v ? 1 : 0);
    }
}

int RaceTableDrawing::header_at(ImVec2 point) const {
    if (row_height_ <= 0 || point.y < top_ || point.y >= top_ + row_height_) return -1;
    for (int c = 0; c < kColumns; ++c)
        if (point.x >= edges_[static_cast<std::size_t>(c)] &&
            point.x < edges_[static_cast<std::size_t>(c) + 1])
            return c;
    return -1;
}

std::optional<std::size_t> RaceTableDrawing::row_at(ImVec2 point) const {
    if (row_height_ <= 0 || point.x < edges_[0] || point.x >= edges_[kColumns]) return std::nullopt;
    const float r = std::floor((point.y - top_) / row_height_) - 1.f;
    if (r < 0 || r >= static_cast<float>(rows_drawn_)) return std::nullopt;
    const auto shown = static_cast<std::size_t>(r);
    return order_ != nullptr && shown < order_->size() ? (*order_)[shown] : shown;
}

ImVec2 RaceTableDrawing::header_centre(int column) const {
    const auto c = static_cast<std::size_t>(std::clamp(column, 0, kColumns - 1));
    return {(edges_[c] + edges_[c + 1]) / 2, top_ + row_height_ / 2};
}

ImVec2 RaceTableDrawing::row_centre(std::size_t shown_row) const {
    return {(edges_[0] + edges_[1]) / 2, top_ + row_height_ * (static_cast<float>(shown_row) + 1.5f)};
}

bool RaceTableDrawing::differs_cut(std::size_t variant) const {
    return variant < cut_.size() && cut_[variant];
}

// The rows in the chosen column's order, best first on the first click (the highest accuracy, the lowest
// loss), with the variants' own order breaking ties and a missing figure (NaN) always last.
void RaceTablePanel::sort(const RulesView& view) {
    const std::size_t n = view.variants.size();
    order_.resize(n);
    for (std::size_t v = 0; v < n; ++v) order_[v] = v;
    if (sorted_ < 0) return;
    auto key = [&](std::size_t v) -> double {
        const VariantView& x = view.variants[v];
        switch (sorted_) {
        case RaceTableDrawing::TestAccuracy:
            return x.test_accuracy;
        case RaceTableDrawing::TrainAccuracy:
            return x.train_accuracy;
        case RaceTableDrawing::Loss:
            return x.loss;
        case RaceTableDrawing::Updates:
            return static_cast<double>(x.weight_updates);
        case RaceTableDrawing::Fired:
            return x.fired_fraction;
        case RaceTableDrawing::Rate:
            return x.samples_per_second;
        case RaceTableDrawing::Memory:
            return static_cast<double>(x.memory_bytes);
        default:
            return 0;
        }
    };
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        if (sorted_ == RaceTableDrawing::Name || sorted_ == RaceTableDrawing::Differs) {
            const std::string ta =
                sorted_ == RaceTableDrawing::Name ? view.variants[a].name : variant_differs(view, a);
            const std::string tb =
                sorted_ == RaceTableDrawing::Name ? view.variants[b].name : variant_differs(view, b);
            return descending_ ? tb < ta : ta < tb;
        }
        const double ka = key(a), kb = key(b);
        if (!std::isfinite(ka) || !std::isfinite(kb)) return std::isfinite(ka) && !std::isfinite(kb);
        return descending_ ? ka > kb : ka < kb;
    });
}

void RaceTablePanel::hover(const RulesView& view) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (const int column = drawing_.header_at(mouse); column >= 0) {
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            if (column == sorted_) {
                descending_ = !descending_;
            } else {
                sorted_ = column;
                // Best first: the most accurate, the fastest... but the lowest loss, and names A to Z.
                descending_ = numeric(column) && column != RaceTableDrawing::Loss;
            }
        }
        ImGui::SetTooltip("Click to sort by %s.", RaceTableDrawing::header(column));
        return;
    }
    const std::optional<std::size_t> v = drawing_.row_at(mouse);
    if (!v || *v >= view.variants.size()) return;
    hovered_ = v;
    const VariantView& x = view.variants[*v];
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.f);
    ImGui::Text("%s%s", x.name.c_str(), drawing_.best() == v ? "  (best test accuracy)" : "");
    ImGui::TextUnformatted(variant_differs(view, *v).c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("rule %s, optimizer %s", x.rule.c_str(), x.optimizer.c_str());
    char updates[32];
    ImGui::TextDisabled("%s weight updates, %s notifications", grouped(x.weight_updates, updates),
                        std::to_string(x.notifications).c_str());
    ImGui::EndTooltip();
}

void RaceTablePanel::draw(PanelContext& context) {
    const RulesView* view = rules_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (plot_.id.empty()) {
        plot_.id = "rules_race_table";
        plot_.drawing = &drawing_;
    }
    sort(*view);
    drawing_.set(view, &order_, sorted_, descending_);
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // The header and a row per variant, and a little room under the last; the title's line above them only
    // where it leaves every row in view (the panel's own title says what the table is).
    const float rows = static_cast<float>(view->variants.size() + 1);
    float needed = font * (kRowHeight * rows + 0.8f);
    const bool titled = needed + 2.2f * font <= avail.y;
    plot_.title = titled ? "The race, variant by variant" : "";
    if (titled) needed += 2.2f * font;
    // Short of that, the rows close up as far as kCompactRowHeight before the table scrolls.
    if (!titled) needed = std::max(std::min(needed, avail.y), font * (kCompactRowHeight * rows + 0.2f));
    // As wide as the panel: a narrow one drops columns (kDropOrder) rather than cutting them off.
    context.plots.show(plot_, view_, ImVec2(std::max(avail.x, font * 10.f), std::max(needed, font * 6.f)));
    hovered_.reset();
    if (ImGui::IsItemHovered()) hover(*view);
}

std::unique_ptr<Panel> make_race_table_panel() {
    return std::make_unique<RaceTablePanel>();
}

} // namespace phasor::ui
