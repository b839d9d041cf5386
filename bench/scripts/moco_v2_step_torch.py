"""PyTorch reference for TrainBenchmark: MoCo v2 training step times on random images.

Same work per step as Vireo's MocoV2.step: EMA of the key encoder, key forward (shuffled BN in 4
groups, no grad), query forward + backward through encoder and 2048/128 MLP head, InfoNCE against a
65,536 queue (tau 0.2), SGD momentum 0.9 / wd 1e-4, enqueue. torchvision ResNet (v1, width 1).
No augmentation (Vireo's figure includes its augmentation thread; this is the model alone).
Also measures this process's float32 matrix-multiply peak (2048^3 torch.mm, median of 10), the
reference the achieved GFLOP/s are compared with.

usage: /usr/bin/python3 moco_v2_step_torch.py ARCH SIZE BATCH WARMUP STEPS
prints one JSON line: {"stepSeconds": [...], "matmulGflops": x}
"""
import json, statistics, sys, time
import torch, torch.nn as nn, torch.nn.functional as F
import torchvision

torch.set_num_threads(2)
arch, size, batch, warmup, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])


def matmul_gflops(n=2048, repeats=10):
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t)
    return 2 * n ** 3 / statistics.median(times) / 1e9


def net():
    enc = getattr(torchvision.models, arch)()
    dim = enc.fc.in_features
    enc.fc = nn.Sequential(nn.Linear(dim, 2048), nn.ReLU(), nn.Linear(2048, 128))
    return enc

q, k = net(), net()
k.load_state_dict(q.state_dict())
for p in k.parameters():
    p.requires_grad = False
opt = torch.optim.SGD(q.parameters(), lr=0.03, momentum=0.9, weight_decay=1e-4)
queue = F.normalize(torch.randn(65536, 128), dim=1)
ptr = 0
x1, x2 = torch.randn(batch, 3, size, size), torch.randn(batch, 3, size, size)

def step():
    global ptr
    with torch.no_grad():
        for pk, pq in zip(k.parameters(), q.parameters()):
            pk.mul_(0.999).add_(pq.detach(), alpha=0.001)
        perm = torch.randperm(batch)
        kk = F.normalize(torch.cat([k(c) for c in x2[perm].chunk(4)])[torch.argsort(perm)], dim=1)
    qq = F.normalize(q(x1), dim=1)
    logits = torch.cat([(qq * kk).sum(1, keepdim=True), qq @ queue.T], 1) / 0.2
    loss = F.cross_entropy(logits, torch.zeros(batch, dtype=torch.long))
    opt.zero_grad()
    loss.backward()
    opt.step()
    queue[ptr:ptr + batch] = kk
    ptr = (ptr + batch) % queue.shape[0]

peak = matmul_gflops()
for _ in range(warmup):
    step()
times = []
for _ in range(steps):
    t = time.perf_counter()
    step()
    times.append(time.perf_counter() - t)
print(json.dumps({"stepSeconds": times, "matmulGflops": peak}))
