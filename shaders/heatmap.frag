// Heatmap colouring: one value per cell from an R32F texture (nearest filtering, so cells stay crisp), mapped
// through [lo, hi] into a 256-entry colormap texture. NaN and infinite cells are left transparent, as the
// per-cell painter leaves them.
#version 330 core

uniform sampler2D u_values;   // rows × cols, R32F
uniform sampler2D u_colormap; // 256 × 1, RGBA8, linear filtering
uniform float u_lo;
uniform float u_hi;
uniform bool u_classes; // class maps: the value is an index into the table, not a position on a scale

in vec2 v_uv;
out vec4 frag_color;

// Tested on the bits (all exponent bits set: NaN or infinity): drivers may fold isnan(v) or v != v to false
// under their fast-math rules.
bool is_missing(float v) {
    return (floatBitsToUint(v) & 0x7f800000u) == 0x7f800000u;
}

void main() {
    float v = texture(u_values, v_uv).r;
    if (is_missing(v)) discard;
    if (u_classes) {
        int index = int(floor(clamp(v, 0.0, 1.0e6) + 0.5)) % 256; // negative classes take the first colour
        frag_color = texelFetch(u_colormap, ivec2(index, 0), 0);
        return;
    }
    float t = u_hi > u_lo ? clamp((v - u_lo) / (u_hi - u_lo), 0.0, 1.0) : 0.5;
    // Texel centres: t = 0 and t = 1 hit the first and last entries exactly, linear in between.
    frag_color = texture(u_colormap, vec2((t * 255.0 + 0.5) / 256.0, 0.5));
}
