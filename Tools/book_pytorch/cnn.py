"""Section 11.1: a one-dimensional convolution in front of a small dense network, trained on
Chapter 10's synthetic series (notebook: MAE 5.33 after 1,000 epochs). `--model dnn` trains
Chapter 10's dense network instead, the baseline the chapter compares the CNN with (MAE 4.3663).

    python Tools/book_pytorch/cnn.py --quick
    python Tools/book_pytorch/cnn.py --model dnn
"""
import torch
from torch import nn

from common import fit, options, plot_predictions, synthetic_series, validation_mae
from common import window_loaders

WINDOW, SPLIT = 30, 1000


# snippet.model
class CNN(nn.Module):
    """128 filters of width 3 over the 29 inputs, then dense layers of 28, 10 and 1."""

    def __init__(self, features=WINDOW - 1, filters=128):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv1d(1, filters, kernel_size=3, padding=1), nn.ReLU(),  # keeps 29 positions
            nn.Flatten(),  # [B, 128, 29] -> [B, 128 * 29]
            nn.Linear(filters * features, 28), nn.ReLU(),
            nn.Linear(28, 10), nn.ReLU(),
            nn.Linear(10, 1),
        )

    def forward(self, x):
        return self.layers(x.unsqueeze(1))  # [B, 29] -> [B, 1, 29]: one channel of 29 values
# snippet.end


# snippet.dnn-model
def dnn(features=WINDOW - 1):
    """Chapter 10's dense network: 29 inputs, two hidden layers of 10 units."""
    return nn.Sequential(
        nn.Linear(features, 10), nn.ReLU(),
        nn.Linear(10, 10), nn.ReLU(),
        nn.Linear(10, 1),
    )
# snippet.end


def main():
    args = options(__doc__.splitlines()[0], epochs={"cnn": 1000, "dnn": 100}, quick_epochs=30)
    dense = args.model == "dnn"
    # snippet.data
    series = synthetic_series()  # 1,461 values
    train_loader, val_loader = window_loaders(series, WINDOW, SPLIT, batch_size=32)
    # 971 training windows (targets before index 1000) and 461 validation windows
    # snippet.end

    # snippet.train
    model = dnn() if dense else CNN()
    # The CNN trains at 1e-4; Chapter 10's network at Adam's default, 1e-3.
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3 if dense else 1e-4)
    fit(model, train_loader, val_loader, optimizer, args.epochs)
    # snippet.end

    # snippet.evaluate
    mae, predictions, actual = validation_mae(model, val_loader)
    print(f"validation MAE {mae:.4f} (book: {4.3663 if dense else 5.33})")
    plot_predictions(actual, predictions, args.plot, "DNN" if dense else "CNN")
    # snippet.end


if __name__ == "__main__":
    main()
