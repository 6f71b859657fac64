"""What every section of the chapter shares: the three data sets, z-scores, windows and the split,
the training loop and the predictions. Each section's script (cnn.py, giss_rnn.py, ...) builds
its model on top of these.

The regions marked `# snippet.NAME` ... `# snippet.end` are quoted by the workbook's pages
(chapters/*.md) beside the Swift that does the same; `swift run chapter-sync` keeps them equal.
"""
import argparse
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

DATA = Path(__file__).resolve().parents[2] / "data"


def options(description, epochs, quick_epochs, recurrent=False, more=None):
    """The command line every section takes; each default is the book's notebook setting.
    `epochs` is a number, or the book's epochs for each model --model may choose; `more` adds a
    section's own options to the parser."""
    parser = argparse.ArgumentParser(description=description)
    if isinstance(epochs, dict):
        parser.add_argument("--model", choices=list(epochs), default=next(iter(epochs)))
    parser.add_argument("--epochs", type=int, help=f"epochs to train (book: {epochs})")
    parser.add_argument("--quick", action="store_true",
                        help=f"a quick look: {quick_epochs} epochs (CET: its first 3,000 days)")
    parser.add_argument("--seed", type=int, default=42,
                        help="seeds the weights, the shuffles and dropout")
    parser.add_argument("--plot", metavar="PNG",
                        help="draw the validation predictions (needs matplotlib)")
    if recurrent:
        parser.add_argument("--layout", choices=["book", "sequence"], default="book",
                            help="book: one step of window-1 values, as the notebooks feed it; "
                                 "sequence: window-1 steps of one value, as the prose describes")
    if more:
        more(parser)
    args = parser.parse_args()
    if args.epochs is None:
        book = epochs[args.model] if isinstance(epochs, dict) else epochs
        args.epochs = quick_epochs if args.quick else book
    torch.manual_seed(args.seed)
    return args


# snippet.synthetic
def synthetic_series():
    """Chapter 10's four years of trend, yearly pattern and noise: 1,461 float32 values."""
    time = np.arange(4 * 365 + 1, dtype="float32")
    season = (time % 365) / 365
    pattern = np.where(season < 0.4, np.cos(season * 2 * np.pi), 1 / np.exp(3 * season))
    noise = np.random.RandomState(42).randn(len(time)) * 5
    return (10 + 0.09 * time + 20 * pattern + noise).astype("float32")
# snippet.end


# snippet.giss-read
def read_giss(path=DATA / "station.csv"):
    """The twelve month columns of every year row, in order, without the months marked 999.9."""
    rows = np.genfromtxt(path, delimiter=",", skip_header=1)
    months = rows[:, 1:13].reshape(-1)  # JAN..DEC of 1950, then of 1951, ...
    return months[months != 999.9]
# snippet.end


# snippet.cet-read
def read_cet(path=DATA / "tdaily_cet.dat.txt"):
    """One temperature a day from 1 January 1772: each line is `YYYYMMDD value`."""
    return np.loadtxt(path, usecols=1)
# snippet.end


# snippet.normalize
def zscores(values):
    """(x - mean) / std with the population standard deviation, kept as float32 for the model."""
    mean, std = values.mean(), values.std()
    return ((values - mean) / std).astype("float32"), std
# snippet.end


# snippet.windows
def window_loaders(series, window, split, batch_size):
    """Every run of `window` values: the first window - 1 are the inputs, the last the target.
    Windows whose target lies before `split` train; the rest validate."""
    windows = torch.from_numpy(series).unfold(0, window, 1)  # [N, window], one row per start
    features, targets = windows[:, :-1], windows[:, -1]
    train_size = split - window + 1
    train = TensorDataset(features[:train_size], targets[:train_size])
    validation = TensorDataset(features[train_size:], targets[train_size:])
    return (DataLoader(train, batch_size=batch_size, shuffle=True),
            DataLoader(validation, batch_size=batch_size))
# snippet.end


# snippet.cet-data
def cet_loaders(quick, window=60, split=80_000, batch_size=128):
    """The CET notebook's data: z-scores, windows of 60 days, split at day 80,000. A quick look
    takes the first 3,000 days and moves the split in proportion."""
    days = read_cet()
    if quick:
        split = 3_000 * split // len(days)
        days = days[:3_000]
    series, std = zscores(days)
    return (*window_loaders(series, window, split, batch_size), std)
# snippet.end


# snippet.layout
def as_steps(x, layout):
    """[B, F] -> [B, 1, F] (book: one time step of F values) or [B, F, 1] (sequence: F steps)."""
    return x.unsqueeze(1) if layout == "book" else x.unsqueeze(-1)
# snippet.end


# snippet.train-loop
def train_epoch(model, train_loader, val_loader, optimizer, epoch):
    """One epoch: a step per training batch, then the validation loss; returns both MSEs."""
    criterion = nn.MSELoss()
    model.train()  # dropout on
    total = 0.0
    for x, y in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(x).squeeze(-1), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
    predictions, actual = predict(model, val_loader)
    losses = (total / len(train_loader.dataset), criterion(predictions, actual).item())
    print(f"epoch {epoch} train_loss {losses[0]:.6f} val_loss {losses[1]:.6f}")
    return losses


def fit(model, train_loader, val_loader, optimizer, epochs):
    """Trains for `epochs` epochs; returns each epoch's training and validation MSE."""
    return [train_epoch(model, train_loader, val_loader, optimizer, epoch)
            for epoch in range(1, epochs + 1)]
# snippet.end


# snippet.predict
def predict(model, loader):
    """The model's prediction for every example of `loader`, in order, and the actual values."""
    model.eval()  # dropout off
    with torch.no_grad():
        pairs = [(model(x).squeeze(-1), y) for x, y in loader]
    return torch.cat([p for p, _ in pairs]), torch.cat([y for _, y in pairs])


def validation_mae(model, loader):
    """The mean absolute error of the model's predictions, then the predictions and targets."""
    predictions, actual = predict(model, loader)
    return (predictions - actual).abs().mean().item(), predictions, actual
# snippet.end


def plot_predictions(actual, predicted, path, title):
    """Actual and predicted validation values against the window's index, into a PNG."""
    if path is None:
        return
    import matplotlib  # only when a plot is asked for: the scripts run without it
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.figure(figsize=(10, 5))
    plt.plot(actual.numpy(), label="actual")
    plt.plot(predicted.numpy(), label="predicted")
    plt.title(title)
    plt.xlabel("validation window")
    plt.legend()
    plt.savefig(path, dpi=100)
    print(f"plot: {path}")
