// to_svg and to_csv: the SVG is well-formed XML with real, escaped text and the marks the screen shows; the
// CSV has every stored number, quoted where needed, one block per kind of data, event markers last.
#include "ui/plot/render.hpp"
#include "ui/plot/text_export.hpp"

#include <cmath>
#include <cstdlib>
#include <gtest/gtest.h>
#include <set>
#include <string_view>

namespace phasor::plot {
namespace {

// Empty when `xml` is well-formed for the subset an SVG writer uses (declaration, comments, elements, quoted
// attributes, text, the five entities and character references); otherwise what is wrong and where.
std::string xml_problem(std::string_view xml) {
    std::vector<std::string_view> open;
    int roots = 0;
    std::size_t i = 0;
    auto fail = [&](const char* what) { return std::string(what) + " at " + std::to_string(i); };
    auto is_name = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '-' || c == '.';
    };
    auto entity_ok = [&](std::size_t at) {
        std::size_t end = xml.find(';', at);
        if (end == std::string_view::npos) return false;
        std::string_view e = xml.substr(at + 1, end - at - 1);
        static const std::set<std::string_view> named = {"amp", "lt", "gt", "quot", "apos"};
        if (named.count(e)) return true;
        return e.size() > 1 && e[0] == '#';
    };
    if (xml.substr(0, 5) == "<?xml") i = xml.find("?>") + 2;
    while (i < xml.size()) {
        char c = xml[i];
        if (c == '&') {
            if (!entity_ok(i)) return fail("bad entity");
            ++i;
        } else if (c != '<') {
            if (open.empty() && !std::isspace(static_cast<unsigned char>(c)))
                return fail("text outside the root");
            ++i;
        } else if (xml.substr(i, 4) == "<!--") {
            i = xml.find("-->", i) + 3;
        } else if (xml.substr(i, 2) == "</") {
            std::size_t end = xml.find('>', i);
            std::string_view name = xml.substr(i + 2, end - i - 2);
            if (open.empty() || open.back() != name) return fail("mismatched end tag");
            open.pop_back();
            i = end + 1;
        } else {
            std::size_t start = ++i;
            while (i < xml.size() && is_name(xml[i])) ++i;
            std::string_view name = xml.substr(start, i - start);
            if (name.empty()) return fail("empty element name");
            if (open.empty() && ++roots > 1) return fail("second root");
            std::set<std::string_view> attributes;
            for (;;) {
                while (i < xml.size() && std::isspace(static_cast<unsigned char>(xml[i]))) ++i;
                if (i >= xml.size()) return fail("unterminated tag");
                if (xml.substr(i, 2) == "/>") {
                    i += 2;
                    break;
                }
                if (xml[i] == '>') {
                    open.push_back(name);
                    ++i;
                    break;
                }
                std::size_t a = i;
                while (i < xml.size() && is_name(xml[i])) ++i;
                if (a == i || !attributes.insert(xml.substr(a, i - a)).second)
                    return fail("bad or repeated attribute");
                if (xml[i] != '=' || (xml[i + 1] != '"' && xml[i + 1] != '\''))
                    return fail("unquoted attribute");
                char quote = xml[i + 1];
                std::size_t end = xml.find(quote, i + 2);
                for (std::size_t k = i + 2; k < end; ++k) {
                    if (xml[k] == '<') return fail("< in attribute");
                    if (xml[k] == '&' && !entity_ok(k)) return fail("bad entity in attribute");
                }
                i = end + 1;
            }
        }
    }
    if (!open.empty()) return "unclosed element " + std::string(open.back());
    return roots == 1 ? "" : "no root element";
}

std::size_t count(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(XmlCheck, RejectsBrokenDocuments) {
    EXPECT_EQ(xml_problem("<a><b x=\"1\"/>t &amp; u</a>"), "");
    EXPECT_NE(xml_problem("<a><b></a></b>"), "");
    EXPECT_NE(xml_problem("<a>x & y</a>"), "");
    EXPECT_NE(xml_problem("<a x=1/>"), "");
    EXPECT_NE(xml_problem("<a>"), "");
}

struct LinePlot {
    SeriesHistory train, val;
    Plot plot;
    PlotView view;
    LinePlot() {
        for (int i = 0; i < 3000; ++i) {
            train.push(i * 10.0, 2.f / (1.f + static_cast<float>(i) * 0.01f));
            val.push(i * 10.0 + 5, 2.2f / (1.f + static_cast<float>(i) * 0.009f));
        }
        plot.id = "metrics_loss";
        plot.title = "Loss <train> & \"val\"";
        plot.x.label = "tick";
        plot.y.label = "loss (log)";
        plot.y.log = true;
        plot.lines = {{"train", 0, &train}, {"val, \"smoothed\"", 0, &val}};
        fit(plot, view);
    }
};

TEST(Svg, IsAWellFormedStandaloneDocumentWithRealText) {
    LinePlot p;
    std::string svg = to_svg(p.plot, p.view, 640, 400);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find("xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    EXPECT_NE(svg.find("width=\"640\" height=\"400\" viewBox=\"0 0 640 400\""), std::string::npos);
    EXPECT_NE(svg.find(">Loss &lt;train&gt; &amp; &quot;val&quot;</text>"), std::string::npos);
    EXPECT_NE(svg.find(">tick</text>"), std::string::npos);
    EXPECT_NE(svg.find(">loss (log)</text>"), std::string::npos);
    EXPECT_NE(svg.find(">train</text>"), std::string::npos); // legend
    EXPECT_NE(svg.find(">val, &quot;smoothed&quot;</text>"), std::string::npos);
    EXPECT_NE(svg.find(">1</text>"), std::string::npos); // a decade tick label on the log axis
    EXPECT_EQ(count(svg, "<polyline"), 2u);
}

TEST(Svg, CountAndTickAxesMarkWholeNumbersAndACountStartsAtZero) {
    SeriesHistory waiting;
    for (int i = 0; i <= 100; ++i) waiting.push(i, 2.f); // a queue that stays at 2
    Plot plot;
    plot.id = "occupancy";
    plot.y.label = "targets waiting";
    plot.lines = {{"occupancy", 0, &waiting}};
    PlotView view;
    fit(plot, view);
    EXPECT_NE(to_svg(plot, view, 400, 300).find(">1.95</text>"), std::string::npos) << "without: 1.9 to 2.1";

    plot.y.whole = plot.y.from_zero = true;
    fit(plot, view);
    EXPECT_EQ(view.y_lo, 0.0);
    EXPECT_GT(view.y_hi, 2.0) << "headroom above a constant count, so it is not drawn on the frame";
    const std::string svg = to_svg(plot, view, 400, 300);
    for (const char* label : {">0</text>", ">1</text>", ">2</text>"})
        EXPECT_NE(svg.find(label), std::string::npos) << label;
    EXPECT_EQ(svg.find(">0.5</text>"), std::string::npos);
    EXPECT_EQ(svg.find(">1.5</text>"), std::string::npos);

    // A tick axis over the first two ticks of a run: marks at ticks, never between them.
    SeriesHistory first;
    for (int i = 0; i <= 2; ++i) first.push(i, static_cast<float>(i) + 10.f);
    Plot early;
    early.id = "early";
    early.lines = {{"loss", 0, &first}};
    PlotView early_view;
    fit(early, early_view);
    EXPECT_NE(to_svg(early, early_view, 400, 300).find(">1.5</text>"), std::string::npos) << "without";
    early.x.whole = true;
    const std::string ticks = to_svg(early, early_view, 400, 300);
    EXPECT_EQ(ticks.find(">0.5</text>"), std::string::npos);
    EXPECT_EQ(ticks.find(">1.5</text>"), std::string::npos);
    EXPECT_NE(ticks.find(">2</text>"), std::string::npos);
}

TEST(Svg, AYLabelLongerThanTheDataAreaIsCutShortBeforeItReachesTheTitle) {
    LinePlot p;
    p.plot.y.label = "a label far longer than the plot is high";
    EXPECT_NE(to_svg(p.plot, p.view, 640, 400).find(">a label far longer than the plot is high</text>"),
              std::string::npos);
    const std::string svg = to_svg(p.plot, p.view, 300, 160);
    EXPECT_EQ(svg.find(">a label far longer than the plot is high</text>"), std::string::npos);
    EXPECT_NE(svg.find("...</text>"), std::string::npos);
}

TEST(Svg, LinesAreDecimatedToTheWidthAndHiddenOnesLeftOut) {
    LinePlot p;
    p.view.toggle("train");
    std::string svg = to_svg(p.plot, p.view, 300, 200);
    ASSERT_EQ(count(svg, "<polyline"), 1u);
    std::size_t begin = svg.find("<polyline points=\"");
    std::size_t end = svg.find('"', begin + 18);
    std::size_t points = count(std::string_view(svg).substr(begin, end - begin), ",");
    EXPECT_LT(points, 2u * 300 + 2); // 3000 points stored, at most two per pixel column drawn
    EXPECT_GT(points, 50u);
}

TEST(Svg, HeatmapsAreCellsWithAColourBarAndBarsAreRects) {
    Plot plot;
    plot.title = "weights";
    Heatmap h;
    h.rows = 3, h.cols = 4;
    for (int i = 0; i < 12; ++i) h.values.push_back(static_cast<float>(i) - 6);
    h.colormap = Colormap::Diverging;
    h.symmetric = true;
    h.lo = h.hi = 0;
    h.scale_label = "w";
    h.x1 = 4, h.y1 = 3;
    plot.heatmaps.push_back(h);
    PlotView view;
    fit(plot, view);
    std::string svg = to_svg(plot, view, 400, 300);
    EXPECT_EQ(xml_problem(svg), "");
    std::size_t cells_at = svg.find("<g shape-rendering=\"crispEdges\">");
    ASSERT_NE(cells_at, std::string::npos);
    std::string_view cells = std::string_view(svg).substr(cells_at, svg.find("</g>", cells_at) - cells_at);
    EXPECT_EQ(count(cells, "<rect"), 12u);
    EXPECT_NE(svg.find(">w</text>"), std::string::npos);  // the colour bar's label
    EXPECT_NE(svg.find(">-6</text>"), std::string::npos); // and its scale

    Plot bars;
    bars.bars.push_back({{"cat", "dog", "a<b"}, {0.9, 0.4, 0.7}, 0});
    fit(bars, view = {});
    svg = to_svg(bars, view, 400, 300);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find(">dog</text>"), std::string::npos);
    EXPECT_NE(svg.find(">a&lt;b</text>"), std::string::npos);
}

// One CSV file as blocks of rows of fields (RFC 4180 quoting).
std::vector<std::vector<std::vector<std::string>>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::vector<std::string>>> blocks(1);
    std::vector<std::string> row(1);
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                row.back() += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                row.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.emplace_back();
        } else if (c == '\n') {
            if (row.size() == 1 && row[0].empty())
                blocks.emplace_back();
            else
                blocks.back().push_back(row);
            row.assign(1, "");
        } else {
            row.back() += c;
        }
    }
    return blocks;
}

TEST(Csv, LinesHaveEveryStoredPointQuotedAndExact) {
    LinePlot p;
    auto blocks = parse_csv(to_csv(p.plot));
    ASSERT_EQ(blocks.size(), 1u);
    const auto& rows = blocks[0];
    ASSERT_EQ(rows.size(), 1u + 3000 + 3000); // not decimated
    EXPECT_EQ(rows[0], (std::vector<std::string>{"series", "x", "y"}));
    EXPECT_EQ(rows[1][0], "train");
    EXPECT_EQ(rows[3001][0], "val, \"smoothed\"");
    for (std::size_t i = 0; i < 3000; i += 37) {
        const auto& row = rows[3001 + i];
        ASSERT_EQ(row.size(), 3u);
        EXPECT_EQ(std::strtod(row[1].c_str(), nullptr), p.val[i].x);
        EXPECT_EQ(std::strtof(row[2].c_str(), nullptr), p.val[i].y); // reads back to the same float
    }
}

TEST(Csv, HeatmapsBarsAndHistogramsAreBlocksOfTheirOwn) {
    SeriesHistory h;
    h.push(1, 2.5f);
    Plot plot;
    plot.lines = {{"l", 0, &h}};
    Heatmap map;
    map.rows = 2, map.cols = 3;
    map.values = {0, 1, 2, 3, 4, 5};
    map.x0 = 0, map.x1 = 3, map.y0 = 0, map.y1 = 2;
    plot.heatmaps.push_back(map);
    plot.bars.push_back({{"a,b", "c"}, {0.25, 0.75}, 0});
    plot.histograms.push_back({{0, 0.5, 1}, {4, 6}, 0});
    auto blocks = parse_csv(to_csv(plot));
    ASSERT_EQ(blocks.size(), 4u);
    EXPECT_EQ(blocks[0][1], (std::vector<std::string>{"l", "1", "2.5"}));
    ASSERT_EQ(blocks[1].size(), 7u);
    EXPECT_EQ(blocks[1][0], (std::vector<std::string>{"row", "col", "x", "y", "value"}));
    EXPECT_EQ(blocks[1][1], (std::vector<std::string>{"0", "0", "0.5", "1.5", "0"})); // row 0 is at the top
    EXPECT_EQ(blocks[1][6], (std::vector<std::string>{"1", "2", "2.5", "0.5", "5"}));
    EXPECT_EQ(blocks[2][0], (std::vector<std::string>{"label", "value"}));
    EXPECT_EQ(blocks[2][1], (std::vector<std::string>{"a,b", "0.25"}));
    EXPECT_EQ(blocks[3][0], (std::vector<std::string>{"lo", "hi", "count"}));
    EXPECT_EQ(blocks[3][2], (std::vector<std::string>{"0.5", "1", "6"}));
}

TEST(Csv, HeatmapColumnsOfTheirOwnWidthsAreAtTheirCentres) {
    Plot plot;
    Heatmap map;
    map.rows = 1, map.cols = 3;
    map.values = {7, 8, 9};
    map.x_edges = {0, 1, 2, 66};
    map.y0 = 0, map.y1 = 1;
    plot.heatmaps.push_back(map);
    auto blocks = parse_csv(to_csv(plot));
    ASSERT_EQ(blocks.size(), 1u);
    ASSERT_EQ(blocks[0].size(), 4u);
    EXPECT_EQ(blocks[0][2], (std::vector<std::string>{"0", "1", "1.5", "0.5", "8"}));
    EXPECT_EQ(blocks[0][3], (std::vector<std::string>{"0", "2", "34", "0.5", "9"}));
}

TEST(Csv, MarkersAreATrailingBlockAfterTheUnchangedData) {
    LinePlot p;
    std::string data_only = to_csv(p.plot);
    std::vector<Marker> events = {{0, "reset", 0}, {20000, "train.lr = 0.05", 0}, {123456.5, "a, \"b\"", 0}};
    p.plot.markers = &events;
    std::string with_markers = to_csv(p.plot);
    ASSERT_EQ(with_markers.substr(0, data_only.size()), data_only); // a reader of the data sees no change
    auto blocks = parse_csv(with_markers);
    ASSERT_EQ(blocks.size(), 2u);
    const auto& rows = blocks[1];
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"marker_x", "marker_label"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"0", "reset"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"20000", "train.lr = 0.05"}));
    EXPECT_EQ(rows[3], (std::vector<std::string>{"123456.5", "a, \"b\""}));
    // Markers out of view are still listed: like the lines, the CSV has everything, not what is shown.
    p.view.auto_x = false;
    p.view.x_lo = 1, p.view.x_hi = 2;
    EXPECT_EQ(parse_csv(to_csv(p.plot))[1].size(), 4u);
}

TEST(Svg, MarkersAreWellFormedWithEscapedLabels) {
    LinePlot p;
    std::vector<Marker> events = {{5000, "lr <- 0.05 & \"go\"", 0}, {9000, "reset", rgba(255, 0, 0)}};
    p.plot.markers = &events;
    std::string svg = to_svg(p.plot, p.view, 640, 400);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find(">lr &lt;- 0.05 &amp; &quot;go&quot;</text>"), std::string::npos);
    EXPECT_NE(svg.find(">reset</text>"), std::string::npos);
}

} // namespace
} // namespace phasor::plot
