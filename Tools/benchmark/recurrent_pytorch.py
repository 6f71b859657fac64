#!/usr/bin/env python3
"""PyTorch timing baseline for the Chapter 11 recurrent models at the CET settings.

Measures seconds per training epoch (one pass over the training windows, then a validation pass)
for the four recurrent networks the chapter builds for the Central England Temperature series:
simple RNN, GRU, LSTM and bidirectional GRU, hidden size 100, dropout 0.1, Adam 5e-4, MSE, batch 128.
The data are random numbers of the CET shapes (79,941 training and 11,502 validation windows of 59
features), just as `.build/release/recurrent-bench` uses on the Swift side: how long an epoch takes
does not depend on the values, so there is no need to read the data file.

Two input layouts are timed. `book` is what the companion notebooks feed the models
(`features.unsqueeze(1)`: [B, 1, 59], first layer input_size 59, one time step); `sequence` is what
the chapter's prose describes ([B, 59, 1], input_size 1, 59 time steps). Example:

    python Tools/benchmark/recurrent_pytorch.py --model all --layout both --epochs 1 --threads 2 --json
"""
import argparse
import json
import time
import warnings

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

FEATURES = 59          # window 60: 59 inputs, 1 target
TRAIN = 79_941         # CET windows before the split at 80,000
VALIDATION = 11_502    # CET windows after it
HIDDEN = 100
DROPOUT = 0.1
BATCH = 128
LR = 5e-4

# A one-layer nn.RNN/GRU/LSTM ignores its dropout= argument and warns about it. The notebooks pass
# it anyway; we keep the argument (same modules, same parameters) and silence the message.
warnings.filterwarnings("ignore", message=".*dropout option adds dropout after all but last.*")


class RNNModel(nn.Module):
    """Two simple RNN layers, last time step, dropout, one linear output."""

    def __init__(self, input_size):
        super().__init__()
        self.rnn1 = nn.RNN(input_size, HIDDEN, batch_first=True, dropout=DROPOUT)
        self.rnn2 = nn.RNN(HIDDEN, HIDDEN, batch_first=True, dropout=DROPOUT)
        self.dropout = nn.Dropout(DROPOUT)
        self.linear = nn.Linear(HIDDEN, 1)

    def forward(self, x):
        h, _ = self.rnn1(x)
        h, _ = self.rnn2(h)
        return self.linear(self.dropout(h[:, -1, :]))


class GRUModel(nn.Module):
    """Two GRU layers, last time step, dropout, linear. fc1 exists but forward never calls it."""

    def __init__(self, input_size):
        super().__init__()
        self.rnn1 = nn.GRU(input_size, HIDDEN, batch_first=True, dropout=DROPOUT)
        self.rnn2 = nn.GRU(HIDDEN, HIDDEN, batch_first=True, dropout=DROPOUT)
        self.fc1 = nn.Linear(HIDDEN, HIDDEN)  # unused, as in the book; still counted as parameters
        self.dropout = nn.Dropout(DROPOUT)
        self.linear = nn.Linear(HIDDEN, 1)

    def forward(self, x):
        h, _ = self.rnn1(x)
        h, _ = self.rnn2(h)
        return self.linear(self.dropout(h[:, -1, :]))


class LSTMModel(nn.Module):
    """Two LSTM layers, last time step straight into the linear output. fc1 unused (as the book)."""

    def __init__(self, input_size):
        super().__init__()
        self.lstm1 = nn.LSTM(input_size, HIDDEN, batch_first=True, dropout=DROPOUT)
        self.lstm2 = nn.LSTM(HIDDEN, HIDDEN, batch_first=True, dropout=DROPOUT)
        self.fc1 = nn.Linear(HIDDEN, HIDDEN)  # unused, as in the book; still counted as parameters
        self.linear = nn.Linear(HIDDEN, 1)

    def forward(self, x):
        h, _ = self.lstm1(x)
        h, _ = self.lstm2(h)
        return self.linear(h[:, -1, :])


class BiGRUModel(nn.Module):
    """Two bidirectional GRU layers, last time step, dense 200->100, ReLU, dropout, linear."""

    def __init__(self, input_size):
        super().__init__()
        self.gru1 = nn.GRU(input_size, HIDDEN, batch_first=True, dropout=DROPOUT, bidirectional=True)
        self.gru2 = nn.GRU(2 * HIDDEN, HIDDEN, batch_first=True, dropout=DROPOUT, bidirectional=True)
        self.fc1 = nn.Linear(2 * HIDDEN, HIDDEN)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(DROPOUT)
        self.linear = nn.Linear(HIDDEN, 1)

    def forward(self, x):
        h, _ = self.gru1(x)
        h, _ = self.gru2(h)
        return self.linear(self.dropout(self.relu(self.fc1(h[:, -1, :]))))


MODELS = {"rnn": RNNModel, "gru": GRUModel, "lstm": LSTMModel, "bigru": BiGRUModel}


def shaped(features, layout):
    """[N, 59] -> [N, 1, 59] (book: one step of 59 features) or [N, 59, 1] (sequence: 59 steps)."""
    return features.unsqueeze(1) if layout == "book" else features.unsqueeze(-1)


def time_model(name, layout, data, args):
    """Build one model, train it for args.epochs epochs, return (seconds per epoch, parameters, the last
    validation MSE)."""
    train_x, train_y, val_x, val_y = data
    torch.manual_seed(args.seed)  # same initial weights and shuffles for every run of a model
    model = MODELS[name](FEATURES if layout == "book" else 1)
    parameters = sum(p.numel() for p in model.parameters())
    train_loader = DataLoader(TensorDataset(shaped(train_x, layout), train_y),
                              batch_size=BATCH, shuffle=True)
    val_loader = DataLoader(TensorDataset(shaped(val_x, layout), val_y),
                            batch_size=BATCH, shuffle=False)
    loss_fn = nn.MSELoss()
    opt = torch.optim.Adam(model.parameters(), lr=LR)

    val_loss = float("nan")
    start = time.perf_counter()
    for _ in range(args.epochs):
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
        val_loss = total / len(val_y)
    seconds = time.perf_counter() - start
    return seconds / max(args.epochs, 1), parameters, val_loss


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=[*MODELS, "all"], default="all")
    ap.add_argument("--layout", choices=["book", "sequence", "both"], default="both")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--train", type=int, default=TRAIN, help="training windows")
    ap.add_argument("--validation", type=int, default=VALIDATION, help="validation windows")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--json", action="store_true", help="print one JSON line per result at the end")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    # Random values in [-2, 2), roughly the range of the z-scored temperatures.
    data = (torch.rand(args.train, FEATURES) * 4 - 2, torch.rand(args.train) * 4 - 2,
            torch.rand(args.validation, FEATURES) * 4 - 2, torch.rand(args.validation) * 4 - 2)

    names = list(MODELS) if args.model == "all" else [args.model]
    layouts = ["book", "sequence"] if args.layout == "both" else [args.layout]
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, {args.epochs} epoch(s), "
          f"{args.train} train / {args.validation} validation windows, batch {BATCH}", flush=True)
    results = []
    for layout in layouts:
        for name in names:
            per_epoch, parameters, val_loss = time_model(name, layout, data, args)
            print(f"{name:6s} {layout:9s} {per_epoch:9.3f} s/epoch {parameters:8d} parameters, "
                  f"validation MSE {val_loss:.4f}", flush=True)
            results.append({
                "model": name, "layout": layout, "seconds_per_epoch": round(per_epoch, 6),
                "parameters": parameters, "validation_mse": val_loss, "torch": torch.__version__,
                "threads": torch.get_num_threads(), "epochs": args.epochs,
            })
    if args.json:
        for result in results:
            print(json.dumps(result))


if __name__ == "__main__":
    main()
