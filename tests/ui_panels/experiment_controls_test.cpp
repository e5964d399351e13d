// The experiment a teacher edits in the Controls panel: the network's shape (layers added, removed, resized,
// their activations), the task (whose change the engine accepts with the network following it), and rows
// that do not apply to the settings hidden or saying why.
#include "controls_fixture.hpp"
#include "engine/runtime/run.hpp"

#include <fmt/format.h>

namespace phasor::ui {
namespace {

using testing::ControlsPanelTest;
using testing::HeadlessImGui;
using Layers = std::vector<std::int64_t>;
using Names = std::vector<std::string>;

class ExperimentControls : public ControlsPanelTest {
  protected:
    // The one command posted, as a change of several parameters.
    SetParams one_change() const {
        EXPECT_EQ(sink.commands.size(), 1u);
        const auto all = sink.all<SetParams>();
        EXPECT_EQ(all.size(), 1u);
        return all.empty() ? SetParams{} : all.front();
    }
    static const ParamValue* value_of(const SetParams& change, std::string_view key) {
        for (const ParamChange& c : change.changes)
            if (c.key == key) return &c.value;
        return nullptr;
    }
    // The change applied to the run the snapshot came from, as the engine would: nothing when accepted.
    static std::optional<std::string> engine_answer(const SetParams& change) {
        phasor::Run run(testing::stepnet_params("lowhighmix"));
        return run.set(change.changes);
    }
};

TEST_F(ExperimentControls, AddLayerPostsOneChangeWithOneMoreHiddenLayerThatTheEngineAccepts) {
    click("Add layer");
    const SetParams change = one_change();
    ASSERT_EQ(change.changes.size(), 2u) << "the sizes and the activations, as one change";
    EXPECT_EQ(*value_of(change, "network.layers"), (ParamValue{Layers{4, 32, 16, 16, 3}}));
    EXPECT_EQ(*value_of(change, "network.activations"),
              (ParamValue{Names{"relu", "tanh", "tanh", "softmax"}}));
    EXPECT_EQ(engine_answer(change), std::nullopt);
}

TEST_F(ExperimentControls, RemovingALayerTakesItsActivationWithIt) {
    click("x##layer1");
    const SetParams change = one_change();
    EXPECT_EQ(*value_of(change, "network.layers"), (ParamValue{Layers{4, 16, 3}}));
    EXPECT_EQ(*value_of(change, "network.activations"), (ParamValue{Names{"tanh", "softmax"}}));
    EXPECT_EQ(engine_answer(change), std::nullopt);
}

TEST_F(ExperimentControls, NeuronButtonsStepOneAndAreDisabledAtTheTablesLimits) {
    click("+##layer2");
    SetParams change = one_change();
    ASSERT_EQ(change.changes.size(), 1u) << "activations given by hand stay as they are";
    EXPECT_EQ(*value_of(change, "network.layers"), (ParamValue{Layers{4, 32, 17, 3}}));

    sink.commands.clear();
    set("network.layers", Layers{4, 1, 16, 3});
    click("-##layer1");
    EXPECT_TRUE(sink.commands.empty()) << "a layer of 1 neuron has no fewer";
    set("network.layers", Layers{4, 8192, 16, 3});
    click("+##layer1");
    EXPECT_TRUE(sink.commands.empty()) << "8192 is the table's largest layer";
    click("-##layer1");
    EXPECT_EQ(*value_of(one_change(), "network.layers"), (ParamValue{Layers{4, 8191, 16, 3}}));
}

TEST_F(ExperimentControls, AutomaticActivationsAreWrittenOutWithNewSizesSoNoneChanges) {
    // The automatic choice for the default network is relu, tanh, softmax; for any other, relu throughout.
    set("network.activations", std::monostate{});
    click("+##layer1");
    const SetParams change = one_change();
    EXPECT_EQ(*value_of(change, "network.layers"), (ParamValue{Layers{4, 33, 16, 3}}));
    EXPECT_EQ(*value_of(change, "network.activations"), (ParamValue{Names{"relu", "tanh", "softmax"}}));
}

TEST_F(ExperimentControls, ChoosingAnActivationPostsTheListWithItAndOffersNoSoftmaxInside) {
    click("##act1");
    const auto offered = ui.locate("##Combo_00", body());
    EXPECT_FALSE(offered.contains(HeadlessImGui::id_of("##Combo_00", "softmax")));
    EXPECT_TRUE(offered.contains(HeadlessImGui::id_of("##Combo_00", "relu")));
    click("sigmoid", "##Combo_00");
    const SetParams change = one_change();
    ASSERT_EQ(change.changes.size(), 1u);
    EXPECT_EQ(*value_of(change, "network.activations"), (ParamValue{Names{"sigmoid", "tanh", "softmax"}}));
    EXPECT_EQ(engine_answer(change), std::nullopt);
}

TEST_F(ExperimentControls, TheTaskFixesTheInputAndClassCountWhichAreShownNotEdited) {
    const std::string& shown = shown_text();
    EXPECT_NE(shown.find("4, the task's"), std::string::npos) << shown;
    EXPECT_NE(shown.find("3 classes, softmax"), std::string::npos) << shown;
    EXPECT_FALSE(drawn("##act3")) << "the cross-entropy output is a softmax";
    EXPECT_FALSE(drawn("-##layer0"));
    EXPECT_FALSE(drawn("-##layer3"));
    // With the mse loss the output's activation is a choice.
    set("network.loss", std::string("mse"));
    EXPECT_TRUE(drawn("##act3"));
}

TEST_F(ExperimentControls, PickingSpiralsInTheTaskComboPostsAChangeTheEngineAccepts) {
    click(label("task.name").c_str());
    click("spirals", "##Combo_00");
    ASSERT_EQ(posted("task.name"), std::vector<ParamValue>{ParamValue{std::string("spirals")}});
    phasor::Run run(testing::stepnet_params("lowhighmix"));
    ASSERT_EQ(run.set("task.name", posted("task.name")[0]), std::nullopt);
    EXPECT_EQ(run.params().integers("network.layers"), (Layers{2, 32, 16, 2}));
}

TEST_F(ExperimentControls, RowsThatDoNotApplyAreHiddenOrSayWhy) {
    // A pattern task: no points or noise; the held-out size says it does not apply and the accuracy is named
    // for what it is measured on.
    EXPECT_FALSE(drawn(label("task.points")));
    EXPECT_FALSE(drawn(label("task.noise")));
    EXPECT_FALSE(drawn(label("task.test_points")));
    std::string shown = shown_text();
    EXPECT_NE(shown.find("Test points: does not apply; only the 2-D tasks"), std::string::npos) << shown;
    EXPECT_NE(shown.find("nothing is held out, so the accuracy shown is the " + view().evaluation),
              std::string::npos)
        << shown;
    // The optimizer's settings follow the optimizer.
    EXPECT_TRUE(drawn(label("train.momentum")));
    EXPECT_FALSE(drawn(label("train.beta1")));
    set("train.optimizer", std::string("adamw"));
    EXPECT_FALSE(drawn(label("train.momentum")));
    for (const char* key : {"train.beta1", "train.beta2", "train.eps"}) EXPECT_TRUE(drawn(label(key))) << key;

    // A 2-D task draws its training and held-out sets of the sizes asked, with noise.
    run = testing::plane_run(40);
    for (const char* key : {"task.points", "task.noise", "task.test_points"})
        EXPECT_TRUE(drawn(label(key))) << key;
    shown = shown_text();
    EXPECT_EQ(shown.find("does not apply"), std::string::npos) << shown;
    EXPECT_NE(shown.find(fmt::format("Scored on {} held-out samples", view().evaluation_size)),
              std::string::npos)
        << shown;
}

TEST_F(ExperimentControls, ARefusalOfTheActivationsStandsUnderTheShapeEditor) {
    run.snapshot.message = "network.activations: softmax is only allowed as the output activation";
    run.snapshot.message_key = "network.activations";
    const std::string& shown = shown_text();
    const auto at = shown.find(run.snapshot.message);
    ASSERT_NE(at, std::string::npos) << shown;
    EXPECT_EQ(shown.find(run.snapshot.message, at + 1), std::string::npos) << "shown once";
    EXPECT_GT(at, shown.find("Add layer"));
    EXPECT_LT(at, shown.find("Loss"));
}

} // namespace
} // namespace phasor::ui
