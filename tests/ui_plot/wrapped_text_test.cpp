// Word wrapping on a canvas: the lines fit the width, break only at spaces, keep every word in order, and
// stack down from the anchor.
#include "support/recording_canvas.hpp"
#include "ui/plot/wrapped_text.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace phasor::plot {
namespace {

using LineCanvas = phasor::testing::RecordingCanvas;

constexpr std::string_view kStatus = "target: 7 targets reached in 89 moves, closer on 82 % of the last 50";

TEST(WrappedText, TextThatFitsIsOneLineAsGiven) {
    LineCanvas canvas;
    const float width = canvas.text_width(kStatus, 10.f);
    EXPECT_EQ(wrapped_lines(canvas, kStatus, 10.f, width), 1);
    EXPECT_FLOAT_EQ(draw_wrapped(canvas, {3, 4}, kStatus, 10.f, 0, width, 11.f), 11.f);
    ASSERT_EQ(canvas.texts.size(), 1u);
    EXPECT_EQ(canvas.texts[0].text, kStatus);
    EXPECT_FLOAT_EQ(canvas.texts[0].at.x, 3.f);
    EXPECT_FLOAT_EQ(canvas.texts[0].at.y, 4.f);
}

TEST(WrappedText, ANarrowWidthBreaksAtSpacesKeepingEveryWordInOrder) {
    LineCanvas canvas;
    const float width = 100.f; // 20 characters at size 10
    const int counted = wrapped_lines(canvas, kStatus, 10.f, width);
    const float height = draw_wrapped(canvas, {0, 50}, kStatus, 10.f, 0, width, 12.f);
    ASSERT_GT(canvas.texts.size(), 3u);
    EXPECT_EQ(counted, static_cast<int>(canvas.texts.size()));
    EXPECT_FLOAT_EQ(height, 12.f * static_cast<float>(counted));
    std::string joined;
    for (std::size_t i = 0; i < canvas.texts.size(); ++i) {
        const auto& line = canvas.texts[i];
        EXPECT_LE(canvas.text_width(line.text, 10.f), width) << line.text;
        EXPECT_FALSE(line.text.empty());
        EXPECT_NE(line.text.front(), ' ');
        EXPECT_NE(line.text.back(), ' ');
        EXPECT_FLOAT_EQ(line.at.y, 50.f + 12.f * static_cast<float>(i));
        // Greedy: the next line's first word would not have fitted on this one.
        if (i + 1 < canvas.texts.size()) {
            const std::string& next = canvas.texts[i + 1].text;
            const std::string longer = line.text + " " + next.substr(0, next.find(' '));
            EXPECT_GT(canvas.text_width(longer, 10.f), width) << longer;
        }
        joined += (i ? " " : "") + line.text;
    }
    EXPECT_EQ(joined, kStatus);
}

TEST(WrappedText, AWordWiderThanTheWidthHasALineOfItsOwn) {
    LineCanvas canvas;
    draw_wrapped(canvas, {0, 0}, "a reward-modulated rule", 10.f, 0, 40.f, 10.f);
    ASSERT_EQ(canvas.texts.size(), 3u);
    EXPECT_EQ(canvas.texts[0].text, "a");
    EXPECT_EQ(canvas.texts[1].text, "reward-modulated");
    EXPECT_EQ(canvas.texts[2].text, "rule");
}

TEST(WrappedText, EmptyTextIsOneEmptyLine) {
    LineCanvas canvas;
    EXPECT_EQ(wrapped_lines(canvas, "", 10.f, 50.f), 1);
}

} // namespace
} // namespace phasor::plot
