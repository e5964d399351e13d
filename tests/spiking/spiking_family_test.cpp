// The spiking family through the runtime: every circuit builds from its table, every live setting a circuit
// reads changes its run and one it does not read is refused, the same seed gives the same run, the report's
// figures add up, and what the panels are shown is exactly what fired.
#include "engine/core/error.hpp"
#include "engine/runtime/run.hpp"
#include "engine/spiking/benchmark_circuit.hpp"
#include "engine/spiking/spike_record.hpp"
#include "engine/spiking/spike_telemetry.hpp"
#include "engine/spiking/spiking_family.hpp"
#include "support/runtime_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

using testing::named_params;
using testing::NullSeries;

// A value other than the default for each live setting.
ParamValue changed_value(std::string_view key) {
    if (key == "neurons.threshold_shift") return -2.f;
    if (key == "input.rate") return 40.f;
    if (key == "rhythm.theta_hz") return 11.f;
    if (key == "rhythm.gamma_per_theta") return std::int64_t{8};
    if (key == "stdp.rate") return 0.5f;
    if (key == "stdp.depression") return 3.f;
    if (key == "stdp.rule") return std::string("multiplicative");
    if (key == "stdp.bound") return 0.5f;
    if (key == "stdp.period") return std::int64_t{500};
    if (key == "reward.lr") return 20.f;
    if (key == "readout.window") return std::int64_t{7};
    throw std::logic_error("no changed value for a live setting");
}

// What a run did, in a form two runs can be compared by: every spike (cycle, neuron) and the weights.
struct Trace {
    SpikeRecord spikes;
    std::vector<float> weights;
    std::vector<float> rewards;
    bool operator==(const Trace& o) const {
        return spikes.step == o.spikes.step && spikes.neuron == o.spikes.neuron && weights == o.weights &&
               rewards == o.rewards;
    }
};

Trace run_circuit(Circuit& circuit, std::uint64_t cycles) {
    Trace t;
    run_recorded(circuit, cycles, t.spikes);
    const auto w = circuit.plastic_weights();
    t.weights.assign(w.begin(), w.end());
    if (const EnvironmentState* e = circuit.environment()) t.rewards = {e->reward_rate, e->reward};
    return t;
}

TEST(SpikingFamily, EveryLiveSettingACircuitReadsChangesItsRun) {
    for (const CircuitEntry& entry : circuits()) {
        SCOPED_TRACE(std::string(entry.name));
        // A circuit that can be sized is tested small: its settings act the same at any size.
        const SpikingConfig base =
            spiking_config(named_params(spiking_family(), "t",
                                        {{"circuit", std::string(entry.name)},
                                         {"network.neurons", entry.sized ? ParamValue(std::int64_t{5000})
                                                                         : ParamValue(std::monostate{})}}));
        // Long enough for a change to show in every circuit (at least twenty spikes of neurons that
        // integrate: a place cell is silent until the agent reaches its field), short enough for the largest.
        constexpr std::uint64_t kBefore = 200;
        auto reference = entry.make(base.options);
        reference->apply(base.settings);
        run_circuit(*reference, kBefore);
        std::uint64_t after = 0;
        {
            auto probe = reference->clone();
            std::vector<std::uint32_t> spiked;
            std::uint64_t fired = 0;
            for (; after < 200000 && (fired < 20 || after < 3000); ++after) {
                probe->step(spiked);
                for (std::uint32_t k : spiked)
                    for (const PopulationInfo& p : probe->populations())
                        if (k >= p.first && k < p.first + p.size && !p.input) ++fired;
            }
        }
        const Trace unchanged = run_circuit(*reference, after);
        for (std::string_view key : entry.reads) {
            SCOPED_TRACE(std::string(key));
            auto circuit = entry.make(base.options);
            circuit->apply(base.settings);
            run_circuit(*circuit, kBefore);
            SpikingSettings settings = base.settings;
            find_live_setting(key)->write(settings, changed_value(key));
            circuit->apply(settings);
            EXPECT_FALSE(run_circuit(*circuit, after) == unchanged);
        }
    }
}

// The model hands a circuit every setting again after any one changes: a setting applied twice must act
// once (a threshold shift added to the threshold in force would move it again each time).
TEST(SpikingFamily, ApplyingTheSameSettingsAgainChangesNothing) {
    for (const CircuitEntry& entry : circuits()) {
        SCOPED_TRACE(std::string(entry.name));
        SpikingConfig base =
            spiking_config(named_params(spiking_family(), "t",
                                        {{"circuit", std::string(entry.name)},
                                         {"network.neurons", entry.sized ? ParamValue(std::int64_t{5000})
                                                                         : ParamValue(std::monostate{})}}));
        for (std::string_view key : entry.reads)
            find_live_setting(key)->write(base.settings, changed_value(key));
        auto once = entry.make(base.options), thrice = entry.make(base.options);
        once->apply(base.settings);
        thrice->apply(base.settings);
        run_circuit(*once, 100);
        run_circuit(*thrice, 100);
        thrice->apply(base.settings);
        thrice->apply(base.settings);
        EXPECT_TRUE(run_circuit(*once, 3000) == run_circuit(*thrice, 3000));
    }
}

TEST(SpikingFamily, ASettingTheCircuitDoesNotReadIsRefusedNotIgnored) {
    // In a preset or --set: the family's check names the key.
    const ParamSet p = named_params(spiking_family(), "t", {{"stdp.rate", 0.5f}});
    try {
        spiking_family().check(p);
        FAIL() << "accepted stdp.rate for cuba";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "stdp.rate: the cuba circuit has no use for it");
    }
    EXPECT_THROW(spiking_family().check(
                     named_params(spiking_family(), "t", {{"network.neurons", std::int64_t{5000}}})),
                 InputError);
    // Live: the model refuses and keeps running as it was.
    phasor::Run run(named_params(spiking_family(), "t"));
    const auto why = run.set_text("rhythm.theta_hz", "10");
    ASSERT_TRUE(why.has_value());
    EXPECT_NE(why->find("no use for it"), std::string::npos) << *why;
    EXPECT_FALSE(run.set_text("neurons.threshold_shift", "-1").has_value());
}

TEST(SpikingFamily, TheSameSeedGivesTheSameRunAndAnotherSeedAnother) {
    auto figures = [](std::int64_t seed) {
        phasor::Run run(named_params(spiking_family(), "t", {{"seed", seed}}));
        NullSeries series;
        run.advance(2000, series);
        Snapshot s;
        run.fill(s);
        return s.headline;
    };
    EXPECT_EQ(figures(3), figures(3));
    EXPECT_NE(figures(3), figures(4));
}

TEST(SpikingFamily, TheReportsFiguresAddUp) {
    phasor::Run run(named_params(spiking_family(), "t"));
    NullSeries series;
    run.advance(5000, series);
    Snapshot s;
    run.fill(s);
    auto figure = [&](std::string_view name) {
        for (const auto& [key, value] : s.figures)
            if (key == name) return value;
        ADD_FAILURE() << "no figure " << name;
        return 0.0;
    };
    EXPECT_EQ(figure("neurons"), 4000);
    EXPECT_EQ(figure("simulated_seconds"), 0.5);
    ASSERT_EQ(s.parts.size(), 2u);
    const double spikes = s.parts[0].figures[1].second + s.parts[1].figures[1].second;
    EXPECT_EQ(figure("spikes"), spikes);
    EXPECT_DOUBLE_EQ(figure("rate_hz"), spikes / (4000 * 0.5));
    EXPECT_GT(figure("loop_seconds"), 0);
    EXPECT_GT(figure("build_seconds"), 0);
    EXPECT_NEAR(figure("synapses"), 4000.0 * 4000 * 0.02, 4000.0 * 4000 * 0.02 * 0.01);
}

// The raster shows a bit exactly where a neuron of that row fired in that column, and nowhere else; the
// followed neuron's spikes are its own.
TEST(SpikeTelemetry, TheRasterIsExactlyWhatFired) {
    CubaCircuit circuit(CubaConfig{.seed = 2});
    SpikeTelemetry telemetry(circuit);
    const std::vector<std::int64_t> follow{17};
    telemetry.follow(follow, circuit);
    FiringStatistics statistics(circuit);
    SpikeRecord record;
    std::vector<std::uint32_t> spiked;
    constexpr std::uint64_t kCycles = 15000; // past the 10,000-cycle window, so the ring has wrapped
    for (std::uint64_t c = 0; c < kCycles; ++c) {
        circuit.step(spiked);
        statistics.record(c, spiked);
        telemetry.record(circuit, spiked);
        record.add(static_cast<std::uint32_t>(c), spiked);
    }
    SpikingView view;
    telemetry.fill(circuit, statistics, view);
    const SpikeRasterView& r = view.raster;
    ASSERT_EQ(r.rows, 1024);
    EXPECT_EQ(r.newest, (kCycles - 1) * SpikeRasterView::kColumns / 10000);
    std::vector<std::uint8_t> expected(static_cast<std::size_t>(SpikeRasterView::kColumns) * 1024, 0);
    const std::uint64_t oldest = r.newest - SpikeRasterView::kColumns + 1;
    std::vector<float> followed;
    for (std::size_t i = 0; i < record.size(); ++i) {
        const std::uint64_t column = std::uint64_t{record.step[i]} * SpikeRasterView::kColumns / 10000;
        if (column < oldest) continue;
        const std::uint64_t row = std::uint64_t{record.neuron[i]} * 1024 / 4000;
        expected[(column - oldest) * 1024 + row] = 1;
        if (record.neuron[i] == 17 && record.step[i] * 1e-4 >= kCycles * 1e-4 - 1.0)
            followed.push_back(static_cast<float>(record.step[i] * 1e-4));
    }
    std::size_t set = 0;
    for (std::uint64_t column = oldest; column <= r.newest; ++column)
        for (int row = 0; row < 1024; ++row) {
            ASSERT_EQ(r.test(column, row),
                      expected[(column - oldest) * 1024 + static_cast<std::size_t>(row)] != 0)
                << "column " << column << " row " << row;
            set += r.test(column, row);
        }
    EXPECT_GT(set, 10000u);
    ASSERT_EQ(view.followed.size(), 1u);
    EXPECT_EQ(view.followed[0].neuron, 17u);
    ASSERT_EQ(view.followed[0].spikes.size(), followed.size());
    for (std::size_t i = 0; i < followed.size(); ++i)
        EXPECT_NEAR(view.followed[0].spikes[i], followed[i], 1e-4);
    EXPECT_EQ(view.followed[0].v.size(), static_cast<std::size_t>(SpikingView::kTrace));
}

TEST(SpikingFamily, FollowingANeuronTracesItAndAskingForOneThatIsNotThereIsRefused) {
    phasor::Run run(named_params(spiking_family(), "t"));
    Snapshot s;
    run.fill(s); // the first look turns the panels' recording on
    EXPECT_FALSE(run.set_text("view.follow", "[5, 3000]").has_value());
    NullSeries series;
    run.advance(3000, series);
    run.fill(s);
    const auto* view = s.payload_as<SpikingView>();
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(view->followed.size(), 2u);
    EXPECT_EQ(view->followed[1].population, 0);
    EXPECT_EQ(view->picked, 5);
    EXPECT_GT(view->picked_targets.size(), 30u); // about 80 targets at p = 0.02
    EXPECT_EQ(view->picked_targets.size(), view->picked_target_points.size());
    const auto why = run.set_text("view.follow", "[4000]");
    ASSERT_TRUE(why.has_value());
    EXPECT_NE(why->find("not in the circuit"), std::string::npos);
    // In a preset too: the run is not built.
    EXPECT_THROW(spiking_family().build(
                     named_params(spiking_family(), "t", {{"view.follow", std::vector<std::int64_t>{9000}}})),
                 InputError);
}

TEST(SpikingFamily, WithNoNeuronNamedTheFirstThatIntegratesIsFollowed) {
    phasor::Run run(named_params(spiking_family(), "t", {{"circuit", std::string("stdp_song")}}));
    Snapshot s;
    run.fill(s);
    NullSeries series;
    run.advance(500, series);
    run.fill(s);
    const auto* view = s.payload_as<SpikingView>();
    ASSERT_NE(view, nullptr);
    ASSERT_EQ(view->followed.size(), 1u);
    EXPECT_EQ(view->followed[0].neuron, 1000u); // after the 1,000 Poisson inputs: the output neuron
    EXPECT_TRUE(std::isfinite(view->followed[0].v.back()));
}

} // namespace
} // namespace phasor
