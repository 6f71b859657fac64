"""Section 11.2: the search over 48 CNN architectures, each trained with early stopping (patience
10, at most 100 epochs) and scored on its best epoch's weights (the book's winner: MAE 4.4439).

    python Tools/book_pytorch/search.py --quick
"""
import itertools
from copy import deepcopy

import torch
from torch import nn

from common import options, plot_predictions, synthetic_series, train_epoch, validation_mae
from common import window_loaders

WINDOW, SPLIT = 30, 1000
# snippet.space
# The book's conv_channels_options, kernel_sizes, dense_sizes_options and learning_rates. Its
# num_conv_layers_options, [1, 2], is the length of each channel list here.
CHANNELS = [[32], [64], [32, 16], [64, 32]]  # one or two convolution layers
KERNEL_SIZES = [3, 5]
DENSE_SIZES = [[16], [32, 16], [64, 32]]
LEARNING_RATES = [1e-3, 1e-4]
# snippet.end


# snippet.model
class CNN1D(nn.Module):
    """A convolution layer per entry of `conv_channels`, each keeping all 29 positions, then dense
    layers of `dense_sizes` with ReLU between, then one output."""

    def __init__(self, conv_channels, kernel_size, dense_sizes, features=WINDOW - 1):
        super().__init__()
        layers, channels = [], 1
        for out_channels in conv_channels:
            layers += [nn.Conv1d(channels, out_channels, kernel_size, padding="same"), nn.ReLU()]
            channels = out_channels
        layers.append(nn.Flatten())
        width = features * channels
        for size in dense_sizes:
            layers += [nn.Linear(width, size), nn.ReLU()]
            width = size
        layers.append(nn.Linear(width, 1))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x.unsqueeze(1))  # [B, 29] -> [B, 1, 29]
# snippet.end


# snippet.early-stopping
def fit_with_patience(model, train_loader, val_loader, optimizer, epochs, patience):
    """Trains until `patience` epochs in a row bring no lower validation loss; returns a copy of the
    model from its best epoch."""
    best_loss, best_model, waited = float("inf"), deepcopy(model), 0
    for epoch in range(1, epochs + 1):
        _, val_loss = train_epoch(model, train_loader, val_loader, optimizer, epoch)
        if val_loss < best_loss:
            best_loss, best_model, waited = val_loss, deepcopy(model), 0
        else:
            waited += 1
        if waited >= patience:
            print(f"early stopping after {epoch} epochs")
            break
    return best_model
# snippet.end


def main():
    args = options(__doc__.splitlines()[0], epochs=100, quick_epochs=5)
    # snippet.data
    series = synthetic_series()  # 11.1's data: 971 training and 461 validation windows
    train_loader, val_loader = window_loaders(series, WINDOW, SPLIT, batch_size=32)
    configurations = [  # the book's nested loops, in the same order: 48 configurations
        {"conv_channels": c, "kernel_size": k, "dense_sizes": d, "learning_rate": lr}
        for c, k, d, lr in itertools.product(CHANNELS, KERNEL_SIZES, DENSE_SIZES, LEARNING_RATES)]
    # snippet.end
    if args.quick:
        configurations = configurations[:6]

    # snippet.train
    results = []
    for index, config in enumerate(configurations):
        print(f"configuration {index + 1}/{len(configurations)}: {config}")
        model = CNN1D(config["conv_channels"], config["kernel_size"], config["dense_sizes"])
        optimizer = torch.optim.Adam(model.parameters(), lr=config["learning_rate"])
        best = fit_with_patience(model, train_loader, val_loader, optimizer, args.epochs, patience=10)
        mae, predictions, actual = validation_mae(best, val_loader)
        results.append((mae, index, config, predictions, actual))
    # snippet.end

    # snippet.evaluate
    results.sort(key=lambda result: result[0])
    for rank, (mae, index, config, _, _) in enumerate(results[:10], start=1):
        print(f"{rank:2d}  index {index:2d}  validation MAE {mae:.4f}  {config}")
    mae, _, config, predictions, actual = results[0]
    print(f"winner: {config}, MAE {mae:.4f} (the book's winner, 64/32 filters, kernel 5, dense 64/32, "
          "lr 1e-4: 4.4439)")
    plot_predictions(actual, predictions, args.plot, "Best searched CNN")
    # snippet.end


if __name__ == "__main__":
    main()
