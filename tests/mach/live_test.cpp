// A component paused, killed and restarted, slowed down, or given synthetic inputs in place of real ones,
// while the others run on; on threads of their own (run again under ThreadSanitizer by scripts/dev.sh test)
// with every queue policy, no message is lost or counted twice and no thread is left waiting.
#include "mach/mach_fixture.hpp"

#include <chrono>

namespace phasor {
namespace {

using Live = MachParams;

void run_for(phasor::Run& run, std::uint64_t ticks) {
    testing::NullSeries series;
    for (std::uint64_t done = 0; done < ticks;) {
        const std::uint64_t n = run.advance(ticks - done, series);
        ASSERT_GT(n, 0u);
        done += n;
    }
}

// Every message sent is received, dropped, merged into another or still queued: none lost, none twice.
void expect_conserved(const MachView& v) {
    for (const MachEdgeView& e : v.edges) {
        EXPECT_EQ(e.spikes_sent, e.spikes_received + e.spikes_dropped + e.spikes_merged +
                                     static_cast<std::uint64_t>(e.spikes_queued));
        EXPECT_EQ(e.grads_sent, e.grads_received + e.grads_dropped + e.grads_merged +
                                    static_cast<std::uint64_t>(e.grads_queued));
        EXPECT_GT(e.spikes_sent, 0u);
    }
}

TEST_F(Live, APausedChildsQueueFillsWhileItsParentRunsOnSyntheticInputs) {
    phasor::Run run(params({{"queue.capacity", std::int64_t{3}}}));
    run_for(run, 40);
    ASSERT_FALSE(run.set("components.state", std::vector<std::string>{"run", "pause"}));
    const MachView before = view_of(run);
    run_for(run, 40);
    const MachView paused = view_of(run);
    EXPECT_EQ(paused.nodes[1].state, ComponentState::Pause);
    EXPECT_EQ(paused.nodes[1].steps, before.nodes[1].steps) << "a paused component takes no step";
    EXPECT_EQ(paused.nodes[0].steps, before.nodes[0].steps + 40) << "the other takes them all";
    EXPECT_EQ(paused.edges[0].spikes_queued, 3) << "its queue fills to capacity";
    EXPECT_EQ(paused.edges[0].spikes_dropped, before.edges[0].spikes_dropped + 37) << "then drops the oldest";
    ASSERT_FALSE(run.set("components.state", std::vector<std::string>{"pause", "run"}));
    run_for(run, 20);
    const MachView swapped = view_of(run);
    EXPECT_EQ(swapped.nodes[1].real_batches, paused.nodes[1].real_batches + 3)
        << "what was queued, then none";
    EXPECT_EQ(swapped.nodes[1].synthetic_batches, paused.nodes[1].synthetic_batches + 17)
        << "a parent whose child is paused trains on synthetic inputs";
    expect_conserved(swapped);
    EXPECT_TRUE(run.set("components.state", std::vector<std::string>{"pause", "kill"}).has_value())
        << "at least one must run";
}

// Killed, a component does nothing and what is sent to it is lost; restarted, it has the weights it had and
// nothing else, so it trains on from there unlike one that was only paused (whose optimizer remembers).
TEST_F(Live, AKilledComponentRestartsWithItsWeightsAndNothingElse) {
    auto interrupted = [&](const char* how) {
        phasor::Run run(params({{"train.lr", 0.01f}}));
        run_for(run, 100);
        auto& net = dynamic_cast<MachNet&>(run.model());
        EXPECT_FALSE(run.set("components.state", std::vector<std::string>{how, "run"}));
        const Mat stopped = net.component(0).network().layers()[0].W;
        run_for(run, 30);
        EXPECT_EQ(net.component(0).network().layers()[0].W, stopped) << how << ": it does nothing";
        EXPECT_EQ(view_of(run).edges[0].grads_queued, 1) << how << ": the last answer waits for it";
        EXPECT_FALSE(run.set("components.state", std::vector<std::string>{"run", "run"}));
        EXPECT_EQ(net.component(0).network().layers()[0].W, stopped) << how;
        EXPECT_EQ(view_of(run).edges[0].grads_queued, std::string(how) == "kill" ? 0 : 1)
            << how << ": what was sent to a killed component is lost";
        run_for(run, 60);
        return weights_after(run, 0);
    };
    EXPECT_NE(interrupted("kill"), interrupted("pause"));
}

TEST_F(Live, TheSyntheticMixReplacesRealInputsAndTheSyntheticRateChangesTheRun) {
    phasor::Run all_synthetic(params({{"synthetic.mix", 1.f}}));
    run_for(all_synthetic, 60);
    const MachView v = view_of(all_synthetic);
    EXPECT_EQ(v.nodes[1].real_batches, 0u);
    EXPECT_EQ(v.nodes[0].grads_applied, 0u) << "no real input used, no gradient owed";
    EXPECT_GT(v.history.synthetic_error[1].size(), 0u);
    const std::vector<float> base = weights_after(params());
    EXPECT_NE(weights_after(params({{"synthetic.mix", 0.5f}})), base);
    // With some synthetic inputs in use, how fast their models learn matters.
    EXPECT_NE(weights_after(params({{"synthetic.mix", 0.5f}, {"synthetic.lr", 0.01f}})),
              weights_after(params({{"synthetic.mix", 0.5f}})));
    phasor::Run live(params());
    ASSERT_FALSE(live.set("synthetic.mix", 1.f));
    run_for(live, 60);
    EXPECT_EQ(view_of(live).nodes[1].real_batches, 0u) << "taken live";
}

// The cap bounds the steps a component takes in the time it had (a bound, not a timing: it cannot fail on a
// slow machine), while the uncapped one takes the rest of the budget.
TEST_F(Live, ASpeedCapSlowsOneComponentWhileTheOtherRunsOn) {
    phasor::Run run(params({{"order", std::string("free")}}));
    ASSERT_FALSE(run.set("components.speed", std::vector<std::int64_t>{20, 0}));
    const auto start = std::chrono::steady_clock::now();
    run_for(run, 400);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const MachView v = view_of(run);
    EXPECT_LE(static_cast<double>(v.nodes[0].steps), 20.0 * seconds + 2);
    EXPECT_EQ(v.nodes[0].steps + v.nodes[1].steps, 400u);
    EXPECT_FLOAT_EQ(v.nodes[0].speed_cap, 20.f);
}

// Stepped in turn, a full blocking queue cannot wait for its receiver, whose turn comes after: it drops its
// oldest instead, and the run goes on (a k-graph's parents take one child's activation a step, so its queues
// fill).
TEST_F(Live, ABlockingQueueSteppedInTurnNeverWaits) {
    phasor::Run run(params({{"topology", std::string("kgraph")},
                            {"network.components", std::int64_t{3}},
                            {"queue.capacity", std::int64_t{1}},
                            {"queue.policy", std::string("block")}}));
    run_for(run, 300);
    const MachView v = view_of(run);
    expect_conserved(v);
    std::uint64_t dropped = 0;
    for (const MachEdgeView& e : v.edges) dropped += e.spikes_dropped;
    EXPECT_GT(dropped, 0u);
}

// Free threads, a blocking queue of one, a component paused, killed and restarted between releases: every
// release ends (nothing waits for a parked neighbour) and the counts add up.
TEST_F(Live, KillAndRestartOnThreadsUnderEveryPolicyNeitherHangsNorLosesCount) {
    for (const char* policy : {"block", "drop_oldest", "merge"}) {
        phasor::Run run(params({{"order", std::string("free")},
                                {"topology", std::string("ddg")},
                                {"network.components", std::int64_t{3}},
                                {"queue.capacity", std::int64_t{1}},
                                {"queue.policy", std::string(policy)}}));
        const std::vector<std::vector<std::string>> states{{"run", "kill", "run"},
                                                           {"run", "run", "run"},
                                                           {"pause", "run", "run"},
                                                           {"run", "pause", "kill"},
                                                           {"run", "run", "run"}};
        for (const auto& s : states) {
            ASSERT_FALSE(run.set("components.state", s)) << policy;
            run_for(run, 150);
        }
        const MachView v = view_of(run);
        expect_conserved(v);
        std::uint64_t steps = 0;
        for (const MachNodeView& n : v.nodes) steps += n.steps;
        EXPECT_LE(steps, run.ticks()) << policy;
    }
}

} // namespace
} // namespace phasor
