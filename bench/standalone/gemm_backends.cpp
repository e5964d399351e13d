// Chooses the GEMM backend of engine/batch by measurement: the matrix products of one 784-256-256-10 training
// step at batch 128 (forward W·X, the weight gradients d·Xᵀ, the input gradients Wᵀ·d), with Eigen's own
// kernels and with OpenBLAS. Not part of the build (it needs libopenblas-dev); the command is in
// docs/BENCHMARKS.md.
#include <Eigen/Core>
#include <cblas.h>
#include <chrono>
#include <cstdio>
using Mat = Eigen::MatrixXf;
struct Shape {
    int m, n, k;
    bool ta, tb;
};
int main() {
    // forward W·X, backward d·Xᵀ (weights) and Wᵀ·d (inputs), per layer
    const Shape shapes[] = {
        {256, 128, 784, false, false}, {256, 256, 128, false, true}, {256, 128, 256, false, false},
        {256, 256, 128, false, true},  {256, 128, 256, true, false}, {10, 128, 256, false, false},
        {10, 256, 128, false, true},   {256, 128, 10, true, false},  {256, 784, 128, false, true}};
    double eigen_s = 0, blas_s = 0;
    for (int rep = 0; rep < 3; ++rep)
        for (const Shape& s : shapes) {
            Mat A = Mat::Random(s.ta ? s.k : s.m, s.ta ? s.m : s.k),
                B = Mat::Random(s.tb ? s.n : s.k, s.tb ? s.k : s.n), C(s.m, s.n);
            const int iters = 2000;
            auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < iters; ++i) {
                if (!s.ta && !s.tb)
                    C.noalias() = A * B;
                else if (s.ta)
                    C.noalias() = A.transpose() * B;
                else
                    C.noalias() = A * B.transpose();
            }
            auto t1 = std::chrono::steady_clock::now();
            for (int i = 0; i < iters; ++i)
                cblas_sgemm(CblasColMajor, s.ta ? CblasTrans : CblasNoTrans, s.tb ? CblasTrans : CblasNoTrans,
                            s.m, s.n, s.k, 1.f, A.data(), A.rows(), B.data(), B.rows(), 0.f, C.data(),
                            C.rows());
            auto t2 = std::chrono::steady_clock::now();
            if (rep == 2) {
                eigen_s += std::chrono::duration<double>(t1 - t0).count() / iters;
                blas_s += std::chrono::duration<double>(t2 - t1).count() / iters;
            }
        }
    std::printf("per training step's GEMMs: Eigen %.1f us, OpenBLAS %.1f us, ratio %.2f\n", eigen_s * 1e6,
                blas_s * 1e6, blas_s / eigen_s);
}
