// The colours of the plot layer: the qualitative series palette and the colormaps of heatmaps.
#include "ui/plot/canvas.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace phasor::plot {
namespace {

constexpr Rgba hex(std::uint32_t rgb) {
    return rgba(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
}

// Okabe & Ito's colour-blind-safe set, ordered so the first few differ most; their blue and green are lifted
// a little because the originals sink into a dark background, and their black becomes a light grey.
constexpr std::array<Rgba, 8> qualitative = {hex(0x56B4E9), hex(0xE69F00), hex(0x1DB386), hex(0xCC79A7),
                                             hex(0xF0E442), hex(0xE0661A), hex(0x3D8FD6), hex(0xBBBBBB)};

struct Anchor {
    float at;
    std::uint32_t rgb;
};

// matplotlib's viridis sampled at tenths; linear interpolation between them stays within a few levels of the
// full map, which is below what a display shows.
constexpr Anchor viridis[] = {{0.0f, 0x440154}, {0.1f, 0x482475}, {0.2f, 0x414487}, {0.3f, 0x355F8D},
                              {0.4f, 0x2A788E}, {0.5f, 0x21918C}, {0.6f, 0x22A884}, {0.7f, 0x44BF70},
                              {0.8f, 0x7AD151}, {0.9f, 0xBDDF26}, {1.0f, 0xFDE725}};
// Moreland's cool-to-warm ends through white, so that 0 on a symmetric scale reads as "nothing".
constexpr Anchor diverging[] = {{0.0f, 0x3B4CC0}, {0.5f, 0xF7F7F7}, {1.0f, 0xB40426}};

template <std::size_t N> std::vector<Rgba> interpolate(const Anchor (&anchors)[N]) {
    std::vector<Rgba> table(256);
    for (int i = 0; i < 256; ++i) {
        float t = static_cast<float>(i) / 255.f;
        std::size_t k = 1;
        while (k + 1 < N && anchors[k].at < t) ++k;
        const Anchor& a = anchors[k - 1];
        const Anchor& b = anchors[k];
        float f = std::clamp((t - a.at) / (b.at - a.at), 0.f, 1.f);
        table[static_cast<std::size_t>(i)] = mix(hex(a.rgb), hex(b.rgb), f);
    }
    return table;
}

std::vector<Rgba> classes_table() {
    std::vector<Rgba> table(256);
    for (int i = 0; i < 256; ++i)
        table[static_cast<std::size_t>(i)] = mix(series_color(i), rgba(255, 255, 255), 0.3f);
    return table;
}

} // namespace

Rgba series_color(int i) {
    return qualitative[static_cast<std::size_t>(std::abs(i % 8))];
}

Rgba mix(Rgba a, Rgba b, float t) {
    auto channel = [&](int shift) {
        float x = static_cast<float>(a >> shift & 0xFF), y = static_cast<float>(b >> shift & 0xFF);
        return static_cast<Rgba>(std::lround(x + (y - x) * t)) << shift;
    };
    return channel(0) | channel(8) | channel(16) | channel(24);
}

const std::vector<Rgba>& colormap_table(Colormap map) {
    static const std::vector<Rgba> tables[] = {interpolate(viridis), interpolate(diverging), classes_table()};
    return tables[static_cast<int>(map)];
}

Rgba colormap_color(Colormap map, float value, float lo, float hi) {
    if (!std::isfinite(value)) return 0; // missing values stay transparent
    const auto& table = colormap_table(map);
    if (map == Colormap::Classes) {
        long index = std::lround(value);
        return table[static_cast<std::size_t>(std::max(index, 0L) % 256)];
    }
    float t = hi > lo ? (value - lo) / (hi - lo) : 0.5f;
    return table[static_cast<std::size_t>(std::lround(std::clamp(t, 0.f, 1.f) * 255.f))];
}

Rgba cell_color(const Heatmap& map, std::size_t cell, float lo, float hi) {
    const Rgba color = colormap_color(map.colormap, map.values[cell], lo, hi);
    if (cell >= map.strength.size()) return color;
    const float strength = std::isfinite(map.strength[cell]) ? std::clamp(map.strength[cell], 0.f, 1.f) : 1.f;
    return with_alpha(color, static_cast<int>(std::lround(static_cast<float>(color >> 24) * strength)));
}

std::pair<float, float> heatmap_range(const Heatmap& map) {
    if (map.lo != map.hi) return {std::min(map.lo, map.hi), std::max(map.lo, map.hi)};
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (float v : map.values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (lo > hi) return {0.f, 1.f};
    if (map.symmetric) {
        float m = std::max(std::fabs(lo), std::fabs(hi));
        return m > 0 ? std::pair{-m, m} : std::pair{-1.f, 1.f};
    }
    if (lo == hi) return {lo - 0.5f, hi + 0.5f};
    return {lo, hi};
}

} // namespace phasor::plot
