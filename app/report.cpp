// The text and JSON reports of `phasor run`.
#include "app/report.hpp"

#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace phasor {

namespace {

double rate(std::uint64_t ticks, double seconds) {
    return seconds > 0 ? static_cast<double>(ticks) / seconds : 0.0;
}

std::uint64_t total_ticks(const std::vector<SeedResult>& results) {
    std::uint64_t n = 0;
    for (const auto& r : results) n += r.ticks;
    return n;
}

double mean_accuracy(const std::vector<SeedResult>& results) {
    double sum = 0;
    for (const auto& r : results) sum += r.eval.accuracy;
    return results.empty() ? 0.0 : sum / static_cast<double>(results.size());
}

std::string percent(double fraction) {
    return fmt::format("{:.1f} %", 100.0 * fraction);
}

std::string seed_line(const SeedResult& r) {
    std::string classes;
    for (std::size_t c = 0; c < r.eval.per_class_accuracy.size(); ++c) {
        const std::string name = c < r.class_names.size() ? r.class_names[c] : fmt::format("class {}", c);
        classes += fmt::format("{}{}: {}", c ? ", " : "", name, percent(r.eval.per_class_accuracy[c]));
    }
    return fmt::format("seed {}: accuracy {} ({}), rolling {}, {} ticks in {:.2f} s ({:.0f} ticks/s){}",
                       r.seed, percent(r.eval.accuracy), classes, percent(r.rolling_accuracy), r.ticks,
                       r.seconds, rate(r.ticks, r.seconds),
                       r.diverged ? fmt::format(", diverged at tick {}", r.diverged_at) : "");
}

} // namespace

bool reached_100(const SeedResult& r) {
    return !r.diverged && r.eval.accuracy >= 1.f;
}

void print_text_report(const RunSummary& s, const std::vector<SeedResult>& results) {
    for (const auto& r : results) fmt::print("{}\n", seed_line(r));
    if (results.size() < 2) return;
    std::size_t solved = 0;
    std::string missed;
    for (const auto& r : results) {
        if (reached_100(r))
            ++solved;
        else
            missed += fmt::format("{}{} ({}{})", missed.empty() ? "" : ", ", r.seed, percent(r.eval.accuracy),
                                  r.diverged ? ", diverged" : "");
    }
    const std::uint64_t ticks = total_ticks(results);
    fmt::print("{} of {} seeds reached 100 %\n", solved, results.size());
    if (!missed.empty()) fmt::print("not at 100 %: {}\n", missed);
    fmt::print("mean accuracy {}; {} ticks in {:.2f} s on {} thread{} ({:.0f} ticks/s)\n",
               percent(mean_accuracy(results)), ticks, s.seconds, s.threads, s.threads == 1 ? "" : "s",
               rate(ticks, s.seconds));
}

void print_json_report(const RunSummary& s, const std::vector<SeedResult>& results) {
    using json = nlohmann::ordered_json;
    json seeds = json::array();
    std::size_t solved = 0, diverged = 0;
    for (const auto& r : results) {
        json per_class = json::object();
        for (std::size_t c = 0; c < r.eval.per_class_accuracy.size(); ++c)
            per_class[c < r.class_names.size() ? r.class_names[c] : fmt::format("class {}", c)] =
                r.eval.per_class_accuracy[c];
        json j = {{"seed", r.seed},
                  {"accuracy", r.eval.accuracy},
                  {"per_class", per_class},
                  {"rolling_accuracy", r.rolling_accuracy},
                  {"ticks", r.ticks},
                  {"seconds", r.seconds},
                  {"ticks_per_second", rate(r.ticks, r.seconds)},
                  {"diverged", r.diverged}};
        if (r.diverged) {
            j["diverged_at"] = r.diverged_at;
            j["evaluated_from"] = r.evaluated_from;
        }
        seeds.push_back(std::move(j));
        solved += reached_100(r) ? 1 : 0;
        diverged += r.diverged ? 1 : 0;
    }
    const std::uint64_t ticks = total_ticks(results);
    const json out = {{"preset", s.preset},    {"file", s.file},
                      {"ticks", ticks},        {"ticks_per_seed", s.ticks_per_seed},
                      {"seconds", s.seconds},  {"ticks_per_second", rate(ticks, s.seconds)},
                      {"threads", s.threads},  {"accuracy", mean_accuracy(results)},
                      {"reached_100", solved}, {"diverged", diverged},
                      {"seeds", seeds}};
    std::cout << out.dump(2) << std::endl;
}

} // namespace phasor
