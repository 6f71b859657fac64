#!/usr/bin/env python3
"""Which kernels does PyTorch's CPU nn.RNN / nn.GRU / nn.LSTM training use: oneDNN or native?

Profiles one forward + backward step (float32, batch_first, 2 threads) of the two-layer model shape
(input 1 -> hidden 100 -> hidden 100, 59 steps, batch 64, loss on out[:, -1, :]) and lists the
operator names that ran, flagging the mkldnn/oneDNN ones.

    .venv-bench/bin/python Tools/benchmark/onednn-rnn/torch_rnn_ops.py
"""
import collections

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

torch.set_num_threads(2)
N, T, H = 64, 59, 100
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, "
      f"mkldnn available {torch.backends.mkldnn.is_available()}, enabled {torch.backends.mkldnn.enabled}")

for name, cls in (("RNN", nn.RNN), ("GRU", nn.GRU), ("LSTM", nn.LSTM)):
    torch.manual_seed(0)
    l1, l2 = cls(1, H, batch_first=True), cls(H, H, batch_first=True)
    x = torch.randn(N, T, 1)

    def step():
        h, _ = l1(x)
        h, _ = l2(h)
        h[:, -1, :].pow(2).mean().backward()

    step()  # warm-up
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        step()
    counts = collections.Counter(e.name for e in prof.events())
    rnn_ops = sorted(k for k in counts if any(s in k.lower() for s in ("mkldnn", "onednn", "dnnl")))
    print(f"\n== nn.{name}: mkldnn/oneDNN ops: {rnn_ops or 'none'}")
    top = sorted(counts.items(), key=lambda kv: -kv[1])
    print("   all ops (count):", ", ".join(f"{k} ({v})" for k, v in top))
