// The session's change log as a file: every change with whether it was applied with the one before it, and a
// replay command whose `--at` entries parse back into the changes as they were applied (several as one).
#include "engine/runtime/change.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "ui/change_log.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace phasor::ui {
namespace {

std::vector<Change> session() {
    std::vector<Change> log{
        {120, 1, "train.lr", "0.05", false, false},
        {300, 1, "task.name", "\"spirals\"", true, false},
        {300, 1, "network.layers", "[2, 32, 16, 2]", true, true},
        {10, 2, "pause", "", false, false},
        {40, 2, "train.l2", "0.001", false, false},
        {40, 2, "train.l1", "0.002", false, true},
    };
    return log;
}

TEST(ChangeLog, ChangesAppliedAsOneReplayAsOneEntry) {
    const std::string command = replay_command({"lowhighmix", {}}, session(), 500);
    EXPECT_EQ(command, "phasor run --preset lowhighmix --ticks 500 --at 120:train.lr=0.05 --at "
                       "'300:task.name=\"spirals\";network.layers=[2, 32, 16, 2]' --at "
                       "'40:train.l2=0.001;train.l1=0.002'");
    // What the shell hands `phasor run`, parsed as it parses it.
    const std::vector<std::string> entries{"120:train.lr=0.05",
                                           "300:task.name=\"spirals\";network.layers=[2, 32, 16, 2]",
                                           "40:train.l2=0.001;train.l1=0.002"};
    const auto script = parse_script(entries, stepnet_family().params);
    ASSERT_EQ(script.size(), 3u);
    ASSERT_EQ(script[1].settings.size(), 2u);
    EXPECT_EQ(script[1].settings[1].key, "network.layers");
    EXPECT_EQ(script[1].settings[1].value, "[2, 32, 16, 2]");
    EXPECT_TRUE(script[1].rebuilds);
    EXPECT_EQ(script[2].settings.size(), 2u);
}

TEST(ChangeLog, TheJsonSaysWhichChangesWereAppliedTogether) {
    const auto json = nlohmann::json::parse(change_log_json({"lowhighmix", {}}, session(), 500));
    ASSERT_EQ(json["changes"].size(), 6u);
    EXPECT_FALSE(json["changes"][1]["joined"].get<bool>());
    EXPECT_TRUE(json["changes"][2]["joined"].get<bool>());
    EXPECT_EQ(json["changes"][2]["key"], "network.layers");
    EXPECT_EQ(json["replay"], replay_command({"lowhighmix", {}}, session(), 500));
}

} // namespace
} // namespace phasor::ui
