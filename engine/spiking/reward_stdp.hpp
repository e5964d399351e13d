// Reward-modulated STDP (Izhikevich 2007; Frémaux & Gerstner 2016) on a dense plastic projection: every
// presynaptic neuron to every postsynaptic one. Pair STDP does not change the weights here; it writes an
// eligibility trace per synapse, which a later reward turns into a weight change:
//   pre trace x_i, post trace y_j: decay with τ+ and τ−, +1 at each spike of their neuron
//   a post spike of j:  e_ij += A+ · w_max · x_i     (pre before post)
//   a pre spike of i:   e_ij −= A− · w_max · y_j     (post before pre)
//   e decays with τ_e;  a reward R:  w_ij += reward_lr · (R − R̄) · e_ij, clipped to [0, w_max],
//   then the baseline R̄ ← R̄ + baseline_rate · (R − R̄).
// Spikes in the same cycle pair neither way: a spike acts on its targets from the next cycle, so neither can
// have caused the other. The nets this serves are small and fully connected, so the projection is a dense
// matrix: 8 bytes of state per synapse (weight and eligibility, 4 each), no indices, plus a trace per neuron.
// Eligibility is kept in a frame that decays as a whole: stored values are e · exp(n·dt/τ_e) for the n
// cycles since the frame began, so a cycle touches only the synapses of the neurons that fired, and the
// frame is folded back into the values at each reward (which visits every synapse anyway).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

struct RewardStdpParams {
    float tau_plus = 20e-3f, tau_minus = 20e-3f; // s
    float a_plus = 0.01f;                        // eligibility per pair, as a fraction of w_max
    float a_minus = 0.005f;
    float tau_eligibility = 0.5f; // s
    float reward_lr = 0.5f;       // weight change per unit of (R − R̄) × eligibility
    float w_max = 1.f;
    float baseline_rate = 0.1f; // 0: no baseline, R itself modulates
};

class RewardStdp {
  public:
    static constexpr double kStateBytesPerSynapse = 8.0;

    // Weights start at zero; set them through weights().
    RewardStdp(std::uint32_t pre, std::uint32_t post, RewardStdpParams params, float dt);

    std::uint32_t pre() const { return pre_; }
    std::uint32_t post() const { return post_; }
    std::size_t size() const { return weight_.size(); }
    const RewardStdpParams& params() const { return params_; }
    // Pre-major: the weight from i to j is at i · post + j, so a pre spike reads one contiguous row.
    std::span<float> weights() { return weight_; }
    std::span<const float> weights() const { return weight_; }
    std::span<const float> row(std::uint32_t i) const {
        return {weight_.data() + std::size_t{i} * post_, post_};
    }
    float eligibility(std::uint32_t i, std::uint32_t j) const;
    float baseline() const { return baseline_; }

    // One cycle: the local indices of the pre and post neurons that fired in it. Allocates nothing.
    void step(std::span<const std::uint32_t> pre_spikes, std::span<const std::uint32_t> post_spikes);
    // Turns the eligibility into weight change by R − R̄ and moves the baseline; returns R − R̄.
    float reinforce(float reward);
    void set_reward_lr(float lr) { params_.reward_lr = lr; }

  private:
    std::uint32_t pre_, post_;
    RewardStdpParams params_;
    float decay_plus_, decay_minus_;
    double log_growth_;                       // dt / τ_e: the frame grows by exp(this) a cycle
    std::vector<float> weight_, eligibility_; // eligibility in the frame
    std::vector<float> x_, y_;
    std::uint64_t frame_cycles_ = 0;
    double frame_ = 1.0; // exp(frame_cycles_ · dt / τ_e)
    float baseline_ = 0.f;

    void fold_frame();
};

} // namespace phasor
