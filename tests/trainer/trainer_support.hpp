// Shared by the trainer tests: a fixture that starts every test with an empty fake log, and readers for the
// trainer's message and change rings.
#pragma once
#include "engine/trainer/trainer.hpp"
#include "support/eventually.hpp"
#include "support/fake_family.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace phasor::testing {

class TrainerTest : public ::testing::Test {
  protected:
    void SetUp() override { fake_log().reset(); }
};

inline std::vector<std::string> drain_messages(Trainer& trainer) {
    std::vector<std::string> texts;
    EngineMessage message;
    while (trainer.poll_message(message)) texts.push_back(message.text);
    return texts;
}

inline std::vector<Change> drain_changes(Trainer& trainer) {
    std::vector<Change> changes;
    Change change;
    while (trainer.poll_change(change)) changes.push_back(change);
    return changes;
}

inline TrainerOptions paused() {
    return {.start_paused = true, .ticks_per_second = 0, .script = {}, .pause_at = {}};
}

} // namespace phasor::testing
