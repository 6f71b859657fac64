"""Section 11.7: the book's bidirectional GRU on the Central England daily temperatures
(notebook: validation MAE 0.2782 in z-scores after 100 epochs).

    python Tools/book_pytorch/bidirectional.py --quick
"""
import torch
from torch import nn

from common import as_steps, cet_loaders, fit, options, plot_predictions, validation_mae


# snippet.model
class BidirectionalGRU(nn.Module):
    """Two bidirectional GRU layers, the last step, a dense layer of 100, dropout, one output."""

    def __init__(self, inputs, hidden=100, dropout=0.1, layout="book"):
        super().__init__()
        self.layout = layout
        self.gru1 = nn.GRU(inputs, hidden, batch_first=True, dropout=dropout, bidirectional=True)
        # Each step's output is [forward h, backward h]: 2 * hidden values.
        self.gru2 = nn.GRU(2 * hidden, hidden, batch_first=True, dropout=dropout,
                           bidirectional=True)
        self.fc1 = nn.Linear(2 * hidden, hidden)
        self.dropout = nn.Dropout(dropout)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.gru1(as_steps(x, self.layout))  # [B, T, 200]
        out, _ = self.gru2(out)
        return self.linear(self.dropout(torch.relu(self.fc1(out[:, -1, :]))))
# snippet.end


def main():
    args = options(__doc__.splitlines()[0], epochs=100, quick_epochs=5, recurrent=True)
    # snippet.data
    train_loader, val_loader, std = cet_loaders(args.quick)  # as in section 11.4
    # snippet.end

    # snippet.train
    model = BidirectionalGRU(59 if args.layout == "book" else 1, layout=args.layout)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    fit(model, train_loader, val_loader, optimizer, args.epochs)
    # snippet.end

    # snippet.evaluate
    mae, predictions, actual = validation_mae(model, val_loader)
    print(f"validation MAE {mae:.4f} in z-scores, {mae * std:.3f} degrees C (book: 0.2782)")
    plot_predictions(actual, predictions, args.plot, "Bidirectional GRU on CET")
    # snippet.end


if __name__ == "__main__":
    main()
