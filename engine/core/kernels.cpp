// Matrix-vector kernels for tiny dense layers, rounding like Eigen 3.4's general matrix-vector products.
//
// What has to match Eigen, entry by entry (the order of the multiply-adds, not how many lanes run at once):
// - W x: each entry is a chain of multiply-adds over the columns, starting from 0; from 128 columns on,
//   Eigen cuts the columns into blocks of 16 (4 for very tall matrices) and adds each block's chain to the
//   result. Rows go in whole packets, then one half packet, then one quarter packet.
// - Wᵀ d: each entry is the dot product of a column of W with d, accumulated lane-wise by multiply-adds over
//   the packets, then summed across the packet by Eigen's own reduction.
// Eigen's packet primitives are used so that the lane counts, the multiply-add (fused where the target has
// FMA) and the cross-lane sum are Eigen's own on every target.
#include "engine/core/kernels.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cstddef>

namespace phasor::kernels {

namespace {
namespace ei = Eigen::internal;
// The packets Eigen's matrix-vector kernels use: whole, half and quarter (named through Eigen's own traits,
// since naming the vector types directly as template arguments drops their attributes).
using Full = ei::gemv_traits<float, float, ei::GEMVPacketFull>;
using Half = ei::gemv_traits<float, float, ei::GEMVPacketHalf>;
using Quarter = ei::gemv_traits<float, float, ei::GEMVPacketQuarter>;
constexpr int kLanes = Full::ResPacketSize;
constexpr int kHalfLanes = Half::ResPacketSize;
constexpr int kQuarterLanes = Quarter::ResPacketSize;
// Eigen uses a smaller packet only when it really is smaller (SSE has no half of a 4-float packet).
constexpr bool kHasHalf = kHalfLanes < kLanes;
constexpr bool kHasQuarter = kQuarterLanes < kHalfLanes;
constexpr int kSmallestLanes = kHasQuarter ? kQuarterLanes : kHasHalf ? kHalfLanes : kLanes;

// Eigen's column-major kernel works through the columns in blocks from 128 columns on.
int column_block(int rows, int cols) {
    if (cols < 128) return cols;
    return rows * static_cast<int>(sizeof(float)) < 32000 ? 16 : 4;
}

// Rows [i0, i0 + K·lanes) of W x + b, with K packets of partial sums kept in registers.
template <class Size, int K>
void matvec_rows(const float* W, int rows, int cols, int block, const float* x, const float* b, float* z,
                 int i0) {
    using P = typename Size::ResPacket;
    constexpr int lanes = Size::ResPacketSize;
    P acc[K];
    for (auto& a : acc) a = ei::pset1<P>(0.f);
    for (int j2 = 0; j2 < cols; j2 += block) {
        const int jend = std::min(j2 + block, cols);
        P c[K];
        for (auto& p : c) p = ei::pset1<P>(0.f);
        for (int j = j2; j < jend; ++j) {
            const P xj = ei::pset1<P>(x[j]);
            const float* w = W + static_cast<std::ptrdiff_t>(j) * rows + i0;
            for (int k = 0; k < K; ++k) c[k] = ei::pmadd(ei::ploadu<P>(w + k * lanes), xj, c[k]);
        }
        for (int k = 0; k < K; ++k) acc[k] = ei::padd(acc[k], c[k]);
    }
    for (int k = 0; k < K; ++k) {
        const int i = i0 + k * lanes;
        ei::pstoreu(z + i, ei::padd(acc[k], ei::ploadu<P>(b + i)));
    }
}
} // namespace

bool matvec_exact(int rows, int cols) {
    return rows > 1 && rows % kSmallestLanes == 0 && cols > 0;
}

void matvec_bias(const float* W, int rows, int cols, const float* x, const float* b, float* z) {
    const int block = column_block(rows, cols);
    int i = 0;
    for (; i + 4 * kLanes <= rows; i += 4 * kLanes) matvec_rows<Full, 4>(W, rows, cols, block, x, b, z, i);
    for (; i + kLanes <= rows; i += kLanes) matvec_rows<Full, 1>(W, rows, cols, block, x, b, z, i);
    if constexpr (kHasHalf) {
        if (i + kHalfLanes <= rows) {
            matvec_rows<Half, 1>(W, rows, cols, block, x, b, z, i);
            i += kHalfLanes;
        }
    }
    if constexpr (kHasQuarter) {
        if (i + kQuarterLanes <= rows) matvec_rows<Quarter, 1>(W, rows, cols, block, x, b, z, i);
    }
}

bool matvec_transposed_exact(int rows, int cols) {
    return rows > 0 && rows % kLanes == 0 && cols > 1;
}

void matvec_transposed(const float* W, int rows, int cols, const float* d, float* out) {
    for (int i = 0; i < cols; ++i) {
        const float* w = W + static_cast<std::ptrdiff_t>(i) * rows;
        using P = Full::ResPacket;
        P c = ei::pset1<P>(0.f);
        for (int j = 0; j < rows; j += kLanes) c = ei::pmadd(ei::ploadu<P>(w + j), ei::ploadu<P>(d + j), c);
        out[i] = ei::predux(c) + 0.f; // Eigen adds the dot product to a zeroed result: a -0 becomes +0
    }
}

void outer(const float* d, int rows, const float* x, int cols, float* G) {
    using P = Full::ResPacket;
    const int whole = rows / kLanes * kLanes;
    for (int j = 0; j < cols; ++j) {
        float* g = G + static_cast<std::ptrdiff_t>(j) * rows;
        const float xj = x[j];
        const P pxj = ei::pset1<P>(xj);
        for (int i = 0; i < whole; i += kLanes) ei::pstoreu(g + i, ei::pmul(ei::ploadu<P>(d + i), pxj));
        for (int i = whole; i < rows; ++i) g[i] = d[i] * xj;
    }
}

} // namespace phasor::kernels
