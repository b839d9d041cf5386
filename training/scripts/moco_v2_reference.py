"""PyTorch MoCo v2 reference for the trainer's convergence test (A/B against training/).

Same recipe as TrainingRunTest.shortMocoRunLowersLossAndImprovesKnnAccuracy: ResNet-18 v1 x0.25 with
the CIFAR stem at 32 px, 2-layer head 128/64, queue 256, m 0.99, tau 0.2, batch 32, shuffled BN with
2 key groups, SGD 0.9 / wd 1e-4, lr 0.03 with 5 warmup steps and cosine decay over 150 steps, the
MoCo v2 augmentations (torchvision), kNN (k 20, T 0.07, cosine) on pre-logits of images 0..383
against 384..511.

Input: a directory of 32x32 PNGs named NNNN_L.png (L = class), e.g. SyntheticShapesSource images
written with imwrite. Run with the Debian peer: /usr/bin/python3 moco_v2_reference.py data=DIR [lr=.. m=.. steps=..]
"""
import sys, glob, math, os, random
import torch, torch.nn as nn, torch.nn.functional as F
import torchvision.transforms as T
from PIL import Image
torch.set_num_threads(2)
args = dict(a.split('=') for a in sys.argv[1:])
steps = int(args.get('steps', 150)); lr0 = float(args.get('lr', 0.03)); m = float(args.get('m', 0.99))
K = int(args.get('K', 256)); tau = float(args.get('tau', 0.2)); B = 32; groups = int(args.get('groups', 2))
wd = float(args.get('wd', 1e-4)); warm = int(args.get('warm', 5)); seed = int(args.get('seed', 0))
minscale = float(args.get('minscale', 0.2)); width = float(args.get('width', 0.25))
torch.manual_seed(seed); random.seed(seed)
files = sorted(glob.glob(args.get('data', '/tmp/shapes') + '/*.png'))
imgs = [Image.open(f).convert('RGB') for f in files]
labels = [int(os.path.basename(f)[5]) for f in files]
# probe=DIR: kNN on held-out images (the first 3/4 as the kNN's train set, the rest as its test set), as in
# TrainingRunTest; otherwise on the training images 0..383 against 384..511.
pfiles = sorted(glob.glob(args['probe'] + '/*.png')) if 'probe' in args else files[:512]
pimgs = [Image.open(f).convert('RGB') for f in pfiles]
plabels = [int(os.path.basename(f)[5]) for f in pfiles]
split = len(pfiles) * 3 // 4
norm = T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
aug = T.Compose([T.RandomResizedCrop(32, scale=(minscale, 1.)), T.RandomApply([T.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
                 T.RandomGrayscale(p=0.2), T.RandomApply([T.GaussianBlur(3, (0.1, 2.0))], p=0.5), T.RandomHorizontalFlip(), T.ToTensor(), norm])
ev = T.Compose([T.ToTensor(), norm])

def c(w): return max(1, round(w * width))
class Basic(nn.Module):
    def __init__(s, i, o, st):
        super().__init__()
        s.c1 = nn.Conv2d(i, o, 3, st, 1, bias=False); s.b1 = nn.BatchNorm2d(o)
        s.c2 = nn.Conv2d(o, o, 3, 1, 1, bias=False); s.b2 = nn.BatchNorm2d(o)
        s.sc = nn.Sequential() if st == 1 and i == o else nn.Sequential(nn.Conv2d(i, o, 1, st, bias=False), nn.BatchNorm2d(o))
    def forward(s, x): return F.relu(s.b2(s.c2(F.relu(s.b1(s.c1(x))))) + s.sc(x))
class Net(nn.Module):
    def __init__(s):
        super().__init__()
        s.stem = nn.Sequential(nn.Conv2d(3, c(64), 3, 1, 1, bias=False), nn.BatchNorm2d(c(64)), nn.ReLU())
        layers = []; i = c(64)
        for st, w in enumerate([64, 128, 256, 512]):
            for b in range(2):
                layers.append(Basic(i, c(w), 2 if st > 0 and b == 0 else 1)); i = c(w)
        s.layers = nn.Sequential(*layers); s.dim = i
        s.head = nn.Sequential(nn.Linear(i, 128), nn.ReLU(), nn.Linear(128, 64))
        for mod in s.modules():
            if isinstance(mod, nn.Conv2d): nn.init.kaiming_normal_(mod.weight, mode='fan_in', nonlinearity='relu')
    def features(s, x): return F.adaptive_avg_pool2d(s.layers(s.stem(x)), 1).flatten(1)
    def forward(s, x): return s.head(s.features(x))

q = Net(); k = Net(); k.load_state_dict(q.state_dict())
for p in k.parameters(): p.requires_grad = False
queue = F.normalize(torch.randn(K, 64), dim=1); ptr = 0
opt = torch.optim.SGD(q.parameters(), lr=lr0, momentum=0.9, weight_decay=wd)

@torch.no_grad()
def knn(net):
    net.eval()
    f = F.normalize(net.features(torch.stack([ev(i) for i in pimgs])), dim=1)
    net.train()
    tr, te = f[:split], f[split:]; ltr = torch.tensor(plabels[:split]); lte = torch.tensor(plabels[split:])
    s = te @ tr.T; v, idx = s.topk(20, dim=1)
    votes = torch.zeros(len(te), 4).scatter_add_(1, ltr[idx], (v / 0.07).exp())
    return (votes.argmax(1) == lte).float().mean().item()

print('init kNN %.3f' % knn(q), flush=True)
order = []; losses = []; accs = []
for step in range(steps):
    if len(order) < B:
        perm = list(range(len(imgs))); random.shuffle(perm); order += perm
    ids, order = order[:B], order[B:]
    x1 = torch.stack([aug(imgs[i]) for i in ids]); x2 = torch.stack([aug(imgs[i]) for i in ids])
    lr = lr0 * (step + 1) / warm if step < warm else 0.5 * lr0 * (1 + math.cos(math.pi * (step - warm) / (steps - warm)))
    for g in opt.param_groups: g['lr'] = lr
    qq = F.normalize(q(x1), dim=1)
    with torch.no_grad():
        for pk, pq in zip(k.parameters(), q.parameters()): pk.mul_(m).add_(pq.detach(), alpha=1 - m)
        perm = torch.randperm(B); inv = torch.argsort(perm)
        kk = torch.cat([k(ch) for ch in x2[perm].chunk(groups)])[inv]
        kk = F.normalize(kk, dim=1)
    logits = torch.cat([(qq * kk).sum(1, keepdim=True), qq @ queue.T], 1) / tau
    loss = F.cross_entropy(logits, torch.zeros(B, dtype=torch.long))
    opt.zero_grad(); loss.backward(); opt.step()
    queue[ptr:ptr + B] = kk; ptr = (ptr + B) % K
    losses.append(loss.item()); accs.append((logits.argmax(1) == 0).float().mean().item())
    if (step + 1) % int(args.get('every', 50)) == 0:
        print('step %d loss %.3f inst-acc %.3f kNN %.3f' % (step + 1, sum(losses[-10:]) / 10, sum(accs[-10:]) / 10, knn(q)), flush=True)
