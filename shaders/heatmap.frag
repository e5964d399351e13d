// Heatmap colouring: one value per cell from an R32F texture (nearest filtering, so cells stay crisp), mapped
// through [lo, hi] into a 256-entry colormap texture; with u_shaded an RG32F texture whose second channel
// makes the cell's colour that opaque. NaN and infinite cells are left transparent, as the per-cell painter
// leaves them.
#version 330 core

uniform sampler2D u_values;   // rows × cols, R32F (RG32F when shaded)
uniform sampler2D u_colormap; // 256 × 1, RGBA8, linear filtering
uniform float u_lo;
uniform float u_hi;
uniform bool u_classes; // class maps: the value is an index into the table, not a position on a scale
uniform bool u_shaded;  // the texture's second channel is each cell's strength: its colour's opacity

in vec2 v_uv;
out vec4 frag_color;

// Tested on the bits (all exponent bits set: NaN or infinity): drivers may fold isnan(v) or v != v to false
// under their fast-math rules.
bool is_missing(float v) {
    return (floatBitsToUint(v) & 0x7f800000u) == 0x7f800000u;
}

vec4 cell_colour(float v) {
    if (u_classes) {
        int index = int(floor(clamp(v, 0.0, 1.0e6) + 0.5)) % 256; // negative classes take the first colour
        return texelFetch(u_colormap, ivec2(index, 0), 0);
    }
    float t = u_hi > u_lo ? clamp((v - u_lo) / (u_hi - u_lo), 0.0, 1.0) : 0.5;
    // Texel centres: t = 0 and t = 1 hit the first and last entries exactly, linear in between.
    return texture(u_colormap, vec2((t * 255.0 + 0.5) / 256.0, 0.5));
}

void main() {
    vec2 cell = texture(u_values, v_uv).rg;
    if (is_missing(cell.r)) discard;
    frag_color = cell_colour(cell.r);
    // As the per-cell painter: a missing strength is full strength.
    if (u_shaded && !is_missing(cell.g)) frag_color.a *= clamp(cell.g, 0.0, 1.0);
}
