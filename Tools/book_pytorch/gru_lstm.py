"""Section 11.5: the book's GRU and LSTM models on the Central England daily temperatures
(hidden 100, dropout 0.1, Adam 5e-4, batch 128, 100 epochs).

    python Tools/book_pytorch/gru_lstm.py --quick --model lstm
"""
import torch
from torch import nn

from common import as_steps, cet_loaders, fit, options, plot_predictions, validation_mae


# snippet.model
class BookGRU(nn.Module):
    """Two GRU layers, the last step's output, dropout, one linear output."""

    def __init__(self, inputs, hidden=100, dropout=0.1, layout="book"):
        super().__init__()
        self.layout = layout
        # As in section 11.3, dropout= on a one-layer GRU does nothing.
        self.gru1 = nn.GRU(inputs, hidden, batch_first=True, dropout=dropout)
        self.gru2 = nn.GRU(hidden, hidden, batch_first=True, dropout=dropout)
        self.fc1 = nn.Linear(hidden, hidden)  # the notebook defines it; forward never calls it
        self.dropout = nn.Dropout(dropout)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.gru1(as_steps(x, self.layout))
        out, _ = self.gru2(out)
        return self.linear(self.dropout(out[:, -1, :]))
# snippet.end


# snippet.lstm-model
class BookLSTM(nn.Module):
    """Two LSTM layers, the last step's output straight into one linear output (no dropout)."""

    def __init__(self, inputs, hidden=100, dropout=0.1, layout="book"):
        super().__init__()
        self.layout = layout
        self.lstm1 = nn.LSTM(inputs, hidden, batch_first=True, dropout=dropout)
        self.lstm2 = nn.LSTM(hidden, hidden, batch_first=True, dropout=dropout)
        self.fc1 = nn.Linear(hidden, hidden)  # unused, as in the notebook
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.lstm1(as_steps(x, self.layout))  # the second value is (h_n, c_n)
        out, _ = self.lstm2(out)
        return self.linear(out[:, -1, :])
# snippet.end


def main():
    args = options(__doc__.splitlines()[0], epochs={"gru": 100, "lstm": 100}, quick_epochs=5,
                   recurrent=True)
    # snippet.data
    train_loader, val_loader, std = cet_loaders(args.quick)  # as in section 11.4
    # snippet.end

    # snippet.train
    model_class = BookGRU if args.model == "gru" else BookLSTM
    model = model_class(59 if args.layout == "book" else 1, layout=args.layout)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    fit(model, train_loader, val_loader, optimizer, args.epochs)
    # snippet.end

    # snippet.evaluate
    mae, predictions, actual = validation_mae(model, val_loader)
    print(f"{args.model}: validation MAE {mae:.4f} in z-scores, {mae * std:.3f} degrees C")
    plot_predictions(actual, predictions, args.plot, f"{args.model.upper()} on CET")
    # snippet.end


if __name__ == "__main__":
    main()
