"""Section 11.6: the book's GRU with dropout beside the same GRU without it and, with
--recurrent-dropout P, with the recurrent (variational) dropout the chapter describes, which
PyTorch's nn.GRU does not offer: the GRU is written out by hand for it.

    python Tools/book_pytorch/dropout.py --quick
    python Tools/book_pytorch/dropout.py --layout sequence --recurrent-dropout 0.2 --epochs 20
"""
import torch
from torch import nn

from common import cet_loaders, fit, options, validation_mae
from gru_lstm import BookGRU


# snippet.variational-gru
class VariationalGRU(nn.Module):
    """A GRU layer whose state loses the same units at every step of a sequence on its way to
    W_hh (Gal and Ghahramani): one mask per sequence, drawn when the batch arrives."""

    def __init__(self, inputs, hidden, p):
        super().__init__()
        self.hidden, self.p = hidden, p
        self.ih = nn.Linear(inputs, 3 * hidden)  # W_ir, W_iz, W_in stacked, as nn.GRU stores them
        self.hh = nn.Linear(hidden, 3 * hidden)  # W_hr, W_hz, W_hn
        for weight in self.parameters():  # nn.GRU's initialisation: U(-1/sqrt(H), 1/sqrt(H))
            nn.init.uniform_(weight, -hidden ** -0.5, hidden ** -0.5)
    # snippet.end

    # snippet.recurrent-dropout
    def forward(self, x):  # [B, T, inputs] -> [B, T, hidden], and the last state
        h = x.new_zeros(len(x), self.hidden)
        mask = torch.ones_like(h)
        if self.training:  # zero or 1 / (1 - p), as nn.Dropout scales
            mask = torch.bernoulli(torch.full_like(h, 1 - self.p)) / (1 - self.p)
        outputs = []
        for x_t in x.unbind(1):
            i_r, i_z, i_n = self.ih(x_t).chunk(3, dim=1)
            h_r, h_z, h_n = self.hh(h * mask).chunk(3, dim=1)  # only what meets W_hh is dropped
            r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
            n = torch.tanh(i_n + r * h_n)
            h = (1 - z) * n + z * h
            outputs.append(h)
        return torch.stack(outputs, dim=1), h
# snippet.end


# snippet.model
def book_gru(inputs, layout, dropout=0.1, recurrent_dropout=0.0):
    """Section 11.5's GRU; with recurrent dropout, its GRU layers are the hand-written kind."""
    model = BookGRU(inputs, dropout=dropout, layout=layout)
    if recurrent_dropout > 0:
        model.gru1 = VariationalGRU(inputs, 100, recurrent_dropout)
        model.gru2 = VariationalGRU(100, 100, recurrent_dropout)
    return model
# snippet.end


def main():
    def more(parser):
        parser.add_argument("--recurrent-dropout", type=float, default=0.0, metavar="P",
                            help="also train with this recurrent dropout (0: skip)")
    args = options(__doc__.splitlines()[0], epochs=100, quick_epochs=5, recurrent=True, more=more)
    # snippet.data
    train_loader, val_loader, std = cet_loaders(args.quick)  # as in section 11.4
    # snippet.end

    # snippet.train
    runs = {"no dropout": {"dropout": 0.0}, "dropout 0.1": {"dropout": 0.1}}
    if args.recurrent_dropout > 0:
        runs[f"recurrent dropout {args.recurrent_dropout}"] = {
            "dropout": 0.1, "recurrent_dropout": args.recurrent_dropout}
    models = {}
    for name, settings in runs.items():
        print(name)
        models[name] = book_gru(59 if args.layout == "book" else 1, args.layout, **settings)
        optimizer = torch.optim.Adam(models[name].parameters(), lr=5e-4)
        fit(models[name], train_loader, val_loader, optimizer, args.epochs)
    # snippet.end

    # snippet.evaluate
    for name, model in models.items():
        mae, _, _ = validation_mae(model, val_loader)
        print(f"{name}: validation MAE {mae:.4f} in z-scores, {mae * std:.3f} degrees C")
    # snippet.end


if __name__ == "__main__":
    main()
