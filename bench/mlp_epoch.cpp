// Seconds per epoch of a backprop MLP on Fashion-MNIST (the baseline of the decoupled-components family), on
// one core: Adam, batch 128, ReLU hidden layers, softmax cross-entropy; the reference is PyTorch on the same
// network (bench/torch_mlp.py, run side by side by bench/mlp_side_by_side.sh). Also reports the test accuracy
// reached after each measured epoch, so a speed-up that breaks learning shows.
#include "engine/batch/batch_source.hpp"
#include "engine/data/epoch_order.hpp"
#include "engine/data/image_folder.hpp"
#include "engine/optim/optimizer.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace phasor;

const DataSplit& fashion() {
    static const DataSplit split =
        load_image_folder(kFashionMnistDir, "Fashion-MNIST", fashion_mnist_classes());
    return split;
}

void BM_MlpEpoch(benchmark::State& state) {
    const DataSplit& data = fashion();
    const int hidden = static_cast<int>(state.range(0)), batch = static_cast<int>(state.range(1));
    const std::vector<int> sizes{784, hidden, hidden, 10};
    Rng rng(1);
    BatchMlp net(sizes, Activation::Relu, Activation::Softmax, Init::He, rng, batch);
    auto adam = make_optimizer(OptimizerSpec{.name = "adamw"});
    net.attach(*adam);
    EpochOrder order(data.train.size(), 1);
    ClassifierBatch buffers(net);
    float accuracy = 0.f;
    for (auto _ : state) {
        train_classifier_epoch(net, *adam, 1e-3f, data.train, order, buffers);
        state.PauseTiming();
        Mat Xs, scratch;
        accuracy = score(net, data.test, Xs, scratch).accuracy;
        state.ResumeTiming();
    }
    state.counters["test_accuracy"] = accuracy;
    state.counters["samples_per_second"] =
        benchmark::Counter(static_cast<double>(data.train.size()) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MlpEpoch)->Args({256, 128})->Unit(benchmark::kSecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
