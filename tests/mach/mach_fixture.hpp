// The decoupled-components tests' fixture: a tiny image set written for the test (2×2 images whose first two
// pixels give the class away), a small network stepped in turn on it, and its weights after some ticks.
#pragma once
#include "data/idx_writer.hpp"
#include "engine/mach/mach_family.hpp"
#include "engine/runtime/run.hpp"
#include "support/process.hpp"
#include "support/runtime_support.hpp"

#include <gtest/gtest.h>

namespace phasor {

namespace fs = std::filesystem;

// 2×2 images whose first two pixels give the class away (c·25 and 255 − c·25), the other two noise.
inline void write_learnable_folder(const fs::path& folder, std::uint32_t train, std::uint32_t test) {
    fs::create_directories(folder);
    Rng rng(3);
    for (const auto& [prefix, n] : {std::pair<std::string, std::uint32_t>{"train", train}, {"t10k", test}}) {
        std::vector<std::uint8_t> pixels, labels;
        for (std::uint32_t i = 0; i < n; ++i) {
            const auto c = static_cast<std::uint8_t>(rng.below(10));
            for (std::uint8_t p :
                 {static_cast<std::uint8_t>(c * 25), static_cast<std::uint8_t>(255 - c * 25),
                  static_cast<std::uint8_t>(rng.below(256)), static_cast<std::uint8_t>(rng.below(256))})
                pixels.push_back(p);
            labels.push_back(c);
        }
        testing::write_bytes(folder / (prefix + "-images-idx3-ubyte"), testing::idx_bytes({n, 2, 2}, pixels));
        testing::write_bytes(folder / (prefix + "-labels-idx1-ubyte"), testing::idx_bytes({n}, labels));
    }
}

class MachParams : public ::testing::Test {
  protected:
    MachParams() : dir(testing::scratch_folder("phasor-mach-")) {
        write_learnable_folder(dir / "images", 300, 200);
        testing::write_image_folder(dir / "other", 200, 50, "");
    }
    ~MachParams() override { fs::remove_all(dir); }

    // A small sequence stepped in turn on the tiny set, with `changes` on top.
    ParamSet params(std::vector<std::pair<std::string, ParamValue>> changes = {}) const {
        ParamSet p(mach_family());
        std::vector<std::pair<std::string, ParamValue>> all{{"name", std::string("t")},
                                                            {"order", std::string("round_robin")},
                                                            {"network.hidden", std::vector<std::int64_t>{8}},
                                                            {"network.embedding", std::int64_t{4}},
                                                            {"train.batch", std::int64_t{16}},
                                                            {"train.series_every", std::int64_t{10}},
                                                            {"data.dir", (dir / "images").string()}};
        all.insert(all.end(), changes.begin(), changes.end());
        for (const auto& [key, value] : all)
            if (auto why = p.set(key, value)) ADD_FAILURE() << key << ": " << *why;
        return p;
    }

    // Every weight of every component after `ticks`, flattened: two runs agree or they do not.
    static std::vector<float> weights_after(phasor::Run& run, std::uint64_t ticks = 60) {
        testing::NullSeries series;
        for (std::uint64_t done = 0; done < ticks;) done += run.advance(ticks - done, series);
        auto& net = dynamic_cast<MachNet&>(run.model());
        std::vector<float> all;
        for (std::size_t c = 0; c < net.component_count(); ++c)
            for (const BatchLayer& l : net.component(c).network().layers()) {
                all.insert(all.end(), l.W.data(), l.W.data() + l.W.size());
                all.insert(all.end(), l.b.data(), l.b.data() + l.b.size());
            }
        return all;
    }
    static std::vector<float> weights_after(const ParamSet& p) {
        phasor::Run run(p);
        return weights_after(run);
    }
    fs::path dir;
};

// The model's view as a snapshot would carry it now.
inline MachView view_of(phasor::Run& run) {
    Snapshot s;
    run.fill(s);
    return *s.payload_as<MachView>();
}

} // namespace phasor
