// `phasor run --json` on a spiking circuit: the figures the issue lists, in numbers that add up (spikes over
// neurons and simulated time give the rate; populations sum to the whole; a weight histogram counts every
// plastic synapse), and several seeds give mean and sd.
#include "cli_support.hpp"

#include <numeric>

namespace {

using nlohmann::json;
using Cli = phasor::testing::Cli;

TEST_F(Cli, ASpikingRunReportsItsNetworkAndWhatItDid) {
    const json j = json_of("run --preset cuba --ticks 3000 --json");
    const json& s = j["seeds"][0];
    for (const char* key : {"neurons", "synapses", "bytes_per_synapse", "build_seconds", "loop_seconds",
                            "simulated_seconds", "spikes", "rate_hz", "cv_isi_mean", "fraction_active"})
        EXPECT_TRUE(s.contains(key)) << key;
    EXPECT_EQ(s["neurons"], 4000);
    EXPECT_TRUE(s["spikes"].is_number_integer());
    EXPECT_DOUBLE_EQ(s["simulated_seconds"].get<double>(), 0.3);
    EXPECT_DOUBLE_EQ(s["rate_hz"].get<double>(), s["spikes"].get<double>() / (4000 * 0.3));
    ASSERT_EQ(s["populations"].size(), 2u);
    EXPECT_EQ(s["populations"][0]["name"], "excitatory");
    EXPECT_EQ(s["populations"][0]["neurons"], 3200);
    EXPECT_EQ(s["populations"][0]["spikes"].get<long>() + s["populations"][1]["spikes"].get<long>(),
              s["spikes"].get<long>());
    EXPECT_GT(s["loop_seconds"].get<double>(), 0);
    EXPECT_LE(s["bytes_per_synapse"].get<double>(), 8);
    EXPECT_FALSE(s.contains("weight_histogram")); // nothing learns in CUBA
}

TEST_F(Cli, AnStdpRunReportsItsWeightHistogram) {
    const json j = json_of("run --preset stdp_song --ticks 20000 --seeds 1..2 --json");
    for (const json& s : j["seeds"]) {
        ASSERT_TRUE(s.contains("weight_histogram")) << s;
        const auto bins = s["weight_histogram"].get<std::vector<double>>();
        EXPECT_EQ(bins.size(), 64u);
        EXPECT_EQ(std::accumulate(bins.begin(), bins.end(), 0.0), 1000.0); // every synapse, once
        EXPECT_DOUBLE_EQ(s["weight_max"].get<double>(), 0.01f);
        // The inputs do not count in the output's rate: one neuron, its spikes over 2 s.
        EXPECT_DOUBLE_EQ(s["rate_hz"].get<double>(), s["spikes"].get<double>() / 2.0);
    }
    EXPECT_TRUE(j.contains("mean")) << j;
    EXPECT_TRUE(j["mean"].contains("rate_hz")) << j["mean"];
}

} // namespace
