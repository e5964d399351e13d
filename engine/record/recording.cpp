// Recordings: the file format (gzip-compressed JSON), run numbering, the replay script and the comparison of
// a replay's series with the recorded ones (recording.hpp).
#include "engine/record/recording.hpp"

#include "engine/core/error.hpp"
#include "engine/io/input_file.hpp"
#include "engine/io/output_file.hpp"
#include "engine/preset/preset.hpp"
#include "engine/runtime/family.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>
#include <zlib.h>

namespace phasor {

namespace {

using json = nlohmann::json;

constexpr std::string_view kFormat = "phasor-recording";
// A recording is read whole into memory: past these it is refused rather than exhaust it.
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;
constexpr std::size_t kMaxJsonBytes = std::size_t{4} << 30;
constexpr int kGzipWindow = 15 + 16; // zlib's window bits plus 16: a gzip header and trailer

// JSON has no NaN or infinity (nlohmann would write null): those are strings.
json value_json(float v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return v;
}

float value_of(const json& j) {
    if (j.is_number()) return j.get<float>();
    const std::string s = j.get<std::string>();
    if (s == "nan") return std::numeric_limits<float>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<float>::infinity();
    if (s == "-inf") return -std::numeric_limits<float>::infinity();
    throw json::other_error::create(501, fmt::format("'{}' is not a number", s), &j);
}

std::string to_json_text(const Recording& r) {
    json changes = json::array();
    for (const Change& c : r.changes)
        changes.push_back({{"tick", c.tick},
                           {"run", c.run},
                           {"key", c.key},
                           {"value", c.value},
                           {"rebuilds", c.rebuilds},
                           {"joined", c.joined}});
    // Column by column: one array of ticks, runs, and values per channel, which compresses far better than a
    // record per sample.
    json ticks = json::array(), runs = json::array(), values = json::array();
    for (const SeriesSample& s : r.series) {
        ticks.push_back(s.tick);
        runs.push_back(s.run);
    }
    for (std::size_t c = 0; c < r.channels.size(); ++c) {
        json column = json::array();
        for (const SeriesSample& s : r.series) column.push_back(value_json(s.values[c]));
        values.push_back(std::move(column));
    }
    const json out = {
        {"format", kFormat},
        {"version", kRecordingVersion},
        {"family", r.family},
        {"ticks", r.ticks},
        {"paced", r.paced},
        {"preset", r.preset_toml},
        {"channels", r.channels},
        {"changes", std::move(changes)},
        {"series", {{"tick", std::move(ticks)}, {"run", std::move(runs)}, {"values", std::move(values)}}}};
    return out.dump();
}

// Deflates `text` as gzip into `out` in blocks, so the compressed file is never held whole.
void write_gzip(std::string_view text, OutputFile& out) {
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw OutputError(out.path(), "zlib could not start compressing");
    std::vector<unsigned char> block(std::size_t{1} << 16);
    std::size_t offset = 0;
    int status = Z_OK;
    do {
        // zlib takes at most 4 GiB at a time.
        const std::size_t chunk = std::min<std::size_t>(text.size() - offset, std::size_t{1} << 30);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data() + offset));
        z.avail_in = static_cast<uInt>(chunk);
        offset += chunk;
        const int flush = offset == text.size() ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = block.data();
            z.avail_out = static_cast<uInt>(block.size());
            status = deflate(&z, flush);
            const std::size_t made = block.size() - z.avail_out;
            try {
                out.write(std::span(reinterpret_cast<const std::byte*>(block.data()), made));
            } catch (...) {
                deflateEnd(&z);
                throw;
            }
        } while (z.avail_out == 0);
    } while (offset < text.size() || status != Z_STREAM_END);
    deflateEnd(&z);
}

[[noreturn]] void not_readable(const std::filesystem::path& file, std::string_view why) {
    throw InputError(fmt::format("{}: cannot read the recording: {}", file.string(), why));
}

std::string gunzip(const std::string& bytes, const std::filesystem::path& file) {
    if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
        static_cast<unsigned char>(bytes[1]) != 0x8b)
        not_readable(file, "not a Phasor recording (not gzip-compressed data)");
    z_stream z{};
    if (inflateInit2(&z, kGzipWindow) != Z_OK) not_readable(file, "zlib could not start");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    std::string text;
    std::vector<char> block(std::size_t{1} << 16);
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        z.next_out = reinterpret_cast<Bytef*>(block.data());
        z.avail_out = static_cast<uInt>(block.size());
        status = inflate(&z, Z_NO_FLUSH);
        if (status == Z_DATA_ERROR || status == Z_NEED_DICT || status == Z_MEM_ERROR) {
            const std::string why = z.msg ? z.msg : "bad data";
            inflateEnd(&z);
            not_readable(file, fmt::format("the compressed data is corrupt ({})", why));
        }
        text.append(block.data(), block.size() - z.avail_out);
        if (status == Z_BUF_ERROR || (status == Z_OK && z.avail_in == 0 && z.avail_out != 0)) {
            inflateEnd(&z);
            not_readable(file, "the file is truncated (the compressed data ends early)");
        }
        if (text.size() > kMaxJsonBytes) {
            inflateEnd(&z);
            not_readable(file, fmt::format("it expands to more than {} GiB", kMaxJsonBytes >> 30));
        }
    }
    inflateEnd(&z);
    return text;
}

Recording from_json(const json& j, const std::filesystem::path& file) {
    if (!j.is_object() || j.value("format", std::string()) != kFormat)
        not_readable(file, "not a Phasor recording (no \"format\": \"phasor-recording\")");
    const int version = j.value("version", 0);
    if (version != kRecordingVersion)
        not_readable(file, fmt::format("version {} is not one this Phasor reads (it reads version {})",
                                       version, kRecordingVersion));
    Recording r;
    r.family = j.at("family").get<std::string>();
    r.ticks = j.at("ticks").get<std::uint64_t>();
    r.paced = j.at("paced").get<bool>();
    r.preset_toml = j.at("preset").get<std::string>();
    r.channels = j.at("channels").get<std::vector<std::string>>();
    if (r.channels.size() > kMaxChannels)
        not_readable(file, fmt::format("{} channels, more than the {} a sample holds", r.channels.size(),
                                       kMaxChannels));
    for (const json& c : j.at("changes"))
        r.changes.push_back(Change{c.at("tick").get<std::uint64_t>(), c.at("run").get<std::uint64_t>(),
                                   c.at("key").get<std::string>(), c.at("value").get<std::string>(),
                                   c.at("rebuilds").get<bool>(), c.at("joined").get<bool>()});
    const json& series = j.at("series");
    const json& ticks = series.at("tick");
    const json& runs = series.at("run");
    const json& values = series.at("values");
    if (runs.size() != ticks.size() || values.size() != r.channels.size())
        not_readable(file, "the series' columns do not match its channels");
    r.series.resize(ticks.size());
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        r.series[i].tick = ticks[i].get<std::uint64_t>();
        r.series[i].run = runs[i].get<std::uint64_t>();
    }
    for (std::size_t c = 0; c < values.size(); ++c) {
        if (values[c].size() != ticks.size()) not_readable(file, "a channel's column has the wrong length");
        for (std::size_t i = 0; i < ticks.size(); ++i) r.series[i].values[c] = value_of(values[c][i]);
    }
    return r;
}

bool same_value(float a, float b) {
    if (std::isnan(a) && std::isnan(b)) return true;
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

} // namespace

void write_recording(const Recording& recording, OutputFile& out) {
    write_gzip(to_json_text(recording), out);
    out.commit();
}

void write_recording(const Recording& recording, const std::filesystem::path& file) {
    OutputFile out(file);
    write_recording(recording, out);
}

Recording read_recording(const std::filesystem::path& file) {
    const std::string bytes = read_text_file(file, "recording", kMaxFileBytes);
    const std::string text = gunzip(bytes, file);
    try {
        return from_json(json::parse(text), file);
    } catch (const json::exception& e) {
        not_readable(file, fmt::format("not a Phasor recording ({})", e.what()));
    }
}

ParamSet recording_params(const Recording& recording, const std::filesystem::path& file) {
    ParamSet params = load_preset_text(recording.preset_toml, fmt::format("{} (its preset)", file.string()));
    if (params.family().name != recording.family)
        throw InputError(fmt::format("{}: its preset is of the family {}, not {} as the recording says",
                                     file.string(), params.family().name, recording.family));
    return params;
}

void number_runs(std::vector<Change>& changes, std::vector<SeriesSample>& series) {
    std::vector<std::uint64_t> ended;
    for (const Change& c : changes)
        if (c.rebuilds && !c.joined) ended.push_back(c.run); // a change of several keys rebuilds once
    std::sort(ended.begin(), ended.end());
    auto number = [&](std::uint64_t id) {
        return static_cast<std::uint64_t>(std::lower_bound(ended.begin(), ended.end(), id) - ended.begin());
    };
    for (Change& c : changes) c.run = number(c.run);
    for (SeriesSample& s : series) s.run = number(s.run);
}

std::vector<std::string> script_entries(std::span<const Change> changes) {
    std::vector<std::string> entries;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Change& c = changes[i];
        if (c.key == "reset") {
            entries.push_back(fmt::format("{}:reset", c.tick));
            continue;
        }
        if (std::find(kRunControl.begin(), kRunControl.end(), c.key) != kRunControl.end()) continue;
        // Changes applied as one are replayed as one entry: either alone may not fit the rest.
        std::vector<Setting> settings{{c.key, c.value}};
        while (i + 1 < changes.size() && changes[i + 1].joined) {
            ++i;
            settings.push_back({changes[i].key, changes[i].value});
        }
        entries.push_back(fmt::format("{}:{}", c.tick, script_settings(settings)));
    }
    return entries;
}

std::vector<std::uint64_t> run_lengths(const Recording& recording) {
    std::vector<std::uint64_t> lengths;
    for (const Change& c : recording.changes)
        if (c.rebuilds && !c.joined) lengths.push_back(c.tick);
    lengths.push_back(recording.ticks);
    return lengths;
}

bool replays_exactly(const ParamSet& params) {
    return !(params.family().name == "mach" && params.text("order") != "round_robin");
}

void RunNumbers::change(const Change& change) {
    if (change.key == "load") {
        floor_ = change.run;
        ended_.clear();
        return;
    }
    if (change.rebuilds && !change.joined) ended_.push_back(change.run);
}

std::optional<std::uint64_t> RunNumbers::number(std::uint64_t run_id) const {
    if (run_id <= floor_) return std::nullopt;
    return static_cast<std::uint64_t>(
        std::count_if(ended_.begin(), ended_.end(), [&](std::uint64_t e) { return e < run_id; }));
}

std::string SeriesDifference::describe() const {
    return fmt::format("tick {}{}: {}", tick, run ? fmt::format(" (run {})", run) : std::string(), what);
}

std::optional<std::string> sample_difference(const SeriesSample& recorded, const SeriesSample& replayed,
                                             std::span<const std::string> channels) {
    // The last channel is the runtime's measured rate: wall-clock time, never the same twice.
    for (std::size_t c = 0; c + 1 < channels.size(); ++c)
        if (!same_value(recorded.values[c], replayed.values[c]))
            return fmt::format("{}: recorded {}, replayed {}", channels[c], recorded.values[c],
                               replayed.values[c]);
    return std::nullopt;
}

std::optional<SeriesDifference>
compare_series(const Recording& recording, std::span<const SeriesSample> replayed, std::size_t* compared) {
    if (recording.paced) {
        ReplayCheck check(recording);
        for (const SeriesSample& s : replayed) check.compare(s);
        if (compared) *compared = check.compared();
        if (!check.difference() && check.compared() == 0 && !recording.series.empty())
            return SeriesDifference{recording.series.front().run, recording.series.front().tick,
                                    "the replay has no sample at any recorded tick"};
        return check.difference();
    }
    const std::vector<SeriesSample>& recorded = recording.series;
    if (compared) *compared = std::min(recorded.size(), replayed.size());
    const std::size_t n = std::min(recorded.size(), replayed.size());
    for (std::size_t i = 0; i < n; ++i) {
        const SeriesSample &a = recorded[i], &b = replayed[i];
        if (a.run != b.run || a.tick != b.tick) {
            // The earlier of the two is where one has a sample the other lacks.
            const bool recorded_first = a.run < b.run || (a.run == b.run && a.tick < b.tick);
            const SeriesSample& at = recorded_first ? a : b;
            return SeriesDifference{at.run, at.tick,
                                    recorded_first ? "the replay has no sample at this tick"
                                                   : "the recording has no sample at this tick"};
        }
        if (auto what = sample_difference(a, b, recording.channels))
            return SeriesDifference{a.run, a.tick, std::move(*what)};
    }
    if (recorded.size() > n)
        return SeriesDifference{recorded[n].run, recorded[n].tick,
                                fmt::format("the replay ended before the recording ({} samples of {})",
                                            replayed.size(), recorded.size())};
    if (replayed.size() > n)
        return SeriesDifference{replayed[n].run, replayed[n].tick,
                                fmt::format("the replay went on past the recording ({} samples, {} recorded)",
                                            replayed.size(), recorded.size())};
    return std::nullopt;
}

void ReplayCheck::restart() {
    compared_ = 0;
    difference_.reset();
    previous_.reset();
}

void ReplayCheck::compare(const SeriesSample& s) {
    if (difference_) return; // the first difference is what the user needs; later ones follow from it
    const auto& rec = recording_.series;
    const auto it =
        std::lower_bound(rec.begin(), rec.end(), s, [](const SeriesSample& a, const SeriesSample& b) {
            return a.run < b.run || (a.run == b.run && a.tick < b.tick);
        });
    const std::optional<SeriesSample> before = std::exchange(previous_, s);
    if (it == rec.end() || it->run != s.run || it->tick != s.tick) return;
    // The same window: both first in their run, or both after a sample at the same tick.
    const bool recorded_first = it == rec.begin() || std::prev(it)->run != s.run;
    const bool replayed_first = !before || before->run != s.run || before->tick >= s.tick;
    if (recorded_first != replayed_first) return;
    if (!recorded_first && std::prev(it)->tick != before->tick) return;
    ++compared_;
    if (auto what = sample_difference(*it, s, recording_.channels))
        difference_ = SeriesDifference{s.run, s.tick, std::move(*what)};
}

void Recorder::restart(const ParamSet& params) {
    base_ = Recording{};
    base_.family = std::string(params.family().name);
    base_.preset_toml = preset_text(params);
    for (const Quantity& q : params.family().channels) base_.channels.emplace_back(q.name);
    base_.channels.emplace_back(kTicksPerSecond.name);
    changes_.clear();
    series_.clear();
}

Recording Recorder::recording(std::uint64_t ticks) const {
    Recording r = base_;
    r.changes = changes_;
    r.series = series_;
    number_runs(r.changes, r.series);
    r.ticks = ticks;
    r.paced = paced;
    return r;
}

} // namespace phasor
