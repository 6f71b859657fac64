#!/usr/bin/env python3
"""PyTorch timing baseline for the Chapter 11 CNN on the Chapter 10 synthetic series.

Trains the same network the Swift workbook trains (Conv1d 1->128, kernel 3, padding 1; ReLU;
flatten; dense 28, 10, 1 with ReLU between) on windows of 30 values (29 inputs, 1 target), Adam
1e-4, MSE, batch 32, and reports seconds per epoch (train + validation pass) and the final
validation MAE. Example:

    python Tools/benchmark/cnn_pytorch.py --epochs 1000 --seed 42 --threads 2 --json
"""
import argparse
import json
import platform
import time

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from bench_data import synthetic_series

WINDOW = 30
SPLIT = 1000
BATCH = 32
LR = 1e-4


class ChapterCNN(nn.Module):
    def __init__(self, features=WINDOW - 1, channels=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(1, channels, 3, padding=1), nn.ReLU(), nn.Flatten(),
            nn.Linear(channels * features, 28), nn.ReLU(),
            nn.Linear(28, 10), nn.ReLU(),
            nn.Linear(10, 1),
        )

    def forward(self, x):
        return self.net(x.unsqueeze(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print one JSON summary line at the end")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    series = torch.from_numpy(synthetic_series())
    windows = series.unfold(0, WINDOW, 1)            # [1432, 30]
    inputs, targets = windows[:, :-1], windows[:, -1]
    n_train = SPLIT - WINDOW + 1                      # 971
    train_loader = DataLoader(TensorDataset(inputs[:n_train], targets[:n_train]),
                              batch_size=BATCH, shuffle=True)
    val_loader = DataLoader(TensorDataset(inputs[n_train:], targets[n_train:]),
                            batch_size=BATCH, shuffle=False)
    n_val = len(inputs) - n_train                     # 461

    model = ChapterCNN()
    loss_fn = nn.MSELoss()
    opt = torch.optim.Adam(model.parameters(), lr=LR)

    val_loss = float("nan")
    start = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        model.train()
        for xb, yb in train_loader:
            opt.zero_grad()
            loss = loss_fn(model(xb).squeeze(-1), yb)
            loss.backward()
            opt.step()
        model.eval()
        total = 0.0
        with torch.no_grad():
            for xb, yb in val_loader:
                total += loss_fn(model(xb).squeeze(-1), yb).item() * len(yb)
        val_loss = total / n_val
        if epoch % 100 == 0:
            elapsed = time.perf_counter() - start
            print(f"epoch {epoch:5d}  val MSE {val_loss:10.4f}  {elapsed / epoch:.4f} s/epoch",
                  flush=True)
    seconds = time.perf_counter() - start

    model.eval()
    with torch.no_grad():
        predictions = torch.cat([model(xb).squeeze(-1) for xb, _ in val_loader])
    mae = (predictions - targets[n_train:]).abs().mean().item()

    per_epoch = seconds / max(args.epochs, 1)
    print(f"{args.epochs} epochs in {seconds:.2f} s ({per_epoch:.4f} s/epoch), "
          f"validation MAE {mae:.4f}, torch {torch.__version__}, threads {torch.get_num_threads()}")
    if args.json:
        print(json.dumps({
            "framework": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
            "seed": args.seed, "epochs": args.epochs, "train_windows": n_train,
            "validation_windows": n_val, "seconds_total": round(seconds, 4),
            "seconds_per_epoch": round(per_epoch, 6), "final_val_mse": val_loss,
            "val_mae": mae, "python": platform.python_version(), "machine": platform.machine(),
        }))


if __name__ == "__main__":
    main()
