// The rule lab's model (rules_model.hpp): the race, tick by tick.
#include "engine/rules/rules_model.hpp"

#include "engine/batch/batch_source.hpp"
#include "engine/core/error.hpp"
#include "engine/data/epoch_order.hpp"
#include "engine/rules/rules_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <numbers>
#include <numeric>

namespace phasor {

namespace {

constexpr std::size_t kHistory = 512; // points a history keeps before it thins to every other one

using Clock = std::chrono::steady_clock;
using RowCounts = Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>;

// The angle between an update and the descent direction (minus the gradient), in degrees; NaN when either
// is zero (the learner did not change that layer this time).
float update_angle(double dot, double update_norm2, double gradient_norm2) {
    if (update_norm2 <= 0 || gradient_norm2 <= 0) return NAN;
    const double c = std::clamp(-dot / std::sqrt(update_norm2 * gradient_norm2), -1.0, 1.0);
    return static_cast<float>(std::acos(c) * 180.0 / std::numbers::pi);
}

} // namespace

// The batches every learner sees: one epoch order over the shared training set.
struct RulesModel::Stream {
    Stream(const DataSplit& data, const RulesConfig& c)
        : order(data.train.size(), c.seed), X(data.train.features, c.batch),
          labels(static_cast<std::size_t>(c.batch)), eval_ids(data.test.size()),
          predicted(static_cast<std::size_t>(c.batch)), P(data.train.classes, c.batch),
          dZ(data.train.classes, c.batch) {
        for (std::size_t i = 0; i < eval_ids.size(); ++i) eval_ids[i] = static_cast<std::uint32_t>(i);
        if (c.easy_first) order.begin_with(easiest_first(data.train));
    }
    EpochOrder order;
    Mat X;
    std::vector<std::int32_t> labels;
    int batch = 0; // samples in the current batch
    std::vector<std::uint32_t> eval_ids;
    std::vector<std::int32_t> predicted;
    Mat P, dZ;
};

struct RulesModel::Variant {
    VariantConfig config;
    std::unique_ptr<RuleNet> net;
    std::unique_ptr<LearningRule> rule;
    std::vector<LayerCounts> counts;
    std::int64_t samples = 0;
    double seconds = 0;
    // Since the last point of the history.
    double interval_loss = 0;
    std::int64_t interval_correct = 0, interval_samples = 0, interval_batches = 0;
    std::vector<std::int64_t> updates_at_point;
    float loss = NAN, train_accuracy = NAN, test_accuracy = NAN;
    bool interval_closed = false; // whether an evaluation has measured loss and train_accuracy yet
    std::vector<float> lens;
    VariantHistory history;
    // The lens's scratch, sized once.
    std::vector<Mat> before_W, grad_W, saved_W;
    std::vector<Vec> before_b, grad_b, saved_b;
    std::vector<RowCounts> rows_at_tick;
    std::int64_t steps_at_tick = 0;

    std::int64_t weight_updates() const {
        std::int64_t n = 0;
        for (const std::int64_t u : net->updates()) n += u;
        return n;
    }
    std::int64_t notifications() const {
        std::int64_t n = 0;
        for (const LayerCounts& c : counts) n += c.notifications;
        return n;
    }
};

RulesModel::RulesModel(RulesConfig config) : config_(std::move(config)) {
    data_ = rules_data(config_);
    held_out_ = rules_test_held_out(config_);
    if (data_->train.size() == 0) throw InputError("data.train_samples: the training set is empty");
    stream_ = std::make_unique<Stream>(*data_, config_);
    std::vector<int> sizes{data_->train.features};
    sizes.insert(sizes.end(), config_.hidden.begin(), config_.hidden.end());
    sizes.push_back(data_->train.classes);
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        layer_names_.push_back(fmt::format("{}→{}", sizes[l], sizes[l + 1]));
        // A neuron's bias is a connection from a constant 1, as the rules count it.
        layer_connections_.push_back(static_cast<std::int64_t>(sizes[l] + 1) * sizes[l + 1]);
    }
    const std::size_t layers = layer_names_.size();
    for (const VariantConfig& vc : config_.variants) {
        auto v = std::make_unique<Variant>();
        v->config = vc;
        v->config.net.sizes = sizes;
        v->config.net.max_batch = config_.batch;
        v->config.net.hidden = config_.activation;
        // Every learner from one state: equal generators give equal weights and equal rule streams.
        Rng init(config_.seed);
        v->net = std::make_unique<RuleNet>(v->config.net, init);
        v->rule = make_rule(vc.rule, *v->net, vc.settings, Rng(config_.seed ^ 0x5EEDF00Dull));
        v->counts.assign(layers, {});
        v->updates_at_point.assign(layers, 0);
        v->lens.assign(layers, NAN);
        v->history.fired_fraction.assign(layers, {});
        v->history.lens_degrees.assign(layers, {});
        for (std::size_t l = 0; l < layers; ++l) {
            const BatchLayer& layer = v->net->mlp().layers()[l];
            v->before_W.emplace_back(layer.out(), layer.in());
            v->grad_W.emplace_back(layer.out(), layer.in());
            v->before_b.emplace_back(layer.out());
            v->grad_b.emplace_back(layer.out());
            v->rows_at_tick.push_back(RowCounts::Zero(layer.out()));
            v->history.fired_fraction[l].reserve(kHistory);
            v->history.lens_degrees[l].reserve(kHistory);
        }
        for (auto* series : {&v->history.samples, &v->history.loss, &v->history.train_accuracy,
                             &v->history.test_accuracy, &v->history.weight_updates})
            series->reserve(kHistory);
        variants_.push_back(std::move(v));
    }
    // The raster follows the first threshold-fired learner (its updates are the sparse ones), else the first.
    for (std::size_t i = 0; i < variants_.size(); ++i)
        if (variants_[i]->config.rule == "threshold") {
            raster_.variant = static_cast<int>(i);
            break;
        }
    for (std::size_t l = 0; l < layers; ++l) {
        raster_.layer_first_row.push_back(raster_.rows);
        raster_.rows += sizes[l + 1];
    }
    raster_.cells.assign(static_cast<std::size_t>(raster_.rows) * UpdateRasterView::kColumns, 0.f);
    checkpoint();
    measure_point();
}

RulesModel::~RulesModel() = default;

RuleNet& RulesModel::net(std::size_t variant) {
    return *variants_[variant]->net;
}
const VariantConfig& RulesModel::variant_config(std::size_t variant) const {
    return variants_[variant]->config;
}
const std::vector<LayerCounts>& RulesModel::counts(std::size_t variant) const {
    return variants_[variant]->counts;
}

float RulesModel::test_accuracy(std::size_t variant, std::size_t samples) {
    const Dataset& test = data_->test;
    const std::size_t n = samples == 0 ? test.size() : std::min(samples, test.size());
    if (n == 0) return NAN;
    Variant& v = *variants_[variant];
    Stream& s = *stream_;
    std::size_t correct = 0;
    for (std::size_t at = 0; at < n; at += static_cast<std::size_t>(config_.batch)) {
        const std::size_t count = std::min(n - at, static_cast<std::size_t>(config_.batch));
        const auto ids = std::span<const std::uint32_t>(s.eval_ids).subspan(at, count);
        // The test set's own rows go through the training matrix's first columns.
        gather(test, ids, s.X, s.labels);
        const auto B = static_cast<Eigen::Index>(count);
        v.rule->predict(*v.net, s.X.leftCols(B), std::span(s.predicted).first(count));
        for (std::size_t i = 0; i < count; ++i) correct += s.predicted[i] == s.labels[i];
    }
    return static_cast<float>(correct) / static_cast<float>(n);
}

void RulesModel::train_tick() {
    Stream& s = *stream_;
    const auto ids = s.order.next(static_cast<std::size_t>(config_.batch));
    s.batch = static_cast<int>(ids.size());
    const auto B = static_cast<Eigen::Index>(s.batch);
    const bool lens = config_.lens_every > 0 && ticks_ % static_cast<std::uint64_t>(config_.lens_every) == 0;
    for (std::size_t i = 0; i < variants_.size(); ++i) {
        Variant& v = *variants_[i];
        // Gathered again for each learner: a rule may write into its input (forward-forward embeds the
        // label).
        gather(data_->train, ids, s.X, s.labels);
        const auto X = s.X.leftCols(B);
        const auto labels = std::span<const std::int32_t>(s.labels).first(ids.size());
        const std::size_t layers = v.net->layers();
        if (lens) {
            for (std::size_t l = 0; l < layers; ++l) {
                v.before_W[l] = v.net->master_weight(l);
                v.before_b[l] = v.net->master_bias(l);
            }
            backprop_gradient(*v.net, X, labels, v.grad_W, v.grad_b, s.P, s.dZ);
        }
        int correct = 0;
        const auto start = Clock::now();
        const float loss = v.rule->train(*v.net, X, labels, v.counts, &correct);
        v.seconds += std::chrono::duration<double>(Clock::now() - start).count();
        if (!std::isfinite(loss) || !v.net->finite()) {
            fault_ =
                Fault{v.config.name, std::isfinite(loss) ? "a weight is not finite" : "loss is not finite"};
            return;
        }
        v.samples += s.batch;
        v.interval_loss += loss;
        v.interval_correct += correct;
        v.interval_samples += s.batch;
        ++v.interval_batches;
        if (lens)
            for (std::size_t l = 0; l < layers; ++l) {
                const Mat& W = v.net->master_weight(l);
                const Vec& b = v.net->master_bias(l);
                const double dot = (W - v.before_W[l]).cwiseProduct(v.grad_W[l]).sum() +
                                   (b - v.before_b[l]).cwiseProduct(v.grad_b[l]).sum();
                const double du = (W - v.before_W[l]).squaredNorm() + (b - v.before_b[l]).squaredNorm();
                const double dg = v.grad_W[l].squaredNorm() + v.grad_b[l].squaredNorm();
                v.lens[l] = update_angle(dot, du, dg);
            }
    }
    ++ticks_;
    record_raster();
}

void RulesModel::record_raster() {
    Variant& v = *variants_[static_cast<std::size_t>(raster_.variant)];
    const std::int64_t steps = v.net->steps_applied() - v.steps_at_tick;
    v.steps_at_tick = v.net->steps_applied();
    const std::size_t column = ticks_ % UpdateRasterView::kColumns;
    for (std::size_t l = 0; l < v.net->layers(); ++l) {
        const RowCounts& now = v.net->row_updates(l);
        const float per =
            1.f / static_cast<float>((v.net->mlp().layers()[l].in() + 1) * std::max<std::int64_t>(steps, 1));
        for (Eigen::Index j = 0; j < now.size(); ++j) {
            const auto row = static_cast<std::size_t>(raster_.layer_first_row[l] + j);
            raster_.cells[row * UpdateRasterView::kColumns + column] =
                static_cast<float>(now(j) - v.rows_at_tick[l](j)) * per;
        }
        v.rows_at_tick[l] = now;
    }
    raster_.newest = ticks_;
}

// One evaluation: every learner scored on the test samples, the interval's figures closed, and a point
// added to the histories (every `history_stride_`-th evaluation once they have thinned).
void RulesModel::measure_point() {
    const bool keep = evaluations_ % static_cast<std::uint64_t>(history_stride_) == 0;
    ++evaluations_;
    for (std::size_t i = 0; i < variants_.size(); ++i) {
        Variant& v = *variants_[i];
        v.test_accuracy = test_accuracy(i, static_cast<std::size_t>(config_.eval_samples));
        if (v.interval_batches > 0) {
            v.interval_closed = true;
            v.loss = static_cast<float>(v.interval_loss / static_cast<double>(v.interval_batches));
            v.train_accuracy = static_cast<float>(v.interval_correct) /
                               static_cast<float>(std::max<std::int64_t>(v.interval_samples, 1));
        }
        if (keep) {
            VariantHistory& h = v.history;
            if (h.samples.size() == kHistory) {
                // Thin every series to every other point, in place, so it keeps its capacity.
                auto thin = [](std::vector<float>& x) {
                    for (std::size_t k = 0; 2 * k < x.size(); ++k) x[k] = x[2 * k];
                    x.resize((x.size() + 1) / 2);
                };
                for (auto* series :
                     {&h.samples, &h.loss, &h.train_accuracy, &h.test_accuracy, &h.weight_updates})
                    thin(*series);
                for (auto& series : h.fired_fraction) thin(series);
                for (auto& series : h.lens_degrees) thin(series);
                if (i + 1 == variants_.size()) history_stride_ *= 2;
            }
            h.samples.push_back(static_cast<float>(v.samples));
            h.loss.push_back(v.loss);
            h.train_accuracy.push_back(v.train_accuracy);
            h.test_accuracy.push_back(v.test_accuracy);
            h.weight_updates.push_back(static_cast<float>(v.weight_updates()));
            for (std::size_t l = 0; l < v.net->layers(); ++l) {
                const std::int64_t changed = v.net->updates()[l] - v.updates_at_point[l];
                const double possible = static_cast<double>(layer_connections_[l]) *
                                        static_cast<double>(std::max<std::int64_t>(v.interval_samples, 1));
                h.fired_fraction[l].push_back(v.interval_samples > 0 ? static_cast<float>(changed / possible)
                                                                     : NAN);
                h.lens_degrees[l].push_back(v.lens[l]);
                v.updates_at_point[l] = v.net->updates()[l];
            }
        }
        v.interval_loss = 0;
        v.interval_correct = v.interval_samples = v.interval_batches = 0;
    }
}

std::uint64_t RulesModel::advance(std::uint64_t max_ticks, SeriesWriter& series) {
    std::uint64_t ran = 0;
    while (ran < max_ticks && !fault_) {
        train_tick();
        if (fault_) break;
        ++ran;
        if (ticks_ % static_cast<std::uint64_t>(config_.eval_every) == 0) {
            measure_point();
            const Variant& v = *variants_.front();
            SeriesSample sample;
            sample.tick = ticks_;
            sample.values[0] = v.loss;
            sample.values[1] = v.test_accuracy;
            sample.values[2] = static_cast<float>(v.weight_updates());
            sample.values[3] =
                v.history.fired_fraction.empty() || v.samples == 0
                    ? NAN
                    : static_cast<float>(static_cast<double>(v.weight_updates()) /
                                         (static_cast<double>(v.samples) *
                                          static_cast<double>(v.net->mlp().parameter_count())));
            series.write(sample);
        }
    }
    return ran;
}

std::optional<std::string> RulesModel::set(const ParamSpec& row, const ParamValue& value) {
    const std::string_view key = row.key;
    if (key == "eval.every")
        config_.eval_every = static_cast<int>(std::get<std::int64_t>(value));
    else if (key == "eval.samples")
        config_.eval_samples = static_cast<int>(std::get<std::int64_t>(value));
    else if (key == "lens.every")
        config_.lens_every = static_cast<int>(std::get<std::int64_t>(value));
    else {
        // A setting of the base reaches every learner that does not set it itself; all or none.
        std::vector<VariantConfig> next;
        for (const auto& v : variants_) {
            VariantConfig c = v->config;
            try {
                if (std::find(c.overridden.begin(), c.overridden.end(), key) == c.overridden.end() &&
                    !apply_live(c, key, value))
                    return fmt::format("{} is not a live setting of the rule lab", key);
                check_layers(c, config_.hidden.size() + 1);
                validate(c.net.optimizer);
            } catch (const InputError& e) {
                return std::string(e.what());
            }
            next.push_back(std::move(c));
        }
        for (std::size_t i = 0; i < variants_.size(); ++i) {
            Variant& v = *variants_[i];
            v.config = std::move(next[i]);
            v.net->set_lr(v.config.net.lr, v.config.net.layer_lr_decay);
            v.net->set_optimizer(v.config.net.optimizer);
            v.rule->set(v.config.settings);
        }
    }
    return std::nullopt;
}

std::unique_ptr<Payload> RulesModel::make_payload() const {
    return std::make_unique<RulesView>();
}

void RulesModel::fill(Snapshot& snapshot) {
    // The whole test set for the header and the report: on the first snapshot (a headless run's only one)
    // and whenever the run stands still; while it runs, the latest evaluation's sample stands.
    const bool full = full_eval_tick_ != ticks_ && ticks_ > 0 &&
                      (last_fill_tick_ == UINT64_MAX || last_fill_tick_ == ticks_);
    last_fill_tick_ = ticks_;
    if (full) {
        for (std::size_t i = 0; i < variants_.size(); ++i) {
            Variant& v = *variants_[i];
            v.test_accuracy = test_accuracy(i);
            // A run that stops before its first evaluation still has a loss: that of its batches so far.
            if (!v.interval_closed && v.interval_batches > 0) {
                v.loss = static_cast<float>(v.interval_loss / static_cast<double>(v.interval_batches));
                v.train_accuracy = static_cast<float>(v.interval_correct) /
                                   static_cast<float>(std::max<std::int64_t>(v.interval_samples, 1));
            }
        }
        full_eval_tick_ = ticks_;
    }
    const Variant& base = *variants_.front();
    const double epochs = static_cast<double>(base.samples) / static_cast<double>(data_->train.size());
    const double connections_per_sample = static_cast<double>(base.net->mlp().parameter_count());
    auto fired = [&](const Variant& v) {
        return v.samples == 0 ? 0.0
                              : static_cast<double>(v.weight_updates()) /
                                    (connections_per_sample * static_cast<double>(v.samples));
    };
    snapshot.headline = {base.test_accuracy,
                         base.loss,
                         static_cast<float>(epochs),
                         static_cast<float>(base.weight_updates()),
                         static_cast<float>(base.notifications()),
                         static_cast<float>(fired(base))};
    snapshot.class_names = data_->class_names;
    snapshot.eval.name = !held_out_ ? fmt::format("accuracy on the {} training patterns", data_->test.size())
                         : full_eval_tick_ == ticks_ ? "test accuracy"
                                                     : "test accuracy (sample)";
    snapshot.eval.held_out = held_out_;
    snapshot.eval.accuracy = base.test_accuracy;
    snapshot.parts.resize(variants_.size());
    for (std::size_t i = 0; i < variants_.size(); ++i) {
        const Variant& v = *variants_[i];
        PartFigures& part = snapshot.parts[i];
        part.name = v.config.name;
        part.differs = v.config.differs;
        const std::pair<const char*, double> figures[] = {
            {"test_accuracy", v.test_accuracy},
            {"train_accuracy", v.train_accuracy},
            {"loss", v.loss},
            {"weight_updates", static_cast<double>(v.weight_updates())},
            {"notifications", static_cast<double>(v.notifications())},
            {"fired_fraction", fired(v)},
            {"samples", static_cast<double>(v.samples)},
            {"samples_per_second", v.seconds > 0 ? static_cast<double>(v.samples) / v.seconds : NAN},
            {"memory_bytes", static_cast<double>(v.net->memory_bytes() + v.rule->state_bytes())}};
        part.figures.resize(std::size(figures));
        for (std::size_t f = 0; f < std::size(figures); ++f) {
            part.figures[f].first = figures[f].first;
            part.figures[f].second = figures[f].second;
        }
    }
    auto* view = snapshot.payload_as<RulesView>();
    if (!view) return;
    view->layer_names = layer_names_;
    view->layer_connections = layer_connections_;
    view->samples = static_cast<std::uint64_t>(base.samples);
    view->epoch = stream_->order.epoch();
    view->data_source = data_->source;
    view->raster = raster_;
    view->variants.resize(variants_.size());
    for (std::size_t i = 0; i < variants_.size(); ++i) {
        const Variant& v = *variants_[i];
        VariantView& out = view->variants[i];
        out.name = v.config.name;
        out.differs = v.config.differs;
        out.rule = v.config.rule;
        out.optimizer = v.config.net.optimizer.name;
        out.loss = v.loss;
        out.train_accuracy = v.train_accuracy;
        out.test_accuracy = v.test_accuracy;
        out.samples_per_second = v.seconds > 0 ? static_cast<double>(v.samples) / v.seconds : 0.0;
        out.weight_updates = v.weight_updates();
        out.notifications = v.notifications();
        out.fired_fraction = fired(v);
        out.memory_bytes = v.net->memory_bytes() + v.rule->state_bytes();
        out.layer_updates.assign(v.net->updates().begin(), v.net->updates().end());
        out.layer_notifications.resize(v.counts.size());
        for (std::size_t l = 0; l < v.counts.size(); ++l)
            out.layer_notifications[l] = v.counts[l].notifications;
        out.lens_degrees = v.lens;
        out.history = v.history;
    }
}

bool RulesModel::state_finite() const {
    return std::all_of(variants_.begin(), variants_.end(), [](const auto& v) { return v->net->finite(); });
}

void RulesModel::checkpoint() {
    for (auto& v : variants_) {
        v->saved_W.resize(v->net->layers());
        v->saved_b.resize(v->net->layers());
        for (std::size_t l = 0; l < v->net->layers(); ++l) {
            v->saved_W[l] = v->net->master_weight(l);
            v->saved_b[l] = v->net->master_bias(l);
        }
    }
    checkpoint_tick_ = ticks_;
}

void RulesModel::restore() {
    for (auto& v : variants_) {
        v->net->restore(v->saved_W, v->saved_b);
        v->rule->clear_state();
    }
    fault_.reset();
}

} // namespace phasor
