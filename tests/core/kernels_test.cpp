// The dense-layer kernels give exactly Eigen's results, bit for bit, on every shape they accept (training
// must not change by a single bit when they replace Eigen's products), and accept the stepped network's
// layers.
#include "engine/core/kernels.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/tensor.hpp"

#include <cstring>
#include <gtest/gtest.h>

namespace phasor {
namespace {

Vec random_vec(Rng& rng, int n) {
    Vec v(n);
    for (int i = 0; i < n; ++i) v[i] = rng.normal();
    return v;
}

Mat random_mat(Rng& rng, int rows, int cols) {
    Mat m(rows, cols);
    for (int j = 0; j < cols; ++j)
        for (int i = 0; i < rows; ++i) m(i, j) = rng.normal();
    return m;
}

// Bit equality (EXPECT_EQ on floats would let -0 and +0 pass as equal).
::testing::AssertionResult same_bits(const float* a, const float* b, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i)
        if (std::memcmp(a + i, b + i, sizeof(float)) != 0)
            return ::testing::AssertionFailure() << "entry " << i << ": " << a[i] << " vs " << b[i];
    return ::testing::AssertionSuccess();
}

const int kSizes[] = {1,  2,  3,  4,  5,  7,  8,  9,   12,  15,  16,  17,  20,  24,  28,  31,
                      32, 33, 44, 47, 48, 64, 67, 100, 127, 128, 129, 131, 135, 256, 300, 512};

TEST(Kernels, MatvecBiasMatchesEigenBitForBit) {
    Rng rng(1);
    for (int rows : kSizes)
        for (int cols : kSizes) {
            if (!kernels::matvec_exact(rows, cols)) continue;
            const Mat W = random_mat(rng, rows, cols);
            const Vec x = random_vec(rng, cols), b = random_vec(rng, rows);
            Vec expected(rows);
            expected.noalias() = W * x;
            expected += b;
            Vec z(rows);
            kernels::matvec_bias(W.data(), rows, cols, x.data(), b.data(), z.data());
            EXPECT_TRUE(same_bits(z.data(), expected.data(), rows)) << rows << "x" << cols;
        }
}

TEST(Kernels, TransposedMatvecMatchesEigenBitForBit) {
    Rng rng(2);
    for (int rows : kSizes)
        for (int cols : kSizes) {
            if (!kernels::matvec_transposed_exact(rows, cols)) continue;
            const Mat W = random_mat(rng, rows, cols);
            const Vec d = random_vec(rng, rows);
            Vec expected(cols);
            expected.noalias() = W.transpose() * d;
            Vec out(cols);
            kernels::matvec_transposed(W.data(), rows, cols, d.data(), out.data());
            EXPECT_TRUE(same_bits(out.data(), expected.data(), cols)) << rows << "x" << cols;
        }
}

TEST(Kernels, OuterProductMatchesEigenBitForBit) {
    Rng rng(3);
    for (int rows : {1, 3, 16, 17, 32})
        for (int cols : {1, 4, 16, 33}) {
            const Vec d = random_vec(rng, rows), x = random_vec(rng, cols);
            Mat expected(rows, cols);
            expected.noalias() = d * x.transpose();
            Mat G(rows, cols);
            kernels::outer(d.data(), rows, x.data(), cols, G.data());
            EXPECT_TRUE(same_bits(G.data(), expected.data(), G.size())) << rows << "x" << cols;
        }
}

TEST(Kernels, TakeTheHiddenLayersOfTheBenchmarkedNetworks) {
    for (int width : {32, 64, 128, 256, 512, 1024}) {
        EXPECT_TRUE(kernels::matvec_exact(width, 4));
        EXPECT_TRUE(kernels::matvec_exact(width / 2, width));
        EXPECT_TRUE(kernels::matvec_transposed_exact(width / 2, width));
    }
}

TEST(Kernels, TallMatricesTakeEigensShortColumnBlocks) {
    // From 8000 rows on Eigen sums 4 columns at a time instead of 16.
    Rng rng(4);
    ASSERT_TRUE(kernels::matvec_exact(8200, 130));
    const Mat W = random_mat(rng, 8200, 130);
    const Vec x = random_vec(rng, 130), b = random_vec(rng, 8200);
    Vec expected(8200);
    expected.noalias() = W * x;
    expected += b;
    Vec z(8200);
    kernels::matvec_bias(W.data(), 8200, 130, x.data(), b.data(), z.data());
    EXPECT_TRUE(same_bits(z.data(), expected.data(), 8200));
}

} // namespace
} // namespace phasor
