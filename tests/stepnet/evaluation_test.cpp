// What the stepped network is scored on, and says it is scored on: the test_loss and test_accuracy channels
// (the settled forward over the evaluation set, every sample or every k-th), and whether that set is held
// out.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

std::size_t channel(std::string_view name) {
    const auto& channels = stepnet_family().channels;
    for (std::size_t i = 0; i < channels.size(); ++i)
        if (channels[i].name == name) return i;
    ADD_FAILURE() << "no channel " << name;
    return 0;
}

// The definition: the mean training loss of the settled network over the evaluation set.
double expected_test_loss(StepNet& net) {
    double sum = 0.0;
    for (const Sample& s : net.task().eval_set()) {
        Vec out = net.settled_forward(s.x), grad, p;
        if (net.config().loss == Loss::MSE) {
            sum += mse(out, s.label, grad);
        } else {
            // The logits: the output layer's linear part, from the layer below's settled activation.
            Vec a = s.x, z, next;
            for (std::size_t l = 0; l + 1 < net.layers().size(); ++l) {
                net.layers()[l].forward(a, z, next);
                a = next;
            }
            net.layers().back().linear(a, z);
            sum += softmax_cross_entropy(z, s.label, p, grad);
        }
    }
    return sum / static_cast<double>(net.task().eval_set().size());
}

TEST(Evaluation, TestLossIsTheSettledLossOverTheEvaluationSet) {
    for (const char* loss : {"cross_entropy", "mse"}) {
        SCOPED_TRACE(loss);
        StepNet net(stepnet_config(testing::stepnet_params({{"network.loss", loss}})));
        testing::SeriesLog series;
        net.advance(1500, series);
        ASSERT_EQ(series.samples.size(), 15u);
        const SeriesSample& last = series.samples.back();
        EXPECT_NEAR(last.values[channel("test_loss")], expected_test_loss(net), 1e-5);
        EXPECT_EQ(last.values[channel("test_accuracy")], net.evaluate().accuracy);
        testing::Picture picture(net);
        picture.fill(net);
        EXPECT_EQ(picture.view().test_loss, last.values[channel("test_loss")]);
        EXPECT_EQ(picture.view().test_tick, 1500u);
    }
}

// Six patterns: evaluated at every sample. Two hundred held-out points with a sample every 100 ticks: every
// 20th sample (one settled forward per 10 ticks), the samples between carrying the last value.
TEST(Evaluation, SmallSetsEveryTimeLargeOnesEveryKthSample) {
    StepNet small(stepnet_config(testing::shipped("lowhighmix")));
    EXPECT_EQ(small.test_every(), 1u);
    StepNet large(stepnet_config(testing::shipped("spirals")));
    ASSERT_EQ(large.task().eval_set().size(), 200u);
    EXPECT_EQ(large.test_every(), 20u);
    testing::SeriesLog series;
    large.advance(6000, series);
    ASSERT_EQ(series.samples.size(), 60u);
    const std::size_t c = channel("test_loss");
    for (std::size_t i = 0; i < series.samples.size(); ++i) {
        if (i % 20 == 0) continue;
        EXPECT_EQ(series.samples[i].values[c], series.samples[i - 1].values[c]) << "sample " << i;
    }
    EXPECT_NE(series.samples[20].values[c], series.samples[19].values[c]);
    EXPECT_NE(series.samples[40].values[c], series.samples[39].values[c]);
    testing::Picture picture(large);
    picture.fill(large);
    EXPECT_EQ(picture.view().test_tick, 4100u); // the 41st sample's
}

TEST(Evaluation, TheViewSaysWhetherTheSetIsHeldOut) {
    struct Case {
        const char* preset;
        bool held_out;
        int size;
        const char* evaluation;
    };
    for (const Case& c : {Case{"lowhighmix", false, 6, "accuracy on the 6 training patterns"},
                          Case{"xor", false, 4, "accuracy on the 4 training patterns"},
                          Case{"parity4", false, 16, "accuracy on the 16 training patterns"},
                          Case{"lowhighmix_noisy", true, 60, "held-out accuracy"},
                          Case{"spirals", true, 200, "held-out accuracy"}}) {
        SCOPED_TRACE(c.preset);
        StepNet net(stepnet_config(testing::shipped(c.preset)));
        testing::Picture picture(net);
        net.tick();
        picture.fill(net);
        EXPECT_EQ(picture.view().held_out, c.held_out);
        EXPECT_EQ(picture.view().evaluation_size, c.size);
        EXPECT_EQ(picture.view().evaluation, c.evaluation);
    }
    StepNet fewer(stepnet_config(testing::shipped("spirals", {"task.test_points=30"})));
    testing::Picture picture(fewer);
    picture.fill(fewer);
    EXPECT_EQ(picture.view().evaluation_size, 30);
    EXPECT_EQ(picture.snapshot.eval.per_class_count, (std::vector<int>{15, 15}));
}

} // namespace
} // namespace phasor
