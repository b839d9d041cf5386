"""Replays Vireo's MoCo v2 steps in PyTorch on the exact tensors Vireo used, and compares.

Input: the directory MocoStepExportTest writes (initial weights query0/, views xS_q.npy / xS_k.npy,
queue0.npy, steps.txt with LR and loss per step, weights after steps 1, 2 and the last one). The model
is ResNet-18 v1 with the CIFAR stem and DL4J's layer names; stride-2 3x3 convolutions pad (0, 1) like
DL4J's "same" mode. The step is written from the MoCo v2 paper / reference implementation, not from Vireo:
EMA of the key network (all parameters and BN buffers), keys with train-mode BN over the whole batch
(run the export with moco.bnGroups=1), InfoNCE with tau on L2-normalised q and k, SGD momentum 0.9 with
coupled weight decay on every trainable tensor, BN running statistics with momentum 0.1, enqueue.

Run: /usr/bin/python3 moco_v2_replay.py DIR [tau=0.2 m=0.99 wd=1e-4 K=256]
Prints per-step loss Vireo vs replay, and the relative difference of every tensor after steps 1, 2 and N.
"""
import sys, os, glob
import numpy as np
import torch, torch.nn.functional as F

torch.set_num_threads(2)
d = sys.argv[1]
args = dict(a.split('=') for a in sys.argv[2:])
tau = float(args.get('tau', 0.2)); m = float(args.get('m', 0.99)); wd = float(args.get('wd', 1e-4))
mu = float(args.get('sgdm', 0.9)); dtype = torch.float64 if args.get('f64', '1') == '1' else torch.float32


def load(sub):
    p = {}
    for f in glob.glob(os.path.join(d, sub, '*.npy')):
        name = os.path.basename(f)[:-4]
        p[name] = torch.tensor(np.load(f)).to(dtype)
    return p


def conv(x, w, stride):
    k = w.shape[-1]
    if stride == 1:
        return F.conv2d(x, w, padding=k // 2)
    if k == 3:  # DL4J "same" at stride 2: total padding 1, all of it bottom/right
        x = F.pad(x, (0, 1, 0, 1))
    return F.conv2d(x, w, stride=stride)


def bn(x, p, n, train, stats):
    mean, var = p[n + '.mean'], p[n + '.var']
    if train:
        bm = x.mean(dim=(0, 2, 3)); bv = x.var(dim=(0, 2, 3), unbiased=False)
        if stats is not None:
            cnt = x.numel() / x.shape[1]
            stats[n] = (bm.detach(), bv.detach(), cnt)
        y = (x - bm[None, :, None, None]) / torch.sqrt(bv[None, :, None, None] + 1e-5)
    else:
        y = (x - mean[None, :, None, None]) / torch.sqrt(var[None, :, None, None] + 1e-5)
    return y * p[n + '.gamma'][None, :, None, None] + p[n + '.beta'][None, :, None, None]


def forward(p, x, train, stats=None):
    x = F.relu(bn(conv(x, p['stem_conv.W'], 1), p, 'stem_bn', train, stats))
    for s in range(1, 5):
        for b in range(1, 3):
            n = 's%db%d' % (s, b); st = 2 if s > 1 and b == 1 else 1
            h = F.relu(bn(conv(x, p[n + '_conv1.W'], st), p, n + '_1_bn', train, stats))
            h = bn(conv(h, p[n + '_conv2.W'], 1), p, n + '_bn2', train, stats)
            sc = bn(conv(x, p[n + '_proj.W'], st), p, n + '_proj_bn', train, stats) if n + '_proj.W' in p else x
            x = F.relu(h + sc)
    f = x.mean(dim=(2, 3))
    h = F.relu(f @ p['head_fc1.W'] + p['head_fc1.b'])
    return h @ p['embedding.W'] + p['embedding.b'], f


def is_stat(n):
    return n.endswith('.mean') or n.endswith('.var')


log = [l.split() for l in open(os.path.join(d, 'steps.txt')).read().strip().split('\n')]
if 'knn' in args:  # the kNN probe (k 20, T 0.07, cosine, eval-mode BN) of weights SUB on DIR/probe, as TrainingRunTest
    from PIL import Image
    files = sorted(glob.glob(os.path.join(d, 'probe', '*.png')))
    mean = torch.tensor([0.485, 0.456, 0.406], dtype=dtype)[None, :, None, None]
    std = torch.tensor([0.229, 0.224, 0.225], dtype=dtype)[None, :, None, None]
    x = (torch.tensor(np.stack([np.asarray(Image.open(f).convert('RGB')) for f in files])).permute(0, 3, 1, 2).to(dtype) / 255 - mean) / std
    y = torch.tensor([int(os.path.basename(f)[5]) for f in files]); split = len(files) * 3 // 4
    with torch.no_grad():
        f = F.normalize(forward(load(args['knn']), x, False)[1], dim=1)
    sim = f[split:] @ f[:split].T; v, idx = sim.topk(20, dim=1)
    votes = torch.zeros(len(files) - split, 4, dtype=dtype).scatter_add_(1, y[:split][idx], (v / 0.07).exp())
    print('kNN of %s: %.3f' % (args['knn'], (votes.argmax(1) == y[split:]).float().mean().item()))
    sys.exit(0)
if 'from' in args:  # one step from Vireo's full state before step N (export with -Dvireo.export.at=N)
    first = int(args['from']); pre = 'pre%d' % first
    q = load(pre + '/query'); k = load(pre + '/key'); vel = load(pre + '/velocity')
    queue = torch.tensor(np.load(os.path.join(d, pre, 'queue.npy'))).to(dtype)
    ptr = int(open(os.path.join(d, pre, 'head.txt')).read())
    log = log[first:first + 1]
else:
    first = 0
    q = load('query0'); k = {n: t.clone() for n, t in q.items()}
    queue = torch.tensor(np.load(os.path.join(d, 'queue0.npy'))).to(dtype)
    ptr = 0
    vel = {n: torch.zeros_like(t) for n, t in q.items()}
K = queue.shape[0]
unbiased = args.get('unbiased', '0') == '1'


def compare(tag, mine, sub):
    ref = load(sub); worst = (0, '')
    groups = {}
    for n, t in ref.items():
        a = mine[n].reshape(-1); b = t.reshape(-1)
        rel = ((a - b).norm() / (b.norm() + 1e-12)).item()
        worst = max(worst, (rel, n))
        kind = n.split('.')[-1]
        groups[kind] = max(groups.get(kind, 0), rel)
    print('%s: worst relative difference %.2e (%s); per kind %s' % (tag, worst[0], worst[1],
          {g: '%.1e' % v for g, v in sorted(groups.items())}), flush=True)


for step, lr, vloss in log:
    s = int(step); lr = float(lr); vloss = float(vloss)
    xq = torch.tensor(np.load(os.path.join(d, 'x%d_q.npy' % s))).to(dtype)
    xk = torch.tensor(np.load(os.path.join(d, 'x%d_k.npy' % s))).to(dtype)
    with torch.no_grad():
        for n in k:
            k[n] = m * k[n] + (1 - m) * q[n]
        kk = F.normalize(forward(k, xk, True)[0], dim=1)
    leaves = {n: t.clone().requires_grad_(not is_stat(n)) for n, t in q.items()}
    stats = {}
    qq = F.normalize(forward(leaves, xq, True, stats)[0], dim=1)
    logits = torch.cat([(qq * kk).sum(1, keepdim=True), qq @ queue.T], 1) / tau
    loss = F.cross_entropy(logits, torch.zeros(len(xq), dtype=torch.long))
    loss.backward()
    with torch.no_grad():
        for n in q:
            if is_stat(n):
                continue
            g = leaves[n].grad + wd * q[n]
            vel[n] = mu * vel[n] + g
            q[n] = q[n] - lr * vel[n]
        for n, (bm, bv, cnt) in stats.items():
            if unbiased:
                bv = bv * cnt / (cnt - 1)
            q[n + '.mean'] = 0.9 * q[n + '.mean'] + 0.1 * bm
            q[n + '.var'] = 0.9 * q[n + '.var'] + 0.1 * bv
        queue[ptr:ptr + len(kk)] = kk; ptr = (ptr + len(kk)) % K
    print('step %d lr %.5f loss vireo %.6f replay %.6f' % (s, lr, vloss, loss.item()), flush=True)
    if 'from' in args:
        compare('after step %d query   ' % (s + 1), q, 'post%d/query' % s)
        compare('after step %d key     ' % (s + 1), k, 'post%d/key' % s)
        compare('after step %d velocity' % (s + 1), vel, 'post%d/velocity' % s)
        qv = torch.tensor(np.load(os.path.join(d, 'post%d' % s, 'queue.npy'))).to(dtype)
        print('  queue max abs diff %.2e, head %d vs %s' % ((queue - qv).abs().max().item(), ptr,
              open(os.path.join(d, 'post%d' % s, 'head.txt')).read()))
    elif os.path.isdir(os.path.join(d, 'query%d' % (s + 1))):
        compare('after step %d query' % (s + 1), q, 'query%d' % (s + 1))
        compare('after step %d key  ' % (s + 1), k, 'key%d' % (s + 1))
        qv = torch.tensor(np.load(os.path.join(d, 'queue%d.npy' % (s + 1)))).to(dtype)
        print('  queue max abs diff %.2e' % (queue - qv).abs().max().item())
if 'save' in args:  # the replayed query weights, e.g. to compare float32 against float64 replays
    np.savez(args['save'], **{n: t.numpy() for n, t in q.items()})
