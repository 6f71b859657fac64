"""Section 11.3: a simple RNN on NASA GISS monthly temperatures at Seattle-Tacoma airport
(notebook: validation MAE 0.2135 in z-scores after 500 epochs).

    python Tools/book_pytorch/giss_rnn.py --quick
    python Tools/book_pytorch/giss_rnn.py --layout sequence --epochs 100
"""
import torch
from torch import nn

from common import as_steps, fit, options, plot_predictions, read_giss, validation_mae
from common import window_loaders, zscores


# snippet.model
class BookRNN(nn.Module):
    """Two recurrent layers of 100 units, the last step's output, dropout, one linear output."""

    def __init__(self, inputs, hidden=100, dropout=0.3, layout="book"):
        super().__init__()
        self.layout = layout
        # dropout= on a one-layer nn.RNN does nothing (PyTorch warns): it acts only between the
        # stacked layers of one module. The notebooks pass it all the same.
        self.rnn1 = nn.RNN(inputs, hidden, batch_first=True, dropout=dropout)
        self.rnn2 = nn.RNN(hidden, hidden, batch_first=True, dropout=dropout)
        self.dropout = nn.Dropout(dropout)  # the one dropout that acts
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.rnn1(as_steps(x, self.layout))  # [B, T, inputs] -> [B, T, 100]
        out, _ = self.rnn2(out)
        return self.linear(self.dropout(out[:, -1, :]))  # the last time step: [B, 100]
# snippet.end


def main():
    args = options(__doc__.splitlines()[0], epochs=500, quick_epochs=20, recurrent=True)
    # snippet.data
    series, std = zscores(read_giss())  # 897 months from January 1950
    window, split = 48, 800
    train_loader, val_loader = window_loaders(series, window, split, batch_size=64)
    # 753 training windows, 97 validation windows
    # snippet.end

    # snippet.train
    # book layout: one time step of 47 values; sequence layout: 47 steps of one value each
    model = BookRNN(window - 1 if args.layout == "book" else 1, layout=args.layout)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    fit(model, train_loader, val_loader, optimizer, args.epochs)
    # snippet.end

    # snippet.evaluate
    mae, predictions, actual = validation_mae(model, val_loader)
    print(f"validation MAE {mae:.4f} in z-scores, {mae * std:.3f} degrees C (book: 0.2135)")
    plot_predictions(actual, predictions, args.plot, f"Simple RNN on GISS ({args.layout} layout)")
    # snippet.end


if __name__ == "__main__":
    main()
