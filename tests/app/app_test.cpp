// The real app on a virtual X display (Xvfb) with Mesa's software renderer: start the binary on a preset, run
// frames, export a screenshot and every plot, and look at the files: PNGs decode and show the panels, SVGs
// parse and carry their labels, CSVs have their rows; settings kept across sessions and a bad key costing
// only itself. The ways it can be given bad input are the catalogue in bad_input_test.cpp.
#include "data/idx_writer.hpp"
#include "support/process.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tinyxml2.h>

#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace {

namespace fs = std::filesystem;

using phasor::testing::contains;
using phasor::testing::read_file;
using phasor::testing::Result;

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;
    std::size_t distinct_colours(int x0, int y0, int x1, int y1) const {
        std::set<std::uint32_t> seen;
        for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(width, x1); ++x) {
                const unsigned char* p = &rgba[static_cast<std::size_t>((y * width + x) * 4)];
                seen.insert(static_cast<std::uint32_t>(p[0] | p[1] << 8 | p[2] << 16));
            }
        return seen.size();
    }
};

Image decode_png(const fs::path& file) {
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(file.c_str(), &image.width, &image.height, &channels, 4);
    if (!data) return image;
    image.rgba.assign(data, data + static_cast<std::size_t>(image.width * image.height * 4));
    stbi_image_free(data);
    return image;
}

class App : public ::testing::Test {
  protected:
    App() : dir_(phasor::testing::scratch_folder("phasor-app-")) { fs::create_directories(dir_ / "config"); }
    ~App() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }

    // Runs `phasor ARGS` under a virtual X display with Mesa's software renderer, with its own config folder
    // (and, in the AddressSanitizer build, Mesa's driver preloaded: see tests/CMakeLists.txt).
    Result phasor(const std::string& args, const std::string& env = "",
                  const std::string& screen = "1600x1000") {
        const std::string preload = *PHASOR_APP_PRELOAD ? "LD_PRELOAD='" PHASOR_APP_PRELOAD "' " : "";
        return phasor::testing::run_in(
            dir_, phasor::testing::on_virtual_display(screen, "env -u PHASOR_PRESET_DIR XDG_CONFIG_HOME='" +
                                                                  (dir_ / "config").string() +
                                                                  "' LIBGL_ALWAYS_SOFTWARE=1 " + preload +
                                                                  env + " '" + PHASOR_BINARY + "' " + args));
    }

    // The one bundle folder (phasor-YYYYMMDD-HHMMSS) an export wrote into `parent`.
    fs::path bundle(const fs::path& parent) const {
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(parent))
            if (entry.is_directory()) folders.push_back(entry.path());
        EXPECT_EQ(folders.size(), 1u) << "one bundle in " << parent;
        return folders.empty() ? parent : folders.front();
    }

    fs::path dir_;
};

TEST_F(App, ScreenshotShowsEveryPanelAndEveryPlotExports) {
    const Result r =
        phasor("app --preset xor --set speed=0 --frames 60 --screenshot shot.png --export-plots plots");
    ASSERT_EQ(r.status, 0) << r.err;

    const Image shot = decode_png(dir_ / "shot.png");
    ASSERT_GT(shot.width, 0) << "shot.png does not decode";
    const fs::path plots = bundle(dir_ / "plots");
    EXPECT_EQ(shot.width, 1600);
    EXPECT_EQ(shot.height, 1000);
    // The default layout: controls on the left, then three columns in two rows. Each region must be drawn on
    // (text, plots, heatmaps), not a flat background.
    const int left = static_cast<int>(0.22 * shot.width), mid = static_cast<int>(0.52 * shot.width),
              right = static_cast<int>(0.78 * shot.width), half = shot.height / 2;
    const int regions[][4] = {{0, 40, left, shot.height - 40},
                              {left, 40, mid, half},
                              {mid, 40, right, half},
                              {right, 40, shot.width, half},
                              {left, half, mid, shot.height - 40},
                              {mid, half, right, shot.height - 40},
                              {right, half, shot.width, shot.height - 40}};
    for (const auto& g : regions)
        EXPECT_GE(shot.distinct_colours(g[0], g[1], g[2], g[3]), 12u)
            << "region " << g[0] << "," << g[1] << " to " << g[2] << "," << g[3] << " looks blank";

    std::set<std::string> stems;
    for (const auto& entry : fs::directory_iterator(plots)) {
        const fs::path& file = entry.path();
        const std::string ext = file.extension().string();
        EXPECT_EQ(file.filename().string().find(".part"), std::string::npos) << "left a temporary: " << file;
        if (ext == ".png") {
            const Image image = decode_png(file);
            ASSERT_GT(image.width, 0) << file << " does not decode";
            EXPECT_GE(image.distinct_colours(0, 0, image.width, image.height), 8u) << file << " looks blank";
            stems.insert(file.stem().string());
        } else if (ext == ".svg") {
            tinyxml2::XMLDocument doc;
            ASSERT_EQ(doc.LoadFile(file.c_str()), tinyxml2::XML_SUCCESS) << file << ": " << doc.ErrorStr();
            ASSERT_NE(doc.RootElement(), nullptr);
            EXPECT_STREQ(doc.RootElement()->Name(), "svg");
            EXPECT_NE(read_file(file).find("<text"), std::string::npos) << file << " has no text";
        } else if (ext == ".csv") {
            const std::string csv = read_file(file);
            EXPECT_GE(std::count(csv.begin(), csv.end(), '\n'), 2) << file << " has no rows";
        } else if (file.filename() == "preset.toml" || file.filename() == "changes.json") {
            EXPECT_FALSE(read_file(file).empty()) << file;
        } else {
            ADD_FAILURE() << "unexpected file " << file;
        }
    }
    EXPECT_GE(stems.size(), 8u) << "expected a PNG for every plot of every panel";

    // The metrics plots carry their labels into the SVG and their rows into the CSV.
    bool found_loss = false;
    for (const auto& entry : fs::directory_iterator(plots)) {
        const std::string name = entry.path().filename().string();
        if (name.find("metrics_loss") == std::string::npos) continue;
        if (entry.path().extension() == ".svg") {
            EXPECT_TRUE(contains(read_file(entry.path()), "loss"));
            EXPECT_TRUE(contains(read_file(entry.path()), "tick"));
            found_loss = true;
        }
        if (entry.path().extension() == ".csv") {
            // Every series sample the UI received, in tick order, every 100 ticks (the preset's
            // series_every).
            std::istringstream csv(read_file(entry.path()));
            std::string line;
            std::getline(csv, line);
            EXPECT_EQ(line, "series,x,y");
            // The test loss is drawn beside the training loss, so its rows follow in the same
            // file under their own series name.
            std::map<std::string, long> rows;
            std::map<std::string, double> last_tick;
            // The set bits, then (after a header of their own) the followed neurons' spikes.
            while (std::getline(csv, line) && !line.empty() && line.rfind("neuron,", 0) != 0) {
                const std::size_t comma = line.find(',');
                ASSERT_NE(comma, std::string::npos) << line;
                const std::string series = line.substr(0, comma);
                double tick = 0, loss = 0;
                ASSERT_EQ(std::sscanf(line.c_str() + comma, ",%lf,%lf", &tick, &loss), 2) << line;
                EXPECT_GT(tick, last_tick[series]) << line;
                EXPECT_EQ(std::fmod(tick, 100.0), 0.0) << line;
                EXPECT_GE(loss, 0.0);
                last_tick[series] = tick;
                ++rows[series];
            }
            EXPECT_GT(rows["loss"], 10);
            EXPECT_GT(rows["test loss (training patterns)"], 0);
            EXPECT_EQ(rows.size(), 2u);
        }
    }
    EXPECT_TRUE(found_loss);

    // The per-class bars: one row per class of the xor task.
    for (const auto& entry : fs::directory_iterator(plots)) {
        if (!entry.path().filename().string().ends_with("metrics_eval_per_class.csv")) continue;
        const std::string csv = read_file(entry.path());
        EXPECT_EQ(csv.substr(0, 12), "label,value\n") << csv;
        EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3) << csv;
    }
}

// Decoupled components on a tiny image set: the family's panels are placed, each of their pictures exports,
// and a component killed by a scripted change is drawn and reported as killed while the others run on.
TEST_F(App, TheComponentPanelsShowAKilledComponentWhileTheOthersRunOn) {
    phasor::testing::write_image_folder(dir_ / "images", 256, 64, "");
    const Result r = phasor("app --preset mach_async_kgraph --set 'data.dir=\"" + (dir_ / "images").string() +
                            "\"' --set network.hidden=[16] --set network.embedding=8 --set train.batch=16"
                            " --at '200:components.state=[\"run\",\"kill\",\"run\"]'"
                            " --frames 60 --export-plots plots --layout-report layout.json");
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(read_file(dir_ / "layout.json"));
    std::set<std::string> titles;
    for (const auto& p : report["panels"]) titles.insert(p["title"].get<std::string>());
    for (const char* title :
         {"Components", "Delays", "Synthetic signals", "Component accuracy", "Message timeline"})
        EXPECT_TRUE(titles.count(title)) << title;
    const fs::path plots = bundle(dir_ / "plots");
    for (const char* stem : {"mach_components", "mach_delays", "mach_synthetic_error", "mach_gradient_cosine",
                             "mach_accuracy", "mach_timeline"}) {
        const Image image = decode_png(plots / (std::string(stem) + ".png"));
        ASSERT_GT(image.width, 0) << stem << ".png does not decode";
        EXPECT_GE(image.distinct_colours(0, 0, image.width, image.height), 8u) << stem << " looks blank";
    }
    // One row per component: the second killed with its steps frozen, the others far past it.
    std::istringstream csv(read_file(plots / "mach_components.csv"));
    std::string line;
    std::getline(csv, line);
    std::vector<std::pair<std::string, long>> rows;
    while (std::getline(csv, line) && line.rfind("edge", 0) != 0) {
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
        ASSERT_GE(cells.size(), 4u) << line;
        rows.emplace_back(cells[2], std::stol(cells[3]));
    }
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1].first, "killed");
    EXPECT_EQ(rows[0].first, "running");
    EXPECT_LE(rows[1].second, 200);
    EXPECT_GT(rows[0].second + rows[2].second, 2 * rows[1].second);
}

// A spiking circuit in the app: the raster, phase and 3D views open with the track, a followed neuron's
// membrane is traced, and every picture exports with what the run did in it.
TEST_F(App, TheSpikingPanelsShowWhatThePlaceCellsDid) {
    const Result r = phasor("app --preset precession --set speed=0 --set 'view.follow=[2]' --frames 90"
                            " --export-plots plots --layout-report layout.json");
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(read_file(dir_ / "layout.json"));
    std::set<std::string> titles;
    for (const auto& p : report["panels"]) titles.insert(p["title"].get<std::string>());
    for (const char* title :
         {"Spike raster", "Spike phases", "Phase histogram", "Membrane", "Neurons in space", "Environment"})
        EXPECT_TRUE(titles.count(title)) << title;
    const fs::path plots = bundle(dir_ / "plots");
    for (const char* stem : {"spiking_raster", "spiking_phase", "spiking_phase_histogram", "spiking_membrane",
                             "spiking_neurons", "spiking_environment"}) {
        const Image image = decode_png(plots / (std::string(stem) + ".png"));
        ASSERT_GT(image.width, 0) << stem << ".png does not decode";
        EXPECT_GE(image.distinct_colours(0, 0, image.width, image.height), 8u) << stem << " looks blank";
    }
    // The followed place cell's membrane, sampled whether or not the agent has reached its field yet (how far
    // it got in 90 frames depends on the machine), in millivolts between the theta trough and the threshold.
    std::istringstream membrane(read_file(plots / "spiking_membrane.csv"));
    std::size_t samples = 0;
    for (std::string line; std::getline(membrane, line);) {
        if (line.rfind("neuron 2,", 0) != 0) continue;
        const double mv = std::stod(line.substr(line.rfind(',') + 1));
        EXPECT_GT(mv, -130) << line; // rest -74 mV, theta inhibition up to 30 mV, adaptation
        EXPECT_LT(mv, -40) << line;
        ++samples;
    }
    EXPECT_GT(samples, 100u);
}

// The raster exports what fired: theta_gamma's items fire from the first theta cycle on, so any machine has
// spikes of every item in the window by the last frame.
TEST_F(App, TheSpikeRasterExportsTheSpikesOfEachItem) {
    const Result r = phasor("app --preset theta_gamma --set speed=0 --frames 60 --export-plots plots");
    ASSERT_EQ(r.status, 0) << r.err;
    std::istringstream csv(read_file(bundle(dir_ / "plots") / "spiking_raster.csv"));
    std::string line;
    std::getline(csv, line);
    EXPECT_EQ(line, "row,first_neuron,population,column,time_s");
    std::set<std::string> populations;
    // The set bits, then (after a header of their own) the followed neurons' spikes.
    while (std::getline(csv, line) && !line.empty() && line.rfind("neuron,", 0) != 0) {
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
        ASSERT_EQ(cells.size(), 5u) << line;
        populations.insert(cells[2]);
    }
    for (const char* item : {"item 1", "item 2", "item 3", "item 4", "item 5"})
        EXPECT_TRUE(populations.count(item)) << item;
}

// A race of learning rules in the app: the curves, the table and the lens open, every picture exports, the
// table lists each learner; the run recorded in the app replays headless to the same series.
TEST_F(App, ARaceOfRulesShowsItsLearnersAndARecordingReplays) {
    const Result r = phasor("app --preset threshold_parity4 --set speed=0 --frames 60 --export-plots plots"
                            " --layout-report layout.json --record race.gz");
    ASSERT_EQ(r.status, 0) << r.err;
    const nlohmann::json report = nlohmann::json::parse(read_file(dir_ / "layout.json"));
    std::set<std::string> titles;
    for (const auto& p : report["panels"]) titles.insert(p["title"].get<std::string>());
    for (const char* title : {"Race", "Race table", "Credit-assignment lens"})
        EXPECT_TRUE(titles.count(title)) << title;
    const fs::path plots = bundle(dir_ / "plots");
    for (const char* stem :
         {"rules_race_test_accuracy", "rules_race_loss", "rules_race_table", "rules_lens"}) {
        const Image image = decode_png(plots / (std::string(stem) + ".png"));
        ASSERT_GT(image.width, 0) << stem << ".png does not decode";
        EXPECT_GE(image.distinct_colours(0, 0, image.width, image.height), 8u) << stem << " looks blank";
    }
    const std::string table = read_file(plots / "rules_race_table.csv");
    EXPECT_TRUE(contains(table, "\nsgd,")) << table;
    EXPECT_TRUE(contains(table, "\nthreshold,")) << table;

    const Result replay =
        phasor::testing::run_in(dir_, std::string("'") + PHASOR_BINARY + "' run --replay race.gz --json");
    ASSERT_EQ(replay.status, 0) << replay.err << replay.out;
    const nlohmann::json j = nlohmann::json::parse(replay.out);
    EXPECT_TRUE(j["replay_matches"].get<bool>()) << replay.out;
}

TEST_F(App, ScriptedChangesAreMarkedOnThePlotsAndLoggedForReplay) {
    const Result r = phasor("app --preset xor --set speed=0 --frames 90 --at 3000:train.lr=0.2 --at "
                            "6000:train.backward=pipelined "
                            "--export-plots plots --save-changes changes.json --save-preset mine.toml");
    ASSERT_EQ(r.status, 0) << r.err;
    const fs::path plots = bundle(dir_ / "plots");

    // Every time plot carries the changes: the loss plot's CSV ends with them, its SVG shows their labels.
    bool csv = false, svg = false;
    for (const auto& entry : fs::directory_iterator(plots)) {
        const std::string name = entry.path().filename().string();
        if (name.find("metrics_loss") == std::string::npos) continue;
        const std::string text = read_file(entry.path());
        if (entry.path().extension() == ".csv") {
            csv = true;
            EXPECT_TRUE(contains(
                text, "marker_x,marker_label\n3000,train.lr = 0.2\n6000,train.backward = pipelined"));
        } else if (entry.path().extension() == ".svg") {
            svg = true;
            // A small plot shortens labels and keeps the newest when crowded; its CSV has them all, whole.
            EXPECT_TRUE(contains(text, ">train.back"));
        }
    }
    EXPECT_TRUE(csv && svg);

    const std::string log = read_file(dir_ / "changes.json");
    EXPECT_TRUE(contains(log, "\"key\": \"train.lr\""));
    EXPECT_TRUE(contains(log, "\"tick\": 6000"));
    EXPECT_TRUE(contains(log, "--at 3000:train.lr=0.2 --at '6000:train.backward=\\\"pipelined\\\"'"));

    // The saved preset holds the parameters as the changes left them.
    const Result params = phasor::testing::run_in(dir_, std::string("'") + PHASOR_BINARY +
                                                            "' params --preset mine.toml --json");
    ASSERT_EQ(params.status, 0) << params.err;
    EXPECT_TRUE(contains(params.out, "\"current\": 0.2"));
    EXPECT_TRUE(contains(params.out, "\"current\": \"pipelined\""));
}

// On a projector's 1280×720 (and at a large scale on 1600×1000) the window fits the screen, every panel lies
// inside it, and nothing in the Controls panel reaches past its right edge.
TEST_F(App, TheLayoutFitsTheScreenAtEveryClassroomScale) {
    struct Case {
        const char* screen;
        float width, height;
        const char* options;
    };
    for (const Case& c :
         {Case{"1280x720", 1280.f, 720.f, "--scale 1.5"}, Case{"1280x720", 1280.f, 720.f, "--scale 2"},
          Case{"1280x720", 1280.f, 720.f, "--scale 1.5 --presenter"},
          Case{"1600x1000", 1600.f, 1000.f, "--scale 2"}}) {
        SCOPED_TRACE(std::string(c.screen) + " " + c.options);
        fs::remove_all(dir_ / "config");
        fs::create_directories(dir_ / "config");
        const Result r =
            phasor(std::string("app --preset xor --frames 20 --layout-report layout.json ") + c.options, "",
                   c.screen);
        ASSERT_EQ(r.status, 0) << r.err;
        const nlohmann::json report = nlohmann::json::parse(read_file(dir_ / "layout.json"));
        EXPECT_EQ(report["display"][0].get<float>(), c.width) << "the window is not the screen's size";
        EXPECT_EQ(report["display"][1].get<float>(), c.height);
        bool controls = false;
        for (const auto& p : report["panels"]) {
            const std::string title = p["title"];
            SCOPED_TRACE(title);
            EXPECT_GE(p["x"].get<float>(), -0.5f);
            EXPECT_GE(p["y"].get<float>(), -0.5f);
            EXPECT_LE(p["x"].get<float>() + p["width"].get<float>(), c.width + 0.5f);
            EXPECT_LE(p["y"].get<float>() + p["height"].get<float>(), c.height + 0.5f);
            if (title != "Controls") continue;
            controls = true;
            EXPECT_LE(p["content_width"].get<float>(), p["inner_width"].get<float>() + 1.f)
                << "an item of the Controls panel reaches past its right edge";
        }
        EXPECT_TRUE(controls);
    }
}

// A figure bundle for a paper: the light theme (a white background, dark text), the size asked for, and the
// files to make it again: running the bundle's preset headless with its seed gives the same loss curve.
TEST_F(App, ALightFigureBundleReproducesHeadless) {
    const Result r =
        phasor("app --preset xor --set speed=0 --frames 40 --export-plots paper --export-theme light "
               "--export-size 900x600");
    ASSERT_EQ(r.status, 0) << r.err;
    const fs::path folder = bundle(dir_ / "paper");
    for (const char* file :
         {"metrics_loss.png", "metrics_loss.svg", "metrics_loss.csv", "preset.toml", "changes.json"})
        EXPECT_TRUE(fs::exists(folder / file)) << file;

    const Image png = decode_png(folder / "metrics_loss.png");
    ASSERT_EQ(png.width, 900);
    ASSERT_EQ(png.height, 600);
    long light = 0, border = 0, dark_ink = 0;
    for (int y = 0; y < png.height; ++y)
        for (int x = 0; x < png.width; ++x) {
            const unsigned char* p = &png.rgba[static_cast<std::size_t>((y * png.width + x) * 4)];
            const int luminance = (2 * p[0] + 7 * p[1] + p[2]) / 10;
            if (x < 4 || y < 4 || x >= png.width - 4 || y >= png.height - 4) {
                ++border;
                light += luminance > 230;
            }
            dark_ink += luminance < 80;
        }
    EXPECT_GT(light, border * 9 / 10) << "the light theme's background is not light";
    EXPECT_GT(dark_ink, 200) << "no dark text on it";
    EXPECT_TRUE(contains(read_file(folder / "metrics_loss.svg"), "fill=\"#ffffff\""));

    // The preset as run, with its seed, trains the same curve headless.
    const Result run = phasor::testing::run_in(
        folder, std::string("'") + PHASOR_BINARY + "' run --preset preset.toml --ticks 3000 --csv run.csv");
    ASSERT_EQ(run.status, 0) << run.err;
    std::map<long, std::string> headless;
    {
        std::istringstream csv(read_file(folder / "run.csv"));
        std::string line;
        std::getline(csv, line); // seed,tick,loss,...
        while (std::getline(csv, line)) {
            const auto a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
            headless[std::stol(line.substr(a + 1, b - a - 1))] = line.substr(b + 1, c - b - 1);
        }
    }
    std::istringstream plot(read_file(folder / "metrics_loss.csv"));
    std::string line;
    std::getline(plot, line);
    int compared = 0;
    while (std::getline(plot, line) && line.rfind("loss,", 0) == 0) {
        const auto a = line.find(','), b = line.find(',', a + 1);
        const long tick = std::stol(line.substr(a + 1, b - a - 1));
        if (!headless.contains(tick)) continue;
        EXPECT_EQ(line.substr(b + 1), headless[tick]) << "tick " << tick;
        ++compared;
    }
    EXPECT_GE(compared, 10);
}

TEST_F(App, OneBadKeyCostsOnlyThatKeyAndTheFileIsKeptAside) {
    // Before: a typo in one key lost every customised value, and the defaults were saved over the file.
    const fs::path config = dir_ / "config" / "phasor";
    fs::create_directories(config);
    const std::string original = "presenter = true\narrangement = 3\nexport_dir = \"figs\"\n";
    std::ofstream(config / "settings.toml") << original;
    const Result r = phasor("app --preset xor --frames 3");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "settings.toml:2: 'arrangement'")) << r.err;
    EXPECT_TRUE(contains(r.err, "settings.toml.bad-")) << r.err;
    const std::string saved = read_file(config / "settings.toml");
    EXPECT_TRUE(contains(saved, "presenter = true")) << saved;
    EXPECT_TRUE(contains(saved, "figs")) << saved;
    int copies = 0;
    for (const auto& entry : fs::directory_iterator(config))
        if (entry.path().filename().string().rfind("settings.toml.bad-", 0) == 0) {
            ++copies;
            EXPECT_EQ(read_file(entry.path()), original);
        }
    EXPECT_EQ(copies, 1);
}

TEST_F(App, APresetFileNamedLikeAShippedOneIsReopenedFromItsPath) {
    // Before: the last preset was remembered by its name, so this file reopened the shipped xor.
    fs::create_directories(dir_ / "mine");
    std::string text = read_file(fs::path(PHASOR_SOURCE_DIR) / "assets" / "presets" / "xor.toml");
    text.replace(text.find("lr = 0.05"), 9, "lr = 0.0123");
    std::ofstream(dir_ / "mine" / "xor.toml") << text;
    ASSERT_EQ(phasor("app --preset mine/xor.toml --frames 3").status, 0);
    const std::string saved = read_file(dir_ / "config" / "phasor" / "settings.toml");
    EXPECT_TRUE(contains(saved, (dir_ / "mine" / "xor.toml").string())) << saved;
    const Result r = phasor("app --frames 3 --save-preset again.toml");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(read_file(dir_ / "again.toml"), "0.0123")) << read_file(dir_ / "again.toml");
}

TEST_F(App, ARememberedPresetFileThatIsGoneIsReportedAndTheDefaultOpens) {
    const fs::path config = dir_ / "config" / "phasor";
    fs::create_directories(config);
    std::ofstream(config / "settings.toml") << "preset_file = '" << (dir_ / "gone.toml").string() << "'\n";
    const Result r = phasor("app --frames 3 --save-preset again.toml");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(
        contains(r.err, "the last preset '" + (dir_ / "gone.toml").string() + "' could not be loaded"))
        << r.err;
    EXPECT_TRUE(contains(r.err, "opened lowhighmix")) << r.err;
    EXPECT_FALSE(contains(r.err, "available presets")) << "one line, not the whole search" << r.err;
}

TEST_F(App, SettingsPersistBetweenSessions) {
    ASSERT_EQ(phasor("app --preset xor --frames 3 --scale 1.5 --presenter").status, 0);
    const std::string saved = read_file(dir_ / "config" / "phasor" / "settings.toml");
    EXPECT_TRUE(contains(saved, "ui_scale = 1.5"));
    EXPECT_TRUE(contains(saved, "presenter = true"));
    EXPECT_TRUE(contains(saved, "preset = 'xor'") || contains(saved, "preset = \"xor\""));
    EXPECT_TRUE(fs::exists(dir_ / "config" / "phasor" / "imgui.ini"));
}

} // namespace
