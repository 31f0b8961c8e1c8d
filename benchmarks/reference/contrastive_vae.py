"""PyTorch CPU reference of cdgm's contrastive VAE, for timing only.

The same computation as org.cdgm.engine.model.ContrastiveVae and org.cdgm.engine.training.Trainer, step for step:
a shared encoder q(z|x) for all cells and a salient encoder q(t|x) (also run on background cells, for the
regulariser), one decoder f with background decoded from f(z, 0) and target from f(z, t), ReLU hidden layers,
log1p encoder input for counts, Gaussian (per-gene log variance) or negative binomial (softmax means times the
library size, per-gene log theta) likelihood, a learnable mixture-of-Gaussians prior per block with the one-sample
KL (exact entropy of q), the MM-cVAE regulariser (MMD of background vs target shared codes plus MMD of background
salient codes to 0, Gaussian kernel with the median heuristic), Adam, and the four modes: classic, multi-objective
(closed-form MGDA on the shared parameters from two gradients), constrained (projected dual ascent) and both.

Reads the data written by the Java harness (benchmarks/java) and prints one JSON line with the seconds of every
epoch and the peak resident memory. Not part of the product; see docs/benchmarks.md.
"""
import argparse
import json
import math
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_matrix(path):
    """cdgm benchmark matrix: magic 'CDGMMAT1', int32 rows, int32 cols, then float32 row-major (little endian)."""
    with open(path, "rb") as f:
        if f.read(8) != b"CDGMMAT1":
            raise SystemExit(f"{path} is not a cdgm benchmark matrix")
        rows, cols = struct.unpack("<ii", f.read(8))
        data = np.fromfile(f, dtype="<f4", count=rows * cols)
    return torch.from_numpy(data.reshape(rows, cols).copy())


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class MixturePrior(nn.Module):
    def __init__(self, k, d):
        super().__init__()
        self.logits = nn.Parameter(torch.zeros(k))
        self.means = nn.Parameter(torch.empty(k, d).uniform_(-2, 2))
        self.log_std = nn.Parameter(torch.full((k, d), math.log(0.5)))

    def log_prob(self, z):
        iv = torch.exp(-2 * self.log_std)                                   # K x d
        quad = (z * z) @ iv.T - 2 * z @ (self.means * iv).T + (self.means ** 2 * iv).sum(1)
        const = torch.log_softmax(self.logits, 0) - self.log_std.sum(1) - 0.5 * z.shape[1] * math.log(2 * math.pi)
        return torch.logsumexp(-0.5 * quad + const, dim=1)


class ContrastiveVae(nn.Module):
    def __init__(self, genes, kz, kt, width, layers, likelihood, components):
        super().__init__()
        hidden = [width] * layers
        self.kz, self.kt, self.likelihood = kz, kt, likelihood
        self.z_enc = mlp([genes, *hidden, 2 * kz])
        self.t_enc = mlp([genes, *hidden, 2 * kt])
        self.dec = mlp([kz + kt, *hidden, genes])
        self.z_prior = MixturePrior(components, kz)
        self.t_prior = MixturePrior(components, kt)
        if likelihood == "GAUSSIAN":
            self.log_var = nn.Parameter(torch.zeros(genes))
        elif likelihood == "NEGATIVE_BINOMIAL":
            self.log_theta = nn.Parameter(torch.full((genes,), math.log(5.0)))
        for m in self.modules():  # He-uniform weights, zero biases, as the engine
            if isinstance(m, nn.Linear):
                limit = math.sqrt(6.0 / m.in_features)
                nn.init.uniform_(m.weight, -limit, limit)
                nn.init.zeros_(m.bias)

    def shared_parameters(self):
        target_only = set(map(id, list(self.t_enc.parameters()) + list(self.t_prior.parameters())))
        return [p for p in self.parameters() if id(p) not in target_only]

    def encode(self, enc, x, k):
        h = enc(torch.log1p(x) if self.likelihood != "GAUSSIAN" else x)
        mu, log_var = h[:, :k], h[:, k:]
        return mu, log_var, mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)

    def nll(self, out, x):
        if self.likelihood == "GAUSSIAN":
            return 0.5 * (math.log(2 * math.pi) + self.log_var + (x - out) ** 2 * torch.exp(-self.log_var)).sum(1)
        log_mu = torch.log_softmax(out, 1) + torch.log(x.sum(1, keepdim=True))
        if self.likelihood == "POISSON":
            return -(x * log_mu - torch.exp(log_mu) - torch.lgamma(x + 1)).sum(1)
        theta = torch.exp(self.log_theta)
        log_tm = torch.log(theta + torch.exp(log_mu))
        ll = (theta * (self.log_theta - log_tm) + x * (log_mu - log_tm) + torch.lgamma(x + theta)
              - torch.lgamma(theta) - torch.lgamma(x + 1))
        return -ll.sum(1)

    @staticmethod
    def kl(prior, log_var, sample):
        neg_entropy = -0.5 * (log_var + math.log(2 * math.pi) + 1).sum(1)
        return neg_entropy - prior.log_prob(sample)

    def forward(self, xb, xt):
        mzb, lzb, zb = self.encode(self.z_enc, xb, self.kz)
        mzt, lzt, zt = self.encode(self.z_enc, xt, self.kz)
        mtt, ltt, tt = self.encode(self.t_enc, xt, self.kt)
        mtb, ltb, tb = self.encode(self.t_enc, xb, self.kt)
        out_b = self.dec(torch.cat([zb, torch.zeros(xb.shape[0], self.kt)], 1))
        out_t = self.dec(torch.cat([zt, tt], 1))
        loss_b = (self.nll(out_b, xb) + self.kl(self.z_prior, lzb, zb)).mean()
        loss_t = (self.nll(out_t, xt) + self.kl(self.z_prior, lzt, zt) + self.kl(self.t_prior, ltt, tt)).mean()
        return loss_b, loss_t, (zb, zt, tb, tt)


def sq_dist(u, v):
    # |u|^2 + |v|^2 - 2 u.v, as the engine computes it (torch.cdist has a NaN gradient at distance 0)
    return ((u * u).sum(1, keepdim=True) + (v * v).sum(1) - 2 * u @ v.T).clamp_min(0)


def median_width(*sets):
    pooled = torch.cat(sets, 0).detach()
    d = sq_dist(pooled, pooled)
    iu = torch.triu_indices(len(pooled), len(pooled), 1)
    return max(d[iu[0], iu[1]].median().item(), 1e-6)


def mmd(a, c, width):
    k = lambda u, v: torch.exp(-sq_dist(u, v) / width)
    return k(a, a).mean() + k(c, c).mean() - 2 * k(a, c).mean()


def mm_cvae(codes):
    zb, zt, tb, tt = codes
    return (mmd(zb, zt, median_width(zb, zt))
            + mmd(tb, torch.zeros(1, tb.shape[1]), median_width(tb, tt)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--background", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--likelihood", default="GAUSSIAN")
    ap.add_argument("--mode", default="MULTI_OBJECTIVE_CONSTRAINED")
    ap.add_argument("--kz", type=int, default=2)
    ap.add_argument("--kt", type=int, default=2)
    ap.add_argument("--width", type=int, default=128)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--components", type=int, default=4)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-2)
    ap.add_argument("--epsilon", type=float, default=0.05)
    ap.add_argument("--weight", type=float, default=1.0)
    ap.add_argument("--dual-lr", type=float, default=0.5)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xb, xt = read_matrix(a.background), read_matrix(a.target)
    model = ContrastiveVae(xb.shape[1], a.kz, a.kt, a.width, a.layers, a.likelihood, a.components)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    shared = model.shared_parameters()
    multi = a.mode in ("MULTI_OBJECTIVE", "MULTI_OBJECTIVE_CONSTRAINED")
    constrained = a.mode in ("CONSTRAINED", "MULTI_OBJECTIVE_CONSTRAINED")
    lam = 0.0
    steps = math.ceil(max(len(xb), len(xt)) / a.batch)
    gen = torch.Generator().manual_seed(a.seed)
    pb, pt = torch.randperm(len(xb), generator=gen), torch.randperm(len(xt), generator=gen)
    ib = it = 0
    seconds = []
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        for _ in range(steps):
            rows_b = pb[torch.arange(ib, ib + a.batch) % len(xb)]
            rows_t = pt[torch.arange(it, it + a.batch) % len(xt)]
            ib, it = (ib + a.batch) % len(xb), (it + a.batch) % len(xt)
            loss_b, loss_t, codes = model(xb[rows_b], xt[rows_t])
            reg = mm_cvae(codes)
            weight = lam if constrained else a.weight
            opt.zero_grad(set_to_none=False)
            if multi:
                # MGDA on the shared parameters: the background and target gradients, each from its own backward
                g_b = torch.autograd.grad(loss_b, shared, retain_graph=True, allow_unused=True)
                g_b = [torch.zeros_like(p) if g is None else g for g, p in zip(g_b, shared)]
                loss_t.backward(retain_graph=weight > 0)   # every parameter: the target-only ones keep this
                g_t = [p.grad.clone() for p in shared]
                bb = sum((g * g).sum() for g in g_b)
                tt = sum((g * g).sum() for g in g_t)
                bt = sum((g1 * g2).sum() for g1, g2 in zip(g_b, g_t))
                den = bb - 2 * bt + tt
                alpha = 0.5 if den <= 1e-20 else float(((tt - bt) / den).clamp(0, 1))
                for p, gb, gt in zip(shared, g_b, g_t):
                    p.grad.copy_(alpha * gb + (1 - alpha) * gt)
                if weight > 0:                            # the regulariser is added to the combined direction
                    (weight * reg).backward()
            else:
                (loss_b + loss_t + (weight * reg if weight > 0 else 0)).backward()
            if not torch.isfinite(loss_b + loss_t + reg):
                raise SystemExit(f"diverged at epoch {epoch + 1}")
            opt.step()
            if constrained:
                lam = max(0.0, lam + a.dual_lr * (reg.item() - a.epsilon))
        seconds.append(time.perf_counter() - t0)
    peak_kib = next((int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")), -1)
    print(json.dumps({"implementation": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "epoch_seconds": seconds, "steps_per_epoch": steps, "peak_rss_mib": peak_kib / 1024,
                      "final_background_loss": float(loss_b), "final_target_loss": float(loss_t)}))


if __name__ == "__main__":
    sys.exit(main())
