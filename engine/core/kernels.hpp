// Matrix-vector kernels for the dense layers, on raw column-major float arrays.
//
// The stepped network's layers are tiny (4→32, 32→16, 16→3), where Eigen's general matrix-vector code spends
// more time choosing a path than multiplying. These loops skip that, yet round every entry exactly as Eigen
// 3.4's kernels do (the same multiply-adds in the same order, the same partial sums), so that training gives
// the same bits whichever is used; tests/core/kernels_test.cpp compares them bit for bit.
//
// They only take the shapes that Eigen computes entirely in packets. Where Eigen falls back to plain scalar
// loops, the rounding depends on how the compiler vectorised those loops (GCC 12 fuses some of the
// multiply-adds and not others), which no hand-written loop can promise to repeat: callers use Eigen there.
#pragma once

namespace phasor::kernels {

// Whether matvec_bias reproduces `W * x + b` for a `rows` × `cols` W (every row in a whole packet).
bool matvec_exact(int rows, int cols);
// z = W x + b, with W `rows` × `cols` column-major. Only for shapes where matvec_exact holds.
void matvec_bias(const float* W, int rows, int cols, const float* x, const float* b, float* z);

// Whether matvec_transposed reproduces `W.transpose() * d` (every column a whole number of packets).
bool matvec_transposed_exact(int rows, int cols);
// out = Wᵀ d, with W `rows` × `cols` (d has `rows` entries, out `cols`). Only where matvec_transposed_exact.
void matvec_transposed(const float* W, int rows, int cols, const float* d, float* out);

// G = d xᵀ, `rows` × `cols`.
void outer(const float* d, int rows, const float* x, int cols, float* G);

} // namespace phasor::kernels
