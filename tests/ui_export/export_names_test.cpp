// Export file names: dated in local time, sanitised, and never colliding with an existing file.
#include "temp_folder.hpp"
#include "ui/export/export_names.hpp"

#include <ctime>
#include <fstream>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using phasor::testing::TempFolder;

std::chrono::system_clock::time_point local_time(int year, int month, int day, int hour, int minute,
                                                 int second) {
    std::tm t{};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day;
    t.tm_hour = hour;
    t.tm_min = minute;
    t.tm_sec = second;
    t.tm_isdst = -1;
    return std::chrono::system_clock::from_time_t(std::mktime(&t));
}

TEST(ExportNames, DatedNameInLocalTime) {
    const auto when = local_time(2026, 11, 24, 10, 15, 0);
    EXPECT_EQ(export_path("/out", "metrics_loss", "svg", when),
              std::filesystem::path("/out/phasor-20261124-101500-metrics_loss.svg"));
    EXPECT_EQ(export_path("/out", "x", ".png", local_time(2027, 1, 2, 3, 4, 5)).filename(),
              "phasor-20270102-030405-x.png");
}

TEST(ExportNames, CollisionsGetANumber) {
    TempFolder folder;
    const auto when = local_time(2026, 11, 24, 10, 15, 0);
    const auto first = export_path(folder.path(), "plot", "csv", when);
    std::ofstream(first) << "1";
    const auto second = export_path(folder.path(), "plot", "csv", when);
    EXPECT_EQ(second.filename(), "phasor-20261124-101500-plot-2.csv");
    std::ofstream(second) << "2";
    EXPECT_EQ(export_path(folder.path(), "plot", "csv", when).filename(),
              "phasor-20261124-101500-plot-3.csv");
    // Another extension is another name.
    EXPECT_EQ(export_path(folder.path(), "plot", "png", when).filename(), "phasor-20261124-101500-plot.png");
}

TEST(ExportNames, StemIsSanitised) {
    EXPECT_EQ(sanitize_stem("metrics_loss-2"), "metrics_loss-2");
    EXPECT_EQ(sanitize_stem("a b/c.d"), "a_b_c_d");
    EXPECT_EQ(sanitize_stem("../../etc"), "______etc");
    EXPECT_EQ(sanitize_stem(""), "plot");
    EXPECT_EQ(sanitize_stem("Ünï"), "__n__"); // byte by byte: Ü and ï are two bytes each in UTF-8
    const auto path = export_path("/out", "x/../y z", "svg", local_time(2026, 1, 1, 0, 0, 0));
    EXPECT_EQ(path.parent_path(), std::filesystem::path("/out"));
    EXPECT_EQ(path.filename(), "phasor-20260101-000000-x____y_z.svg");
}

} // namespace
} // namespace phasor::ui
