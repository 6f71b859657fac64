#!/usr/bin/env python3
"""PyTorch reference values for the SequenceNet recurrent-layer tests.

Writes Tests/SequenceNetTests/Fixtures/recurrent.json (path relative to the package root).

"cases": one entry per nn.RNN (tanh) / nn.GRU / nn.LSTM configuration, built with PyTorch's
default initialisation, batch_first=True, dropout 0 and a zero initial state. Each entry stores
the parameters (state_dict names), a random input x of shape [B, T, C], the output [B, T, D*H],
h_n (and c_n for the LSTM) in PyTorch's [L*D, B, H] layout, and the gradients of x and of every
parameter after output.backward(grad_output) with a random grad_output. D is 2 for a
bidirectional layer, else 1. Tensors are flat row-major lists of the float32 values.

"book_models": parameter counts of the chapter's four recurrent models (as the companion
notebooks define them) for 47 input features (GISS, window 48) and 59 (CET, window 60).

"book_model_passes": each of those four models, shrunk to hidden size 4, in eval mode (dropout
off) on a random sequence-layout input [2, 6, 1]: its parameters in parameters() order with their
names, the output [2, 1], and the gradients of the input and of every parameter after
output.backward(grad_output). This checks the models whole: two stacked modules, out[:, -1, :]
and the layers after it, as the notebooks' forward() composes them.
"""
import json
import os
import warnings

import torch
from torch import nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "SequenceNetTests", "Fixtures", "recurrent.json")

CELLS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}


def flat(t):
    return t.detach().double().flatten().tolist()


def recurrent_case(name, cell, c, h, layers, bidirectional, batch, steps):
    kwargs = dict(input_size=c, hidden_size=h, num_layers=layers, batch_first=True,
                  bidirectional=bidirectional, dropout=0.0)
    if cell == "rnn":
        kwargs["nonlinearity"] = "tanh"
    module = CELLS[cell](**kwargs)
    x = torch.randn(batch, steps, c, requires_grad=True)
    if cell == "lstm":
        y, (h_n, c_n) = module(x)
    else:
        y, h_n = module(x)
        c_n = None
    upstream = torch.randn_like(y)
    y.backward(upstream)

    named = dict(module.named_parameters())
    case = {
        "name": name, "cell": cell, "input_size": c, "hidden_size": h, "num_layers": layers,
        "bidirectional": bidirectional, "batch": batch, "steps": steps,
        "params": {k: flat(p) for k, p in named.items()},
        "input": flat(x), "grad_output": flat(upstream), "output": flat(y),
        "final_hidden": flat(h_n),
    }
    if c_n is not None:
        case["final_cell"] = flat(c_n)
    case["grad_input"] = flat(x.grad)
    case["grads"] = {k: flat(p.grad) for k, p in named.items()}
    return case


# The chapter's models. Only their parameter counts are used, so forward() follows the notebooks
# but is never called here. dropout= on a one-layer recurrent module has no effect (PyTorch warns).

class BookSimpleRNN(nn.Module):
    def __init__(self, features, hidden=100, dropout=0.3):
        super().__init__()
        self.rnn1 = nn.RNN(features, hidden, batch_first=True, dropout=dropout)
        self.rnn2 = nn.RNN(hidden, hidden, batch_first=True, dropout=dropout)
        self.dropout = nn.Dropout(dropout)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.rnn1(x)
        out, _ = self.rnn2(out)
        return self.linear(self.dropout(out[:, -1, :]))


class BookGRU(nn.Module):
    def __init__(self, features, hidden=100, dropout=0.1):
        super().__init__()
        self.rnn1 = nn.GRU(features, hidden, batch_first=True, dropout=dropout)
        self.rnn2 = nn.GRU(hidden, hidden, batch_first=True, dropout=dropout)
        self.fc1 = nn.Linear(hidden, hidden)  # defined, never used in forward()
        self.dropout = nn.Dropout(dropout)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.rnn1(x)
        out, _ = self.rnn2(out)
        return self.linear(self.dropout(out[:, -1, :]))


class BookLSTM(nn.Module):
    def __init__(self, features, hidden=100, dropout=0.1):
        super().__init__()
        self.lstm1 = nn.LSTM(features, hidden, batch_first=True, dropout=dropout)
        self.lstm2 = nn.LSTM(hidden, hidden, batch_first=True, dropout=dropout)
        self.fc1 = nn.Linear(hidden, hidden)  # defined, never used in forward()
        self.relu = nn.ReLU()
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.lstm1(x)
        out, _ = self.lstm2(out)
        return self.linear(out[:, -1, :])


class BookBidirectionalGRU(nn.Module):
    def __init__(self, features, hidden=100, dropout=0.1):
        super().__init__()
        self.gru1 = nn.GRU(features, hidden, batch_first=True, dropout=dropout, bidirectional=True)
        self.gru2 = nn.GRU(2 * hidden, hidden, batch_first=True, dropout=dropout,
                           bidirectional=True)
        self.fc1 = nn.Linear(2 * hidden, hidden)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(dropout)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.gru1(x)
        out, _ = self.gru2(out)
        return self.linear(self.dropout(self.relu(self.fc1(out[:, -1, :]))))


# The four models by fixture key, with the dropout each notebook passes.
BOOK_MODELS = {"simple_rnn": (BookSimpleRNN, 0.3), "gru": (BookGRU, 0.1),
               "lstm": (BookLSTM, 0.1), "bidirectional_gru": (BookBidirectionalGRU, 0.1)}


def book_model_counts():
    counts = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # one-layer dropout warning
        for key, (cls, dropout) in BOOK_MODELS.items():
            counts[key] = {str(f): sum(p.numel() for p in cls(f, 100, dropout).parameters())
                           for f in (47, 59)}
    return counts


def book_model_passes():
    passes = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # one-layer dropout warning
        for key, (cls, dropout) in BOOK_MODELS.items():
            model = cls(1, 4, dropout).eval()
            x = torch.randn(2, 6, 1, requires_grad=True)
            y = model(x)
            upstream = torch.randn_like(y)
            y.backward(upstream)
            named = list(model.named_parameters())
            passes[key] = {
                "names": [name for name, _ in named],
                "params": [flat(p) for _, p in named],
                "input": flat(x), "output": flat(y), "grad_output": flat(upstream),
                "grad_input": flat(x.grad),
                # fc1 of the GRU and LSTM models is never called: PyTorch leaves its gradient None.
                "grads": [flat(p.grad) if p.grad is not None else None for _, p in named],
            }
    return passes


BOOK_NOTES = ("fc1 is nn.Linear(100, 100) in the GRU and LSTM models: defined but never called in "
              "forward(), yet counted by parameters() (10100 parameters). The chapter's GRU listings "
              "omit it; its shape is taken from the chapter's LSTM listing. In the bidirectional GRU "
              "fc1 is nn.Linear(200, 100) and is used. Dropout: 0.3 for the simple RNN (GISS), 0.1 "
              "for the GRU, LSTM and bidirectional GRU (CET); dropout never changes the counts.")

# Order matters: every case draws from the one seeded generator in turn.
SPECS = []
for _cell in ("rnn", "gru", "lstm"):
    SPECS += [
        (f"{_cell} book layout", _cell, 59, 100, 1, False, 3, 1),
        (f"{_cell} sequence small", _cell, 1, 5, 1, False, 2, 47),
        (f"{_cell} two layers", _cell, 3, 4, 2, False, 2, 6),
        (f"{_cell} bidirectional", _cell, 3, 4, 1, True, 2, 5),
    ]
SPECS += [
    ("gru bidirectional two layers", "gru", 2, 3, 2, True, 2, 4),
    ("gru bidirectional book layout", "gru", 59, 100, 1, True, 2, 1),
    # Wanted T=47 here, but the file then passes 4 MB (8.9 MB; the four book-layout cases alone
    # are about 7 MB), so this case uses the agreed fallback of 12 steps.
    ("gru sequence H100", "gru", 1, 100, 1, False, 2, 12),
]


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)

    cases = [recurrent_case(*spec) for spec in SPECS]
    payload = {
        "generator": f"Tools/reference/make_recurrent_fixtures.py, torch {torch.__version__}",
        "cases": cases,
        "book_models": book_model_counts(),
        "book_model_passes": book_model_passes(),
        "book_models_notes": BOOK_NOTES,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(payload, fh, separators=(",", ":"))
        fh.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
