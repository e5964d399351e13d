// The environment circuits: the agent learns (the bandit's better arm from about half the choices to at
// least 80 % of the last 50; the target task's reward rate from a random policy's to at least 0.8) over
// seeds 1-5 within a budget close to what the slowest seed needs; the same seed gives the same run; every
// live setting changes the run; the environment is reported; stepping allocates nothing.
#include "engine/spiking/bandit_circuit.hpp"
#include "engine/spiking/target_circuit.hpp"
#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

// Runs until `decisions`, returning every spike's neuron (a fingerprint of the whole run).
template <class C> std::vector<std::uint32_t> run(C& circuit, std::uint64_t decisions) {
    std::vector<std::uint32_t> spiked, all;
    spiked.reserve(circuit.neurons());
    while (circuit.decisions() < decisions) {
        circuit.step(spiked);
        all.insert(all.end(), spiked.begin(), spiked.end());
    }
    return all;
}

template <class C, class Config> C built(Config config, SpikingSettings settings = {}) {
    C circuit(std::move(config));
    circuit.apply(settings);
    return circuit;
}

// Measured (decisions until the last 50 first reach 80 % on the better arm): seeds 1-5 need 50, 103, 50,
// 331, 50 (50: already there at the first look). 30 seeds: 28 by 350; one locks onto the worse arm.
TEST(Bandit, TheAgentLearnsToChooseTheBetterArm) {
    constexpr std::uint64_t kBudget = 400;
    double learnt = 0, frozen = 0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        auto agent = built<BanditCircuit>(BanditConfig{.seed = seed});
        run(agent, kBudget);
        EXPECT_GE(agent.best_arm_fraction(), 0.8) << "seed " << seed;
        learnt += agent.best_arm_fraction() / 5;
        // Without learning the same agent chooses as its initial weights and the spikes' noise have it.
        auto still = built<BanditCircuit>(BanditConfig{.seed = seed}, SpikingSettings{.reward_lr = 0.f});
        run(still, kBudget);
        frozen += still.best_arm_fraction() / 5;
    }
    EXPECT_GE(learnt, 0.9);
    EXPECT_LE(frozen, 0.65);
    EXPECT_GE(frozen, 0.35);
}

// Measured (decisions until the last 50 are back at 80 % after the swap at 400): seeds 1-5 at 463, 471, 658,
// 464, 472; seeds 6-10 at 535, 730, 511, 458, 464.
TEST(Bandit, AfterTheArmsSwapTheAgentRelearns) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        auto agent = built<BanditCircuit>(BanditConfig{.swap_after = 400, .seed = seed});
        run(agent, 400);
        EXPECT_GE(agent.best_arm_fraction(), 0.8) << "seed " << seed;
        run(agent, 450);
        EXPECT_LE(agent.best_arm_fraction(), 0.7) << "seed " << seed << ": the old habit costs at first";
        run(agent, 700);
        EXPECT_GE(agent.best_arm_fraction(), 0.8) << "seed " << seed;
    }
}

// Measured (decisions until the last 50 first reach a reward rate of 0.8): seeds 1-5 need 50, 93, 87, 80, 95.
TEST(Target, TheAgentLearnsToMoveTowardTheTarget) {
    constexpr std::uint64_t kBudget = 200;
    double learnt = 0, frozen = 0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        auto agent = built<TargetCircuit>(TargetConfig{.seed = seed});
        run(agent, kBudget);
        EXPECT_GE(agent.reward_rate(), 0.8) << "seed " << seed;
        learnt += agent.reward_rate() / 5;
        auto still = built<TargetCircuit>(TargetConfig{.seed = seed}, SpikingSettings{.reward_lr = 0.f});
        run(still, kBudget);
        frozen += still.reward_rate() / 5;
    }
    EXPECT_GE(learnt, 0.85);
    EXPECT_LE(frozen, 0.55) << "a policy that does not learn gets closer about half the time, or less";
}

template <class C, class Config> void same_seed_same_run(Config config) {
    auto a = built<C>(config), b = built<C>(config);
    EXPECT_EQ(run(a, 30), run(b, 30));
    EXPECT_EQ(std::vector<float>(a.plastic_weights().begin(), a.plastic_weights().end()),
              std::vector<float>(b.plastic_weights().begin(), b.plastic_weights().end()));
    config.seed += 1;
    auto c = built<C>(config);
    EXPECT_NE(run(c, 30), run(a, 60));
}

TEST(Bandit, TheSameSeedGivesTheSameRun) {
    same_seed_same_run<BanditCircuit>(BanditConfig{.seed = 3});
}
TEST(Target, TheSameSeedGivesTheSameRun) {
    same_seed_same_run<TargetCircuit>(TargetConfig{.seed = 3});
}

template <class C, class Config> void every_live_setting_changes_the_run(Config config) {
    // Each setting is changed after five decisions; the rest of the run differs from the unchanged one's.
    auto plain = built<C>(config);
    run(plain, 5);
    const auto reference = run(plain, 20);
    const std::vector<SpikingSettings> changed{
        SpikingSettings{.threshold_shift = 2e-3f}, SpikingSettings{.input_rate = 20.f},
        SpikingSettings{.reward_lr = 2.f}, SpikingSettings{.readout_window = 50}};
    for (std::size_t k = 0; k < changed.size(); ++k) {
        auto live = built<C>(config);
        run(live, 5);
        live.apply(changed[k]);
        EXPECT_NE(run(live, 20), reference) << "setting " << k;
    }
    auto same = built<C>(config);
    run(same, 5);
    same.apply(SpikingSettings{});
    EXPECT_EQ(run(same, 20), reference) << "applying the settings it has changes nothing";
}

TEST(Bandit, EveryLiveSettingChangesTheRun) {
    every_live_setting_changes_the_run<BanditCircuit>(BanditConfig{.seed = 2});
}
TEST(Target, EveryLiveSettingChangesTheRun) {
    every_live_setting_changes_the_run<TargetCircuit>(TargetConfig{.seed = 2});
}

TEST(Bandit, ReportsTheEnvironmentAndItsFigures) {
    auto agent = built<BanditCircuit>(BanditConfig{.arm_probability = {0.3f, 0.6f, 0.1f}, .seed = 1});
    run(agent, 60);
    const EnvironmentState* e = agent.environment();
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->kind, "bandit");
    EXPECT_EQ(e->action_names, (std::vector<std::string>{"arm 1", "arm 2", "arm 3"}));
    EXPECT_EQ(e->arm_reward, (std::vector<float>{0.3f, 0.6f, 0.1f}));
    ASSERT_EQ(e->action_probability.size(), 3u);
    EXPECT_NEAR(e->action_probability[0] + e->action_probability[1] + e->action_probability[2], 1.f, 1e-5);
    EXPECT_GE(e->action, 0);
    EXPECT_EQ(e->decisions, 60u);
    EXPECT_EQ(agent.best_arm(), 1);
    EXPECT_FLOAT_EQ(e->reward_rate, static_cast<float>(agent.reward_rate()));
    EXPECT_NE(e->status.find("arm 2"), std::string::npos) << e->status;
    EXPECT_EQ(agent.populations().size(), 4u);
    std::vector<std::pair<std::string, double>> figures;
    agent.figures(figures);
    ASSERT_GE(figures.size(), 3u);
    EXPECT_EQ(figures[0], (std::pair<std::string, double>{"decisions", 60.0}));
    EXPECT_EQ(figures[2].first, "best_arm_fraction");
    EXPECT_TRUE(agent.finite());
    EXPECT_EQ(agent.clone()->cycles(), agent.cycles());
}

TEST(Target, ReportsTheAgentAndTheTarget) {
    auto agent = built<TargetCircuit>(TargetConfig{.seed = 4});
    const float start = agent.position();
    run(agent, 1);
    const EnvironmentState* e = agent.environment();
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->kind, "target");
    EXPECT_EQ(e->action_names, (std::vector<std::string>{"left", "right"}));
    EXPECT_FLOAT_EQ(e->position, start + (e->action == 0 ? -0.05f : 0.05f)) << "one step the chosen way";
    EXPECT_EQ(e->target, agent.target());
    EXPECT_EQ(e->length, 1.f);
    EXPECT_EQ(e->decisions, 1u);
    // The channels code where the target is: the one tuned nearest the offset fires fastest.
    const float offset = agent.target() - agent.position();
    const auto& net = agent.network();
    std::uint32_t nearest = 0;
    for (std::uint32_t c = 1; c < 9; ++c)
        if (net.rate(c) > net.rate(nearest)) nearest = c;
    EXPECT_NEAR(-1.f + 0.25f * static_cast<float>(nearest), offset, 0.125f + 1e-5f);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(Environment, SteppingAndDecidingAllocateNothing) {
    auto bandit = built<BanditCircuit>(BanditConfig{.seed = 1});
    auto target = built<TargetCircuit>(TargetConfig{.seed = 1});
    std::vector<std::uint32_t> spiked;
    spiked.reserve(std::max(bandit.neurons(), target.neurons()));
    const long allocations = testing::count_mallocs([&] {
        for (int k = 0; k < 2000; ++k) {
            bandit.step(spiked);
            target.step(spiked);
        }
    });
    EXPECT_EQ(allocations, 0);
    EXPECT_EQ(bandit.decisions(), 10u);
}
#endif

} // namespace
} // namespace phasor
