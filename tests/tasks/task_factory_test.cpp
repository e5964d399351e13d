// Tests for make_task: every known name builds a consistent task, and bad names or parameters give clear
// errors.
#include "engine/core/error.hpp"
#include "engine/tasks/task.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <string>

namespace phasor {
namespace {

TaskSpec spec(const std::string& name, float noise = 0.f, int points = 200) {
    TaskSpec s;
    s.name = name;
    s.noise = noise;
    s.points = points;
    return s;
}

std::string error_message(const TaskSpec& s) {
    try {
        make_task(s, 1);
    } catch (const InputError& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected InputError for task '" << s.name << "'";
    return {};
}

bool is_plane_task(const std::string& name) {
    return name == "circles" || name == "xor_quadrants" || name == "gaussians" || name == "spirals";
}

TEST(TaskNames, ListsEveryTask) {
    std::vector<std::string> names(task_names().begin(), task_names().end());
    EXPECT_EQ(names, (std::vector<std::string>{"lowhighmix", "lowhighmix_noisy", "xor", "parity4", "circles",
                                               "xor_quadrants", "gaussians", "spirals"}));
}

TEST(MakeTask, DefaultSpecIsLowHighMix) {
    auto task = make_task(TaskSpec{}, 1);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"Low", "High", "Mix"}));
}

TEST(MakeTask, EveryKnownTaskIsConsistent) {
    for (const char* name : task_names()) {
        SCOPED_TRACE(name);
        auto task = make_task(spec(name), 1);
        ASSERT_GT(task->input_dim(), 0);
        ASSERT_GE(task->num_classes(), 2);
        EXPECT_EQ(task->class_names().size(), static_cast<std::size_t>(task->num_classes()));
        ASSERT_FALSE(task->eval_set().empty());
        for (const auto* set : {&task->train_set(), &task->eval_set()}) {
            for (const Sample& s : *set) {
                ASSERT_EQ(s.x.size(), task->input_dim());
                EXPECT_TRUE(s.x.allFinite());
                EXPECT_GE(s.label, 0);
                EXPECT_LT(s.label, task->num_classes());
            }
        }
        // Every class must occur in the held-out set, or accuracy per class would be undefined.
        std::vector<int> per_class(static_cast<std::size_t>(task->num_classes()), 0);
        for (const Sample& s : task->eval_set()) ++per_class[static_cast<std::size_t>(s.label)];
        for (int c : per_class) EXPECT_GT(c, 0);

        Rng rng(2);
        Vec x = Vec::Constant(task->input_dim(), std::numeric_limits<float>::quiet_NaN());
        for (int i = 0; i < 100; ++i) {
            const int label = task->draw(rng, x);
            EXPECT_GE(label, 0);
            EXPECT_LT(label, task->num_classes());
            EXPECT_TRUE(x.allFinite());
        }
    }
}

// Only the pattern tasks score on what they train on; every other task has a set held out.
TEST(MakeTask, SaysWhetherItsEvaluationIsHeldOut) {
    for (const char* name : task_names()) {
        const std::string_view n = name;
        const bool patterns = n == "lowhighmix" || n == "xor" || n == "parity4";
        EXPECT_EQ(make_task({.name = name}, 1)->eval_held_out(), !patterns) << name;
    }
}

TEST(MakeTask, UnknownNameListsKnownNames) {
    const std::string message = error_message(spec("xorr"));
    EXPECT_NE(message.find("xorr"), std::string::npos) << message;
    for (const char* name : task_names()) EXPECT_NE(message.find(name), std::string::npos) << message;
}

TEST(MakeTask, NamesAreExact) {
    EXPECT_THROW(make_task(spec("XOR"), 1), InputError);
    EXPECT_THROW(make_task(spec(""), 1), InputError);
    EXPECT_THROW(make_task(spec("xor "), 1), InputError);
}

TEST(MakeTask, RejectsNegativeOrNonFiniteNoiseForEveryTask) {
    for (const char* name : task_names()) {
        SCOPED_TRACE(name);
        EXPECT_NE(error_message(spec(name, -0.1f)).find("noise"), std::string::npos);
        EXPECT_THROW(make_task(spec(name, std::numeric_limits<float>::quiet_NaN()), 1), InputError);
        EXPECT_THROW(make_task(spec(name, std::numeric_limits<float>::infinity()), 1), InputError);
    }
}

TEST(MakeTask, CleanLowHighMixRejectsNoiseAndPointsToNoisyVariant) {
    const std::string message = error_message(spec("lowhighmix", 0.1f));
    EXPECT_NE(message.find("lowhighmix_noisy"), std::string::npos) << message;
    EXPECT_NO_THROW(make_task(spec("lowhighmix_noisy", 0.1f), 1));
}

TEST(MakeTask, PlaneTasksRejectTooFewPoints) {
    for (const char* name : task_names()) {
        SCOPED_TRACE(name);
        if (is_plane_task(name)) {
            EXPECT_NE(error_message(spec(name, 0.f, 3)).find("points"), std::string::npos);
            EXPECT_THROW(make_task(spec(name, 0.f, -10), 1), InputError);
            EXPECT_THROW(make_task(spec(name, 0.f, 2'000'000'000), 1), InputError);
            EXPECT_NO_THROW(make_task(spec(name, 0.f, 4), 1));
        } else {
            EXPECT_NO_THROW(make_task(spec(name, 0.f, 0), 1)) << "tasks without generated sets ignore points";
        }
    }
}

} // namespace
} // namespace phasor
