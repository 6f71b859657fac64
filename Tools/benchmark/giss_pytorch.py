"""The chapter's simple RNN on the GISS station record in PyTorch on the CPU, for side-by-side timing
with `ch11-giss-rnn`: same data, windows, model, batch size and optimiser.

    python Tools/benchmark/giss_pytorch.py --epochs 500 --layout book --threads 2
"""
import argparse
import time
import warnings

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from bench_data import station_series

WINDOW, SPLIT, BATCH, LR, HIDDEN, DROPOUT = 48, 800, 64, 1e-4, 100, 0.3


class SimpleRNN(nn.Module):
    def __init__(self, inputs):
        super().__init__()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dropout on a one-layer RNN, as the notebook passes it
            self.rnn1 = nn.RNN(inputs, HIDDEN, batch_first=True, dropout=DROPOUT)
            self.rnn2 = nn.RNN(HIDDEN, HIDDEN, batch_first=True, dropout=DROPOUT)
        self.drop, self.out = nn.Dropout(DROPOUT), nn.Linear(HIDDEN, 1)

    def forward(self, x):
        x, _ = self.rnn1(x)
        x, _ = self.rnn2(x)
        return self.out(self.drop(x[:, -1, :]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=500)
    ap.add_argument("--layout", choices=["book", "sequence"], default="book")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--data", default="data/station.csv")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    windows = torch.from_numpy(station_series(args.data)).unfold(0, WINDOW, 1)
    x, y = windows[:, :-1], windows[:, -1]
    x = x.unsqueeze(1) if args.layout == "book" else x.unsqueeze(-1)
    n_train = SPLIT - WINDOW + 1
    train_loader = DataLoader(TensorDataset(x[:n_train], y[:n_train]), batch_size=BATCH, shuffle=True)
    val_loader = DataLoader(TensorDataset(x[n_train:], y[n_train:]), batch_size=BATCH, shuffle=False)
    model = SimpleRNN(x.shape[-1])
    loss_fn, opt = nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=LR)
    start = time.perf_counter()
    for _ in range(args.epochs):
        model.train()
        for xb, yb in train_loader:
            opt.zero_grad()
            loss_fn(model(xb).squeeze(-1), yb).backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            for xb, yb in val_loader:
                loss_fn(model(xb).squeeze(-1), yb).item()
    seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        predictions = torch.cat([model(xb).squeeze(-1) for xb, _ in val_loader])
    mae = (predictions - y[n_train:]).abs().mean().item()
    print(f"{args.layout} layout: {args.epochs} epochs, {seconds / args.epochs:.4f} s/epoch, validation MAE {mae:.4f} "
          f"(torch {torch.__version__}, {torch.get_num_threads()} threads)")


if __name__ == "__main__":
    main()
