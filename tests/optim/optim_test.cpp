// Optimizer updates and learning-rate schedules.
#include "engine/core/error.hpp"
#include "engine/optim/optimizer.hpp"
#include "engine/optim/schedule.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

TEST(Sgd, PlainStepIsMinusLrTimesGradient) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.f});
    const int slot = opt->add_tensor(3);
    Vec w(3), g(3);
    w << 1.f, 2.f, 3.f;
    g << 0.5f, -1.f, 0.f;
    opt->update(slot, ParamMap(w.data(), 3), GradMap(g.data(), 3), 0.1f);
    EXPECT_FLOAT_EQ(w[0], 0.95f);
    EXPECT_FLOAT_EQ(w[1], 2.1f);
    EXPECT_FLOAT_EQ(w[2], 3.f);
}

TEST(Sgd, MomentumAccumulatesVelocityPerTensor) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.9f});
    const int a = opt->add_tensor(1), b = opt->add_tensor(1);
    Vec wa = Vec::Zero(1), wb = Vec::Zero(1), g = Vec::Ones(1);
    opt->update(a, ParamMap(wa.data(), 1), GradMap(g.data(), 1), 1.f); // v = 1
    opt->update(a, ParamMap(wa.data(), 1), GradMap(g.data(), 1), 1.f); // v = 1.9
    opt->update(b, ParamMap(wb.data(), 1), GradMap(g.data(), 1), 1.f); // b has its own velocity
    EXPECT_FLOAT_EQ(wa[0], -2.9f);
    EXPECT_FLOAT_EQ(wb[0], -1.f);
    opt->clear_state();
    opt->update(a, ParamMap(wa.data(), 1), GradMap(g.data(), 1), 1.f);
    EXPECT_FLOAT_EQ(wa[0], -3.9f);
}

TEST(Sgd, MinimisesAQuadratic) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.5f});
    const int slot = opt->add_tensor(2);
    Vec w(2);
    w << 3.f, -2.f;
    for (int i = 0; i < 200; ++i) {
        const Vec g = 2.f * w; // gradient of |w|²
        opt->update(slot, ParamMap(w.data(), 2), GradMap(g.data(), 2), 0.1f);
    }
    EXPECT_LT(w.norm(), 1e-4f);
}

TEST(Optimizer, UnknownNameAndBadMomentumRejected) {
    try {
        make_optimizer({.name = "adamw"});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("adamw"), std::string::npos);
    }
    EXPECT_THROW(make_optimizer({.name = "sgd", .momentum = 1.f}), InputError);
    EXPECT_THROW(make_optimizer({.name = "sgd", .momentum = -0.1f}), InputError);
}

TEST(Schedule, ExponentialDecaysToTheFloorAndStays) {
    // The document's schedule: 0.02 × 0.9995 per update, down to 0.001.
    LearningRateSchedule s(
        {.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.9995f, .floor = 0.001f});
    s.advance();
    EXPECT_FLOAT_EQ(s.lr(), 0.02f * 0.9995f);
    int updates = 1;
    while (s.lr() > 0.001f && updates < 100000) {
        s.advance();
        ++updates;
    }
    // ln(0.05)/ln(0.9995) ≈ 5990 updates.
    EXPECT_NEAR(updates, 5990, 5);
    for (int i = 0; i < 1000; ++i) s.advance();
    EXPECT_FLOAT_EQ(s.lr(), 0.001f);
}

TEST(Schedule, LiveRateIsWhereTheScheduleContinuesFrom) {
    LearningRateSchedule s({.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.5f, .floor = 0.0f});
    s.advance();
    s.set_lr(0.3f);
    s.advance();
    EXPECT_FLOAT_EQ(s.lr(), 0.15f);
}

TEST(Schedule, StepAndConstant) {
    LearningRateSchedule step(
        {.kind = ScheduleKind::Step, .lr = 1.f, .floor = 0.2f, .step_every = 3, .gamma = 0.5f});
    std::vector<float> seen;
    for (int i = 0; i < 10; ++i) {
        step.advance();
        seen.push_back(step.lr());
    }
    EXPECT_EQ(seen, (std::vector<float>{1.f, 1.f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f, 0.25f, 0.2f, 0.2f}));
    LearningRateSchedule constant({.kind = ScheduleKind::Constant, .lr = 0.07f});
    for (int i = 0; i < 100; ++i) constant.advance();
    EXPECT_FLOAT_EQ(constant.lr(), 0.07f);
    EXPECT_EQ(constant.updates(), 100u);
}

TEST(Schedule, ValidationNamesTheField) {
    auto message = [](ScheduleSpec spec) {
        try {
            validate(spec);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(message({.lr = -1.f}).find("lr"), std::string::npos);
    EXPECT_NE(message({.decay = 1.5f}).find("decay"), std::string::npos);
    EXPECT_NE(message({.step_every = 0}).find("step_every"), std::string::npos);
    EXPECT_NE(message({.gamma = 0.f}).find("gamma"), std::string::npos);
    EXPECT_EQ(message({}), "");
    EXPECT_EQ(parse_schedule("exponential"), ScheduleKind::Exponential);
    EXPECT_FALSE(parse_schedule("cosine"));
}

} // namespace
} // namespace phasor
