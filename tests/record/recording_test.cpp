// Recordings as files: every field round-trips (NaN and infinities included), a corrupt, truncated or
// foreign file and another version are refused with the file named, an unwritable path leaves nothing; run
// numbering, the replay script and the series comparison.
#include "engine/core/error.hpp"
#include "engine/io/output_file.hpp"
#include "engine/record/recording.hpp"
#include "support/temp_dir.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <zlib.h>

namespace phasor {
namespace {

namespace fs = std::filesystem;

Recording sample_recording() {
    Recording r;
    r.family = "stepnet";
    r.preset_toml = "family = \"stepnet\"\nname = \"xor\"\n";
    r.channels = {"loss", "accuracy", "ticks_per_second"};
    r.changes = {Change{500, 0, "train.lr", "0.05", false, false},
                 Change{700, 0, "task.name", "\"spirals\"", true, false},
                 Change{700, 0, "network.layers", "[2, 8, 2]", true, true},
                 Change{20, 1, "pause", "", false, false}};
    for (std::uint64_t i = 0; i < 5; ++i) {
        SeriesSample s;
        s.tick = 100 * (i + 1);
        s.run = i < 3 ? 0 : 1;
        s.values[0] = 0.1f * static_cast<float>(i) + 1e-7f;
        s.values[1] = 1.f / 3.f;
        s.values[2] = 12345.678f;
        r.series.push_back(s);
    }
    r.series[1].values[0] = std::numeric_limits<float>::quiet_NaN();
    r.series[2].values[0] = std::numeric_limits<float>::infinity();
    r.series[3].values[0] = -std::numeric_limits<float>::infinity();
    r.series[4].values[1] = -0.f;
    r.ticks = 250;
    r.paced = true;
    return r;
}

bool same_bits(float a, float b) {
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
}

std::string gzip(const std::string& text) {
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(text.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// The error names the file and says `what`.
void expect_refused(const fs::path& file, const std::string& what) {
    try {
        (void)read_recording(file);
        ADD_FAILURE() << file << " was read";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(file.string()), std::string::npos) << message;
        EXPECT_NE(message.find(what), std::string::npos) << message;
    }
}

TEST(Recording, EveryFieldRoundTrips) {
    testing::TempDir dir;
    const Recording a = sample_recording();
    write_recording(a, dir.path() / "r.gz");
    const Recording b = read_recording(dir.path() / "r.gz");
    EXPECT_EQ(b.family, a.family);
    EXPECT_EQ(b.preset_toml, a.preset_toml);
    EXPECT_EQ(b.channels, a.channels);
    EXPECT_EQ(b.ticks, a.ticks);
    EXPECT_EQ(b.paced, a.paced);
    ASSERT_EQ(b.changes.size(), a.changes.size());
    for (std::size_t i = 0; i < a.changes.size(); ++i) {
        EXPECT_EQ(b.changes[i].tick, a.changes[i].tick);
        EXPECT_EQ(b.changes[i].run, a.changes[i].run);
        EXPECT_EQ(b.changes[i].key, a.changes[i].key);
        EXPECT_EQ(b.changes[i].value, a.changes[i].value);
        EXPECT_EQ(b.changes[i].rebuilds, a.changes[i].rebuilds);
        EXPECT_EQ(b.changes[i].joined, a.changes[i].joined);
    }
    ASSERT_EQ(b.series.size(), a.series.size());
    for (std::size_t i = 0; i < a.series.size(); ++i) {
        EXPECT_EQ(b.series[i].tick, a.series[i].tick);
        EXPECT_EQ(b.series[i].run, a.series[i].run);
        for (std::size_t c = 0; c < a.channels.size(); ++c)
            EXPECT_TRUE(same_bits(b.series[i].values[c], a.series[i].values[c])) << i << " " << c;
    }
    // Compressed: gzip's magic first.
    std::ifstream in(dir.path() / "r.gz", std::ios::binary);
    EXPECT_EQ(in.get(), 0x1f);
    EXPECT_EQ(in.get(), 0x8b);
}

TEST(Recording, BadFilesAreRefusedNamingTheFile) {
    testing::TempDir dir;
    const fs::path good = dir.path() / "good.gz";
    write_recording(sample_recording(), good);
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

    write_bytes(dir.path() / "truncated.gz", bytes.substr(0, bytes.size() / 2));
    expect_refused(dir.path() / "truncated.gz", "truncated");
    std::string corrupt = bytes;
    for (std::size_t i = 12; i < corrupt.size() - 8; i += 7)
        corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    write_bytes(dir.path() / "corrupt.gz", corrupt);
    expect_refused(dir.path() / "corrupt.gz", "cannot read the recording");
    write_bytes(dir.path() / "text.toml", "family = \"stepnet\"\n");
    expect_refused(dir.path() / "text.toml", "not a Phasor recording");
    write_bytes(dir.path() / "other.gz", gzip("{\"format\": \"something-else\"}"));
    expect_refused(dir.path() / "other.gz", "not a Phasor recording");
    write_bytes(dir.path() / "json.gz", gzip("[1, 2"));
    expect_refused(dir.path() / "json.gz", "not a Phasor recording");
    write_bytes(dir.path() / "v2.gz", gzip("{\"format\": \"phasor-recording\", \"version\": 2}"));
    expect_refused(dir.path() / "v2.gz", "version 2");
    expect_refused(dir.path() / "missing.gz", "no such file");
    expect_refused(dir.path(), "directory");
}

TEST(Recording, AnUnwritablePathLeavesNoFileAndSaysWhy) {
    testing::TempDir dir;
    fs::create_directory(dir.path() / "folder");
    try {
        write_recording(sample_recording(), dir.path() / "folder");
        ADD_FAILURE() << "a folder was written over";
    } catch (const OutputError& e) {
        EXPECT_NE(std::string(e.what()).find("directory"), std::string::npos) << e.what();
    }
    EXPECT_THROW(write_recording(sample_recording(), dir.path() / "no" / "such" / "r.gz"), OutputError);
    EXPECT_FALSE(fs::exists(dir.path() / "no"));
    // Nothing else was left: no temporary beside the folder.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
    EXPECT_TRUE(fs::is_empty(dir.path() / "folder"));
}

TEST(Recording, RunsAreNumberedByTheRebuildsBeforeThem) {
    // Process-wide ids 7 (ended by a reset at tick 300), 9 (ended by a structural change), then 12.
    std::vector<Change> changes{{100, 7, "train.lr", "0.1", false, false},
                                {300, 7, "reset", "", true, false},
                                {50, 9, "task.name", "\"xor\"", true, false},
                                {50, 9, "network.layers", "[2, 2]", true, true},
                                {10, 12, "train.lr", "0.2", false, false}};
    std::vector<SeriesSample> series(3);
    series[0].run = 7;
    series[1].run = 9;
    series[2].run = 12;
    number_runs(changes, series);
    EXPECT_EQ(series[0].run, 0u);
    EXPECT_EQ(series[1].run, 1u);
    EXPECT_EQ(series[2].run, 2u);
    EXPECT_EQ(changes[0].run, 0u);
    EXPECT_EQ(changes[1].run, 0u);
    EXPECT_EQ(changes[2].run, 1u);
    EXPECT_EQ(changes[4].run, 2u);

    // The same numbers live, as the changes arrive; a load starts again.
    RunNumbers live;
    for (const Change& c : std::vector<Change>{{300, 7, "reset", "", true, false}}) live.change(c);
    EXPECT_EQ(live.number(7), 0u);
    EXPECT_EQ(live.number(9), 1u);
    live.change(Change{40, 9, "load", "\"replay\"", true, false});
    EXPECT_FALSE(live.number(9).has_value());
    EXPECT_EQ(live.number(10), 0u);
}

TEST(Recording, TheScriptReplaysWhatTrainsAndJoinsWhatWasOne) {
    const Recording r = sample_recording();
    const std::vector<std::string> entries = script_entries(r.changes);
    ASSERT_EQ(entries.size(), 2u); // the pause is not replayed
    EXPECT_EQ(entries[0], "500:train.lr=0.05");
    EXPECT_EQ(entries[1], "700:task.name=\"spirals\";network.layers=[2, 8, 2]");
    EXPECT_EQ(run_lengths(r), (std::vector<std::uint64_t>{700, 250}));
}

TEST(Recording, TheComparisonFindsTheFirstDifferenceButNotTheMeasuredRate) {
    Recording r = sample_recording();
    r.paced = false;
    std::vector<SeriesSample> replayed = r.series;
    for (SeriesSample& s : replayed) s.values[2] = 1.f; // the runtime's rate differs every time
    EXPECT_FALSE(compare_series(r, replayed).has_value());
    replayed[3].values[1] = 0.5f;
    const auto d = compare_series(r, replayed);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->tick, 400u);
    EXPECT_EQ(d->run, 1u);
    EXPECT_NE(d->what.find("accuracy"), std::string::npos) << d->what;
    replayed = r.series;
    replayed.pop_back();
    ASSERT_TRUE(compare_series(r, replayed).has_value());
    EXPECT_EQ(compare_series(r, replayed)->tick, 500u);

    // Paced (the app's): only the ticks both have are compared.
    r.paced = true;
    ReplayCheck check(r);
    SeriesSample extra = r.series[0];
    extra.tick = 150;
    extra.values[0] = 99.f;
    check.compare(extra);
    check.compare(r.series[0]);
    EXPECT_EQ(check.compared(), 1u);
    EXPECT_FALSE(check.difference().has_value());
    SeriesSample off = r.series[1];
    off.values[1] = 0.f;
    check.compare(off);
    ASSERT_TRUE(check.difference().has_value());
    EXPECT_EQ(check.difference()->tick, 200u);
}

} // namespace
} // namespace phasor
