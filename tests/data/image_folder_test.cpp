// Loading an MNIST-like folder: scaled pixels, labels, the fixed test set; missing files and counts that do
// not match say which file and how to get the data. Also the real Fashion-MNIST that scripts/dev.sh installs.
#include "engine/data/image_folder.hpp"
#include "idx_writer.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

namespace fs = std::filesystem;
using testing::contains;

class ImageFolder : public ::testing::Test {
  protected:
    ImageFolder() : dir(testing::scratch_folder("phasor-images-")) {}
    ~ImageFolder() override { fs::remove_all(dir); }

    std::string error_loading() {
        try {
            load_image_folder(dir, "Fashion-MNIST", fashion_mnist_classes());
        } catch (const DataError& e) {
            return e.what();
        }
        ADD_FAILURE() << "loaded";
        return {};
    }
    fs::path dir;
};

TEST_F(ImageFolder, PixelsAreScaledToTheUnitIntervalAndLabelsKept) {
    for (const char* ending : {".gz", ""}) {
        fs::remove_all(dir);
        testing::write_image_folder(dir, 12, 5, ending);
        const DataSplit split = load_image_folder(dir, "Fashion-MNIST", fashion_mnist_classes());
        ASSERT_EQ(split.train.size(), 12u);
        ASSERT_EQ(split.test.size(), 5u);
        EXPECT_EQ(split.train.features, 4);
        EXPECT_EQ(split.train.classes, 10);
        const auto first = split.train.row(0), second = split.train.row(1);
        EXPECT_EQ(std::vector<float>(first.begin(), first.end()),
                  (std::vector<float>{0.f, 85.f / 255, 170.f / 255, 1.f}));
        EXPECT_FLOAT_EQ(second[0], 1.f / 255);
        EXPECT_EQ(split.train.labels[11], 1);
        EXPECT_EQ(split.test.labels[4], 4);
        EXPECT_EQ(split.class_names[9], "Ankle boot");
    }
}

TEST_F(ImageFolder, AMissingFolderOrFileSaysWhereItLookedAndHowToGetTheData) {
    fs::remove_all(dir);
    std::string m = error_loading();
    EXPECT_TRUE(contains(m, "Fashion-MNIST not found: " + dir.string() + ": no such folder"));
    EXPECT_TRUE(contains(m, "sudo apt install dataset-fashion-mnist"));
    EXPECT_TRUE(contains(m, "data.dir"));
    testing::write_image_folder(dir, 4, 2);
    fs::remove(dir / "t10k-labels-idx1-ubyte.gz");
    m = error_loading();
    EXPECT_TRUE(contains(m, dir.string() + " has no t10k-labels-idx1-ubyte")) << m;
}

TEST_F(ImageFolder, ImagesAndLabelsOfDifferentCountsAreAWrongCount) {
    testing::write_image_folder(dir, 4, 2);
    testing::write_bytes(dir / "train-labels-idx1-ubyte.gz", testing::idx_bytes({3}, {0, 1, 2}));
    const std::string m = error_loading();
    EXPECT_TRUE(contains(m, "wrong count")) << m;
    EXPECT_TRUE(contains(m, "holds 4 images but")) << m;
    EXPECT_TRUE(contains(m, "holds 3 labels")) << m;
}

TEST_F(ImageFolder, ALabelPastTheClassesIsNamed) {
    testing::write_image_folder(dir, 4, 2);
    testing::write_bytes(dir / "t10k-labels-idx1-ubyte.gz", testing::idx_bytes({2}, {3, 12}));
    EXPECT_TRUE(contains(error_loading(),
                         "t10k-labels-idx1-ubyte.gz: label 12 of sample 1 is out of range (0 to 9)"));
}

TEST(FashionMnist, TheInstalledSetHasItsSizesAndBalancedClasses) {
    const DataSplit split = load_image_folder(kFashionMnistDir, "Fashion-MNIST", fashion_mnist_classes());
    EXPECT_EQ(split.train.size(), 60000u);
    EXPECT_EQ(split.test.size(), 10000u);
    EXPECT_EQ(split.train.features, 784);
    std::vector<int> per_class(10);
    for (int label : split.test.labels) ++per_class[static_cast<std::size_t>(label)];
    for (int count : per_class) EXPECT_EQ(count, 1000);
    float lo = 1.f, hi = 0.f;
    for (float v : split.train.inputs) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    EXPECT_EQ(lo, 0.f);
    EXPECT_EQ(hi, 1.f);
}

} // namespace
} // namespace phasor
