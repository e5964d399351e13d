// Advancing a spiking run allocates nothing once it is warm, for every circuit, with the panels' recording on
// (raster, phases, traces of a followed neuron, histories sampled often enough to have thinned).
#include "engine/spiking/spiking_family.hpp"
#include "support/allocation_counter.hpp"
#include "support/runtime_support.hpp"

#include <gtest/gtest.h>

#ifdef PHASOR_COUNT_MALLOC
namespace phasor {
namespace {

TEST(SpikingNoAllocation, AdvanceWithThePanelsRecordingInEveryCircuit) {
    for (const CircuitEntry& entry : circuits()) {
        SCOPED_TRACE(std::string(entry.name));
        SpikingModel model(spiking_config(
            testing::named_params(spiking_family(), "t",
                                  {{"circuit", std::string(entry.name)},
                                   {"view.sample_every", std::int64_t{10}},
                                   {"network.neurons", entry.sized ? ParamValue(std::int64_t{5000})
                                                                   : ParamValue(std::monostate{})}})));
        Snapshot snapshot;
        snapshot.payload = model.make_payload();
        model.fill(snapshot); // turns the recording on
        testing::NullSeries series;
        // 600 samples: past the histories' 512 points, so they have thinned once and hold their capacity.
        model.advance(6000, series);
        EXPECT_EQ(testing::count_mallocs([&] { model.advance(3000, series); }), 0);
    }
}

} // namespace
} // namespace phasor
#endif
