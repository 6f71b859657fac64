"""The book's four recurrent models in JAX, as recurrent_pytorch.py and giss_pytorch.py build them in
PyTorch: two one-layer recurrent modules in a row (hidden size 100), the last time step, then

- rnn, gru: dropout, linear 100 -> 1;
- lstm: linear 100 -> 1, no dropout;
- bigru (bidirectional GRU layers): linear 200 -> 100, ReLU, dropout, linear 100 -> 1.

The GRU and LSTM models of the book also hold an fc1 (linear 100 -> 100) that forward never calls. It
gets no gradient, so PyTorch's Adam skips it; here it is left out of the trained parameters and only
counted, so that the parameter counts printed by the two peers agree.
"""
import jax

from jax_layers import apply_linear, apply_stacked, dropout, linear, stacked

HIDDEN = 100
CELLS = {"rnn": ("rnn", False), "gru": ("gru", False), "lstm": ("lstm", False), "bigru": ("gru", True)}


def book_model(key, name, inputs, hidden=HIDDEN):
    cell, bidirectional = CELLS[name]
    k_layers, k_fc1, k_linear = jax.random.split(key, 3)
    params = {"layers": stacked(k_layers, cell, inputs, hidden, 2, bidirectional),
              "linear": linear(k_linear, hidden, 1)}
    if name == "bigru":
        params["fc1"] = linear(k_fc1, 2 * hidden, hidden)
    return params


def unused_parameters(name, hidden=HIDDEN):
    """The uncalled fc1's weights and biases (GRU and LSTM models)."""
    return hidden * hidden + hidden if name in ("gru", "lstm") else 0


def predictor(name, rate):
    """predict(params, x [B, T, C], key or None) -> [B] for the model `name` with dropout `rate`."""
    cell, _ = CELLS[name]

    def predict(params, x, key):
        h = apply_stacked(params["layers"], cell, x)
        if name == "bigru":
            h = jax.nn.relu(apply_linear(params["fc1"], h))
        if name != "lstm":
            h = dropout(key, h, rate)
        return apply_linear(params["linear"], h)[:, 0]

    return predict
