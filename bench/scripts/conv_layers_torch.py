#!/usr/bin/env python3
"""PyTorch reference for ConvLayersBenchmark: forward and forward+backward time of single
convolutions, shapes given as JSON on argv[1]: [{"name", "batch", "cin", "cout", "k", "stride",
"size"}, ...]. Prints one JSON line: median seconds per shape, and the threads used."""
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def median_seconds(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    shapes = json.loads(sys.argv[1])
    warmup, reps = int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(int(sys.argv[4]))
    torch.manual_seed(0)
    out = []
    for s in shapes:
        x = torch.randn(s["batch"], s["cin"], s["size"], s["size"], requires_grad=True)
        w = torch.randn(s["cout"], s["cin"], s["k"], s["k"], requires_grad=True)
        pad = s["k"] // 2

        def forward():
            with torch.no_grad():
                F.conv2d(x, w, stride=s["stride"], padding=pad)

        y = F.conv2d(x, w, stride=s["stride"], padding=pad)
        g = torch.randn_like(y)

        def backward():
            # Input and weight gradients, as the trainer's step needs them (no bias: ResNet convs have none).
            torch.autograd.grad(F.conv2d(x, w, stride=s["stride"], padding=pad), (x, w), g)

        fwd = median_seconds(forward, warmup, reps)
        fwd_bwd = median_seconds(backward, warmup, reps)
        out.append({"name": s["name"], "forwardSeconds": fwd, "backwardSeconds": max(0.0, fwd_bwd - fwd)})
    print(json.dumps({"threads": torch.get_num_threads(), "layers": out}))


if __name__ == "__main__":
    main()
