// The text and JSON reports of `phasor run`.
#include "app/report.hpp"

#include "engine/params/param.hpp"
#include "engine/params/param_toml.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace phasor {

namespace {

using json = nlohmann::ordered_json;

double rate(std::uint64_t ticks, double seconds) {
    return seconds > 0 ? static_cast<double>(ticks) / seconds : 0.0;
}

std::uint64_t total_ticks(const std::vector<SeedResult>& results) {
    std::uint64_t n = 0;
    for (const auto& r : results) n += r.ticks;
    return n;
}

// The index of the headline metric `name`, or the family's count when it has none.
std::size_t headline_index(const Family& family, std::string_view name) {
    for (std::size_t i = 0; i < family.headline.size(); ++i)
        if (family.headline[i].name == name) return i;
    return family.headline.size();
}

bool classifies(const Family& family) {
    return headline_index(family, "accuracy") < family.headline.size();
}

float accuracy(const Family& family, const SeedResult& r) {
    const std::size_t i = headline_index(family, "accuracy");
    return i < r.headline.size() ? r.headline[i] : 0.f;
}

double mean_accuracy(const Family& family, const std::vector<SeedResult>& results) {
    double sum = 0;
    for (const auto& r : results) sum += accuracy(family, r);
    return results.empty() ? 0.0 : sum / static_cast<double>(results.size());
}

std::string percent(double fraction) {
    return fmt::format("{:.1f} %", 100.0 * fraction);
}

std::string metric_text(const Quantity& q, float value) {
    if (q.unit == "%") return fmt::format("{} {}", q.label, percent(value));
    return fmt::format("{} {:.4g}{}", q.label, value, q.unit.empty() ? "" : fmt::format(" {}", q.unit));
}

std::string class_name(const SeedResult& r, std::size_t c) {
    return c < r.class_names.size() ? r.class_names[c] : fmt::format("class {}", c);
}

std::string seed_line(const Family& family, const SeedResult& r) {
    std::string metrics;
    for (std::size_t i = 0; i < family.headline.size() && i < r.headline.size(); ++i) {
        metrics += fmt::format("{}{}", i ? ", " : "", metric_text(family.headline[i], r.headline[i]));
        if (family.headline[i].name == "accuracy" && !r.eval.per_class_accuracy.empty()) {
            std::string classes;
            for (std::size_t c = 0; c < r.eval.per_class_accuracy.size(); ++c)
                classes += fmt::format("{}{}: {}", c ? ", " : "", class_name(r, c),
                                       percent(r.eval.per_class_accuracy[c]));
            metrics += fmt::format(" ({})", classes);
        }
    }
    return fmt::format("seed {}: {}; {} ticks in {:.2f} s ({:.0f} ticks/s){}", r.seed, metrics, r.ticks,
                       r.seconds, rate(r.ticks, r.seconds),
                       r.diverged ? fmt::format(", diverged at tick {}", r.diverged_at) : "");
}

json value_json(const ParamValue& value) {
    return std::visit(
        [](const auto& v) -> json {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
                return "auto";
            else
                return v;
        },
        value);
}

// A change with its value as JSON (a number, a string, an array), read back through the parameter's row; run
// control (reset) has none.
json change_json(const Family& family, std::uint64_t tick, std::string_view key, std::string_view value) {
    json j = {{"tick", tick}, {"key", key}, {"value", nullptr}};
    if (const ParamSpec* row = family.params.find(key); row && !value.empty()) {
        try {
            j["value"] = value_json(parse_value(*row, value));
        } catch (const std::exception&) {
            j["value"] = value;
        }
    }
    return j;
}

// A count as an integer, a measure as a number, and null for one that could not be measured (NaN).
json figure_json(double value) {
    if (!std::isfinite(value)) return nullptr;
    if (value == std::floor(value) && std::abs(value) < 9.0e15) return static_cast<std::int64_t>(value);
    return value;
}

// One part's figures over the seeds (matched by the part's name).
struct PartSummary {
    std::string name, differs;
    std::vector<std::string> figures;        // in the order the first seed gave them
    std::vector<std::vector<double>> values; // per figure, the finite values over the seeds
    double mean(std::size_t f) const {
        double sum = 0;
        for (const double v : values[f]) sum += v;
        return values[f].empty() ? NAN : sum / static_cast<double>(values[f].size());
    }
    double sd(std::size_t f) const {
        const std::size_t n = values[f].size();
        if (n < 2) return NAN;
        const double m = mean(f);
        double squares = 0;
        for (const double v : values[f]) squares += (v - m) * (v - m);
        return std::sqrt(squares / static_cast<double>(n - 1));
    }
    std::size_t index(std::string_view figure) const {
        return static_cast<std::size_t>(std::find(figures.begin(), figures.end(), figure) - figures.begin());
    }
};

std::vector<PartSummary> summarise_parts(const std::vector<SeedResult>& results) {
    std::vector<PartSummary> parts;
    for (const SeedResult& r : results) {
        if (r.diverged) continue;
        for (const PartFigures& p : r.parts) {
            auto at =
                std::find_if(parts.begin(), parts.end(), [&](const auto& s) { return s.name == p.name; });
            if (at == parts.end()) {
                parts.push_back({p.name, p.differs, {}, {}});
                at = parts.end() - 1;
            }
            for (const auto& [figure, value] : p.figures) {
                std::size_t f = at->index(figure);
                if (f == at->figures.size()) {
                    at->figures.push_back(figure);
                    at->values.emplace_back();
                }
                if (std::isfinite(value)) at->values[f].push_back(value);
            }
        }
    }
    return parts;
}

// Variants of one experiment (parts that say what sets them apart) whose test accuracies differ by less
// than two standard errors of the difference over the seeds: a difference the seeds' noise could make.
std::vector<std::string> noise_notes(const std::vector<PartSummary>& parts) {
    std::vector<std::string> notes;
    for (std::size_t a = 0; a < parts.size(); ++a)
        for (std::size_t b = a + 1; b < parts.size(); ++b) {
            const PartSummary &x = parts[a], &y = parts[b];
            if (x.differs.empty() && y.differs.empty()) continue;
            const std::size_t fx = x.index("test_accuracy"), fy = y.index("test_accuracy");
            if (fx == x.figures.size() || fy == y.figures.size()) continue;
            const std::size_t nx = x.values[fx].size(), ny = y.values[fy].size();
            if (nx < 2 || ny < 2) continue;
            const double se = std::sqrt(x.sd(fx) * x.sd(fx) / static_cast<double>(nx) +
                                        y.sd(fy) * y.sd(fy) / static_cast<double>(ny));
            const double gap = std::abs(x.mean(fx) - y.mean(fy));
            if (gap == 0 && se == 0)
                notes.push_back(fmt::format("{} and {}: the same test accuracy ({:.4f}) on every seed",
                                            x.name, y.name, x.mean(fx)));
            else if (gap < 2 * se)
                notes.push_back(
                    fmt::format("{} and {}: test accuracy {:.4f} and {:.4f} differ by {:.4f}, less "
                                "than two standard errors ({:.4f}) over the seeds: within seed noise",
                                x.name, y.name, x.mean(fx), y.mean(fy), gap, 2 * se));
        }
    return notes;
}

} // namespace

bool reached_100(const RunSummary& s, const SeedResult& r) {
    return classifies(*s.family) && !r.diverged && accuracy(*s.family, r) >= 1.f;
}

void print_text_report(const RunSummary& s, const std::vector<SeedResult>& results, std::FILE* stream) {
    for (const auto& r : results) {
        fmt::print(stream, "{}\n", seed_line(*s.family, r));
        if (!s.script.empty() && r.changes.size() < s.script.size())
            fmt::print(stream, "  applied {} of the {} scripted changes\n", r.changes.size(),
                       s.script.size());
    }
    // A race: each variant's test accuracy over the seeds, its updates and speed.
    const auto parts = summarise_parts(results);
    if (!parts.empty() && !parts.back().differs.empty()) {
        for (const PartSummary& p : parts) {
            auto figure = [&](std::string_view name) {
                const std::size_t f = p.index(name);
                return f < p.figures.size() ? p.mean(f) : NAN;
            };
            const std::size_t acc = p.index("test_accuracy");
            const double sd = acc < p.figures.size() ? p.sd(acc) : NAN;
            fmt::print(stream, "  {} ({}): test accuracy {}{}, {:.3g} weight updates, {:.0f} samples/s\n",
                       p.name, p.differs.empty() ? "base" : p.differs, percent(figure("test_accuracy")),
                       std::isfinite(sd) ? fmt::format(" ± {:.1f}", 100 * sd) : "", figure("weight_updates"),
                       figure("samples_per_second"));
        }
        for (const std::string& note : noise_notes(parts)) fmt::print(stream, "  note: {}\n", note);
    }
    if (results.size() < 2) return;
    const std::uint64_t ticks = total_ticks(results);
    if (classifies(*s.family)) {
        std::size_t solved = 0;
        std::string missed;
        for (const auto& r : results) {
            if (reached_100(s, r))
                ++solved;
            else
                missed += fmt::format("{}{} ({}{})", missed.empty() ? "" : ", ", r.seed,
                                      percent(accuracy(*s.family, r)), r.diverged ? ", diverged" : "");
        }
        fmt::print(stream, "{} of {} seeds reached 100 %\n", solved, results.size());
        if (!missed.empty()) fmt::print(stream, "not at 100 %: {}\n", missed);
        fmt::print(stream, "mean accuracy {}; ", percent(mean_accuracy(*s.family, results)));
    }
    fmt::print(stream, "{} ticks in {:.2f} s on {} thread{} ({:.0f} ticks/s)\n", ticks, s.seconds, s.threads,
               s.threads == 1 ? "" : "s", rate(ticks, s.seconds));
}

void print_json_report(const RunSummary& s, const std::vector<SeedResult>& results, std::FILE* stream) {
    const Family& family = *s.family;
    json seeds = json::array();
    std::size_t solved = 0, diverged = 0;
    for (const auto& r : results) {
        json j = {{"seed", r.seed}};
        for (std::size_t i = 0; i < family.headline.size() && i < r.headline.size(); ++i)
            j[std::string(family.headline[i].name)] = r.headline[i];
        // An evaluation on data kept apart from training is a test accuracy, and named so.
        if (!r.eval.name.empty() && r.eval.held_out) j["test_accuracy"] = r.eval.accuracy;
        if (!r.eval.per_class_accuracy.empty()) {
            json per_class = json::object();
            for (std::size_t c = 0; c < r.eval.per_class_accuracy.size(); ++c)
                per_class[class_name(r, c)] = r.eval.per_class_accuracy[c];
            j["per_class"] = per_class;
        }
        if (!r.parts.empty()) {
            json parts = json::array();
            for (const PartFigures& part : r.parts) {
                json p = {{"name", part.name}};
                if (!part.differs.empty()) p["differs"] = part.differs;
                for (const auto& [figure, value] : part.figures) p[figure] = figure_json(value);
                // Steps over the seed's time: how fast each part went, side by side.
                if (const auto steps = p.find("steps"); steps != p.end() && r.seconds > 0)
                    p["steps_per_second"] = steps->get<double>() / r.seconds;
                parts.push_back(std::move(p));
            }
            j[std::string(family.parts_name)] = parts;
        }
        for (const auto& [figure, value] : r.figures) j[figure] = figure_json(value);
        for (const auto& [figure, values] : r.figure_lists) j[figure] = values;
        j["ticks"] = r.ticks;
        j["seconds"] = r.seconds;
        // A family that counts epochs (passes over its data set) also gets the time one took.
        if (const std::size_t e = headline_index(family, "epochs");
            e < r.headline.size() && r.headline[e] > 0)
            j["seconds_per_epoch"] = r.seconds / r.headline[e];
        j["ticks_per_second"] = rate(r.ticks, r.seconds);
        j["diverged"] = r.diverged;
        if (r.diverged) {
            j["diverged_at"] = r.diverged_at;
            j["evaluated_from"] = r.evaluated_from;
            j["fault"] = r.fault;
        }
        json changes = json::array();
        for (const Change& c : r.changes) changes.push_back(change_json(family, c.tick, c.key, c.value));
        j["changes"] = changes;
        seeds.push_back(std::move(j));
        solved += reached_100(s, r) ? 1 : 0;
        diverged += r.diverged ? 1 : 0;
    }
    json script = json::array();
    for (const ScriptedChange& c : s.script) {
        if (c.reset()) script.push_back(change_json(family, c.tick, "reset", ""));
        for (const Setting& setting : c.settings)
            script.push_back(change_json(family, c.tick, setting.key, setting.value));
    }
    const std::uint64_t ticks = total_ticks(results);
    json out = {{"preset", s.preset},
                {"family", family.name},
                {"file", s.file},
                {"ticks", ticks},
                {"ticks_per_seed", s.ticks_per_seed},
                {"seconds", s.seconds},
                {"ticks_per_second", rate(ticks, s.seconds)},
                {"threads", s.threads}};
    if (classifies(family)) {
        out["accuracy"] = mean_accuracy(family, results);
        if (std::all_of(results.begin(), results.end(),
                        [](const auto& r) { return !r.eval.name.empty() && r.eval.held_out; }))
            out["test_accuracy"] = out["accuracy"];
        out["reached_100"] = solved;
    }
    // Over several seeds, each headline metric's mean and (sample) standard deviation.
    if (results.size() > 1) {
        json mean = json::object(), sd = json::object();
        for (std::size_t i = 0; i < family.headline.size(); ++i) {
            double sum = 0, squares = 0;
            std::size_t n = 0;
            for (const auto& r : results)
                if (i < r.headline.size()) {
                    sum += r.headline[i];
                    ++n;
                }
            if (n < 2) continue;
            const double m = sum / static_cast<double>(n);
            for (const auto& r : results)
                if (i < r.headline.size()) squares += (r.headline[i] - m) * (r.headline[i] - m);
            mean[std::string(family.headline[i].name)] = m;
            sd[std::string(family.headline[i].name)] = std::sqrt(squares / static_cast<double>(n - 1));
        }
        if (out.contains("test_accuracy") && mean.contains("accuracy")) {
            mean["test_accuracy"] = mean["accuracy"];
            sd["test_accuracy"] = sd["accuracy"];
        }
        out["mean"] = mean;
        out["sd"] = sd;
    }
    // Each part over the seeds: its figures' means, and their standard deviations over two seeds or more
    // (a race's variants: test_accuracy and test_accuracy_sd), with notes on differences within seed noise.
    if (const auto parts = summarise_parts(results); !parts.empty()) {
        const bool variants =
            std::any_of(parts.begin(), parts.end(), [](const PartSummary& p) { return !p.differs.empty(); });
        json list = json::array();
        for (const PartSummary& p : parts) {
            json j = {{"name", p.name}};
            if (variants) j["differs"] = p.differs;
            for (std::size_t f = 0; f < p.figures.size(); ++f) {
                j[p.figures[f]] = figure_json(p.mean(f));
                if (p.values[f].size() > 1) j[p.figures[f] + "_sd"] = figure_json(p.sd(f));
            }
            j["seeds"] = p.values.empty() ? 0 : p.values.front().size();
            list.push_back(std::move(j));
        }
        out[std::string(family.parts_name)] = list;
        const auto notes = noise_notes(parts);
        if (!notes.empty()) out["notes"] = notes;
    }
    out["diverged"] = diverged;
    out["changes"] = script;
    out["seeds"] = seeds;
    fmt::print(stream, "{}\n", out.dump(2));
    std::fflush(stream);
}

} // namespace phasor
