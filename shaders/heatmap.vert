// Heatmap quad: the four corners come from gl_VertexID (a triangle strip), so no vertex buffer is needed.
// Positions are in ImGui display coordinates, like the rest of the draw list the quad is drawn within.
#version 330 core

uniform vec4 u_rect;    // x0, y0, x1, y1 of the quad in display coordinates
uniform vec4 u_display; // the draw data's DisplayPos (xy) and DisplaySize (zw)

out vec2 v_uv;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
    vec2 p = mix(u_rect.xy, u_rect.zw, corner);
    vec2 ndc = (p - u_display.xy) / u_display.zw * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0); // display y grows downwards
    v_uv = corner; // v = 0 at the top: row 0 of the value texture is the heatmap's top row
}
