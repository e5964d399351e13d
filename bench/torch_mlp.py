#!/usr/bin/python3
"""The reference for bench/mlp_epoch.cpp: the same backprop MLP (784-H-H-10, ReLU, softmax cross-entropy, Adam
1e-3, batch 128, He-style default init, shuffled every epoch) in PyTorch on one thread, on the same
Fashion-MNIST files. Prints one JSON line per epoch: seconds, test accuracy.
Usage: bench/torch_mlp.py [EPOCHS=3] [HIDDEN=256]"""
import gzip, json, sys, time

import numpy as np
import torch

DIR = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(f"{DIR}/{name}.gz", "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    hidden = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    torch.set_num_threads(1)
    torch.manual_seed(1)
    x_train = torch.tensor(idx("train-images-idx3-ubyte").reshape(-1, 784), dtype=torch.float32) / 255
    y_train = torch.tensor(idx("train-labels-idx1-ubyte"), dtype=torch.long)
    x_test = torch.tensor(idx("t10k-images-idx3-ubyte").reshape(-1, 784), dtype=torch.float32) / 255
    y_test = torch.tensor(idx("t10k-labels-idx1-ubyte"), dtype=torch.long)
    net = torch.nn.Sequential(torch.nn.Linear(784, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, hidden),
                              torch.nn.ReLU(), torch.nn.Linear(hidden, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        order = torch.randperm(len(x_train))
        start = time.perf_counter()
        for b in range(0, len(order), 128):
            ids = order[b:b + 128]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x_train[ids]), y_train[ids])
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            accuracy = (net(x_test).argmax(1) == y_test).float().mean().item()
        print(json.dumps({"epoch": epoch + 1, "seconds": round(seconds, 3), "test_accuracy": round(accuracy, 4),
                          "torch": torch.__version__, "threads": torch.get_num_threads()}))


main()
