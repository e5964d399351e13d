// Softmax re-weighting of gradient tensors ("gradient attention").
//
// The straightforward form, kept in tests/stepnet/gradient_attention_test.cpp as the reference, is
//     F = exp((|G| − max|G|) / τ);  F *= N / ΣF;  G *= F
// in Eigen expressions: five passes over the tensor, plus one for the gradient itself. Here it takes two: the
// exponentials with their sum (computing a weight gradient on the way), then the scaling; the largest |G| of
// a weight gradient δ xᵀ comes from max|δ|·max|x| instead of a pass.
//
// The results are identical to the bit, because the arithmetic is the same in the same order: Eigen's packet
// exponential (pexp) on the entries Eigen would give it and the standard library's on the others, and the sum
// accumulated as Eigen's reduction does (two packet sums over pairs of packets, then the odd packet, then
// across the packet, then the entries outside whole packets).
#include "engine/stepnet/gradient_attention.hpp"

#include "engine/core/kernels.hpp"

#include <algorithm>
#include <cmath>

namespace phasor {

namespace {
namespace ei = Eigen::internal;
using Packet = ei::packet_traits<float>::type;
constexpr Eigen::Index kLanes = ei::packet_traits<float>::size;

float largest_magnitude(const float* v, Eigen::Index n) {
    Eigen::Index k = 0;
    float largest = 0.f;
    if (n >= kLanes) {
        // Two running maxima, so that consecutive packets do not wait for each other.
        Packet m0 = ei::pabs(ei::ploadu<Packet>(v)), m1 = m0;
        for (k = kLanes; k + 2 * kLanes <= n; k += 2 * kLanes) {
            m0 = ei::pmax(m0, ei::pabs(ei::ploadu<Packet>(v + k)));
            m1 = ei::pmax(m1, ei::pabs(ei::ploadu<Packet>(v + k + kLanes)));
        }
        if (k + kLanes <= n) {
            m0 = ei::pmax(m0, ei::pabs(ei::ploadu<Packet>(v + k)));
            k += kLanes;
        }
        largest = ei::predux_max(ei::pmax(m0, m1));
    }
    for (; k < n; ++k) largest = std::max(largest, std::abs(v[k]));
    return largest;
}

bool all_zero(const Packet& p) {
    const Packet nonzero = ei::pandnot(ei::ptrue(p), ei::pcmp_eq(p, ei::pzero(p)));
    return !ei::predux_any(nonzero);
}

// exp((|g| − max|g|)/τ), lane by lane, as Eigen evaluates it. The difference is taken before the scaling: it
// is exactly ≤ 0, so no exponent exceeds 0 however small τ is and whatever the compiler contracts (|g|/τ −
// peak fused into an FMA subtracts a rounded peak from an exact product, and at τ = 1e-9 that difference is
// large and positive). A packet of zero gradients (a column of a weight gradient whose input was 0, common
// after relu) has exp(−max|g|/τ) in every lane: computed once, on first use.
class PacketExp {
  public:
    PacketExp(float inv_tau, float largest)
        : inv_tau_(ei::pset1<Packet>(inv_tau)), largest_(ei::pset1<Packet>(largest)) {}
    Packet operator()(const Packet& g) const {
        return ei::pexp(ei::pmul(ei::psub(ei::pabs(g), largest_), inv_tau_));
    }
    Packet of_zeros() {
        if (!have_zeros_) {
            zeros_ = (*this)(ei::pzero(largest_));
            have_zeros_ = true;
        }
        return zeros_;
    }

  private:
    Packet inv_tau_, largest_, zeros_ = ei::pzero(largest_);
    bool have_zeros_ = false;
};

// The sum of whole packets of exponentials in the order of Eigen's reduction: packets 0, 2, 4... and 1, 3,
// 5... in two running sums, then the last one when their count is odd. The exponentials are never negative,
// so starting the sums from zero changes no bit.
class PacketSum {
  public:
    explicit PacketSum(Eigen::Index packets) : paired_(packets / 2 * 2) {}
    void add(const Packet& e) {
        if (added_ == paired_)
            odd_ = e;
        else if (added_ % 2 == 0)
            even_ = ei::padd(even_, e);
        else
            other_ = ei::padd(other_, e);
        ++added_;
    }
    float total() const { return ei::predux(ei::padd(ei::padd(even_, other_), odd_)); }

  private:
    Packet even_ = ei::pset1<Packet>(0.f), other_ = even_, odd_ = even_;
    Eigen::Index paired_, added_ = 0;
};

// F *= N / ΣF; out = G ⊙ F (out may be g itself).
void normalise(const float* g, float* out, float* f, Eigen::Index n, float sum) {
    const float s = static_cast<float>(n) / sum;
    const Packet ps = ei::pset1<Packet>(s);
    Eigen::Index k = 0;
    for (; k + kLanes <= n; k += kLanes) {
        const Packet fk = ei::pmul(ei::ploadu<Packet>(f + k), ps);
        ei::pstoreu(f + k, fk);
        ei::pstoreu(out + k, ei::pmul(ei::ploadu<Packet>(g + k), fk));
    }
    for (; k < n; ++k) {
        f[k] *= s;
        out[k] = g[k] * f[k];
    }
}

// The re-weighting of n gradients g into out (which may be g), factors into f, given the largest |g|.
void reweight(const float* g, float* out, float* f, Eigen::Index n, float temperature, float largest) {
    const float inv_tau = 1.f / temperature;
    // Subtracting the largest |G| keeps every exponent ≤ 0, so no factor overflows however large G is.
    auto exp_one = [&](Eigen::Index k) { return f[k] = std::exp((std::abs(g[k]) - largest) * inv_tau); };

    // Eigen takes whole packets from the first packet-aligned factor on, and one entry at a time before and
    // after them.
    const Eigen::Index start = ei::first_default_aligned(f, n);
    const Eigen::Index packets = (n - start) / kLanes;
    const Eigen::Index end = start + packets * kLanes;
    float sum;
    if (packets == 0) {
        sum = exp_one(0);
        for (Eigen::Index k = 1; k < n; ++k) sum += exp_one(k);
    } else {
        for (Eigen::Index k = 0; k < start; ++k) exp_one(k);
        PacketExp exp(inv_tau, largest);
        PacketSum packet_sum(packets);
        for (Eigen::Index k = start; k < end; k += kLanes) {
            const Packet gk = ei::ploadu<Packet>(g + k);
            Packet e;
            if (all_zero(gk))
                e = exp.of_zeros();
            else
                e = exp(gk);
            ei::pstoreu(f + k, e);
            packet_sum.add(e);
        }
        sum = packet_sum.total();
        for (Eigen::Index k = 0; k < start; ++k) sum += f[k];
        for (Eigen::Index k = end; k < n; ++k) sum += exp_one(k);
    }
    normalise(g, out, f, n, sum);
}
} // namespace

void apply_gradient_attention(std::span<float> grad, std::span<float> factors, float temperature) {
    const auto n = static_cast<Eigen::Index>(grad.size());
    reweight(grad.data(), grad.data(), factors.data(), n, temperature, largest_magnitude(grad.data(), n));
}

void apply_gradient_attention(std::span<float> grad, std::span<float> factors, float temperature,
                              float largest) {
    reweight(grad.data(), grad.data(), factors.data(), static_cast<Eigen::Index>(grad.size()), temperature,
             largest);
}

void apply_gradient_attention(std::span<const float> grad, std::span<float> out, std::span<float> factors,
                              float temperature) {
    const auto n = static_cast<Eigen::Index>(grad.size());
    reweight(grad.data(), out.data(), factors.data(), n, temperature, largest_magnitude(grad.data(), n));
}

void outer_with_attention(std::span<const float> delta, std::span<const float> x, std::span<float> grad,
                          std::span<float> factors, float temperature) {
    const int rows = static_cast<int>(delta.size()), cols = static_cast<int>(x.size());
    const auto n = static_cast<Eigen::Index>(grad.size());
    float* g = grad.data();
    float* f = factors.data();
    // |δ_i x_j| is rounded from |δ_i|·|x_j|, and rounding never reverses an order: the largest entry of the
    // gradient is exactly max|δ|·max|x|, rounded.
    const float largest = largest_magnitude(delta.data(), rows) * largest_magnitude(x.data(), cols);
    // One pass needs every packet within one column and the factors packet-aligned, as Eigen-allocated
    // buffers are; other shapes take the gradient first, then the general re-weighting.
    if (rows % kLanes != 0 || ei::first_default_aligned(f, n) != 0) {
        kernels::outer(delta.data(), rows, x.data(), cols, g);
        reweight(g, g, f, n, temperature, largest);
        return;
    }
    const float inv_tau = 1.f / temperature;
    PacketExp exp(inv_tau, largest);
    PacketSum sum(n / kLanes);
    for (int j = 0; j < cols; ++j) {
        const Packet xj = ei::pset1<Packet>(x[j]);
        for (int i = 0; i < rows; i += kLanes) {
            const Eigen::Index k = static_cast<Eigen::Index>(j) * rows + i;
            const Packet gk = ei::pmul(ei::ploadu<Packet>(delta.data() + i), xj);
            ei::pstoreu(g + k, gk);
            Packet e;
            if (x[j] == 0.f)
                e = exp.of_zeros();
            else
                e = exp(gk);
            ei::pstoreu(f + k, e);
            sum.add(e);
        }
    }
    normalise(g, g, f, n, sum.total());
}

float attention_effect(std::span<const float> before, std::span<const float> after) {
    // Float sums in Eigen's packets: a figure to show, sampled often, where double loops cost a per cent of
    // the tick rate.
    const auto n = static_cast<Eigen::Index>(before.size());
    const ConstFloatMap g(before.data(), n), g2(after.data(), n);
    const float size = g.squaredNorm();
    return size > 0.f ? std::sqrt((g2 - g).squaredNorm() / size) : 0.f;
}

float attention_effect(std::span<const float> delta, std::span<const float> x, std::span<const float> after) {
    const auto rows = static_cast<Eigen::Index>(delta.size());
    const ConstFloatMap d(delta.data(), rows);
    float size = 0.f, change = 0.f;
    for (std::size_t j = 0; j < x.size(); ++j) {
        // δ·x_j is the column kernels::outer computed, to the bit.
        const ConstFloatMap column(after.data() + static_cast<Eigen::Index>(j) * rows, rows);
        size += (d * x[j]).squaredNorm();
        change += (column - d * x[j]).squaredNorm();
    }
    return size > 0.f ? std::sqrt(change / size) : 0.f;
}

AttentionStats summarize_attention(ConstFloatMap factors) {
    AttentionStats s;
    const auto n = factors.size();
    if (n == 0) return s;
    s.min = factors.minCoeff();
    s.max = factors.maxCoeff();
    if (n == 1) return s;
    // With p = f/N: −Σ p log p = log N − (1/N) Σ f log f. The logs are Eigen's packet logarithm (float,
    // a few ulps), the sums in double; an entry of 0 adds nothing.
    const float* f = factors.data();
    double f_log_f = 0.0;
    Eigen::Index k = 0;
    for (; k + kLanes <= n; k += kLanes) {
        const Packet fk = ei::ploadu<Packet>(f + k);
        const Packet positive = ei::pcmp_lt(ei::pzero(fk), fk);
        f_log_f += ei::predux(ei::pand(positive, ei::pmul(fk, ei::plog(fk))));
    }
    for (; k < n; ++k)
        if (f[k] > 0.f) f_log_f += static_cast<double>(f[k]) * std::log(static_cast<double>(f[k]));
    const double log_n = std::log(static_cast<double>(n));
    const double h = log_n - f_log_f / static_cast<double>(n);
    // Rounding can take a uniform re-weighting a hair above 1 or an extreme one below 0.
    s.entropy = std::clamp(static_cast<float>(h / log_n), 0.f, 1.f);
    return s;
}

} // namespace phasor
