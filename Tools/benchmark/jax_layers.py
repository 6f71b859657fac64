"""The layers the JAX peers build their models from, with PyTorch's equations and default initialisation
(nn.Linear, nn.Conv1d, nn.RNN, nn.GRU, nn.LSTM, bidirectional=True, nn.Dropout). Parameters are plain
dicts of float32 arrays; every apply function is pure, for jax.jit and jax.grad.

Shapes: B batch, T time steps, C features or channels, H hidden size, G gates (1, 3 or 4), K kernel.
"""
import math

import jax
import jax.numpy as jnp
from jax import lax


def uniform(key, shape, bound):
    return jax.random.uniform(key, shape, jnp.float32, -bound, bound)


def linear(key, inputs, outputs):
    """nn.Linear: weight [outputs, inputs] and bias, both U(-1/sqrt(inputs), 1/sqrt(inputs))."""
    kw, kb = jax.random.split(key)
    bound = 1 / math.sqrt(inputs)
    return {"w": uniform(kw, (outputs, inputs), bound), "b": uniform(kb, (outputs,), bound)}


def apply_linear(p, x):
    """[B, in] -> [B, out]."""
    return x @ p["w"].T + p["b"]


def conv1d(key, inputs, outputs, kernel):
    """nn.Conv1d: weight [outputs, inputs, K] and bias, U(-1/sqrt(inputs K), 1/sqrt(inputs K))."""
    kw, kb = jax.random.split(key)
    bound = 1 / math.sqrt(inputs * kernel)
    return {"w": uniform(kw, (outputs, inputs, kernel), bound), "b": uniform(kb, (outputs,), bound)}


def apply_conv1d(p, x):
    """[B, C, T] -> [B, outputs, T], stride 1, zero padding K // 2 each side (the chapter's odd kernels:
    padding=1 for K = 3, padding="same")."""
    pad = p["w"].shape[2] // 2
    y = lax.conv_general_dilated(x, p["w"], (1,), [(pad, pad)], dimension_numbers=("NCH", "OIH", "NCH"))
    return y + p["b"][None, :, None]


def dropout(key, x, rate):
    """nn.Dropout in training mode (kept values scaled by 1 / (1 - rate)); key None means evaluation."""
    if key is None or rate == 0:
        return x
    keep = jax.random.bernoulli(key, 1 - rate, x.shape)
    return jnp.where(keep, x / (1 - rate), 0)


GATES = {"rnn": 1, "gru": 3, "lstm": 4}


def recurrent(key, cell, inputs, hidden):
    """One direction of nn.RNN/GRU/LSTM: w_ih [G H, inputs], w_hh [G H, H], b_ih and b_hh [G H], all
    U(-1/sqrt(H), 1/sqrt(H)); gate order as PyTorch's (GRU r, z, n; LSTM i, f, g, o)."""
    rows, bound = GATES[cell] * hidden, 1 / math.sqrt(hidden)
    k = jax.random.split(key, 4)
    return {"w_ih": uniform(k[0], (rows, inputs), bound), "w_hh": uniform(k[1], (rows, hidden), bound),
            "b_ih": uniform(k[2], (rows,), bound), "b_hh": uniform(k[3], (rows,), bound)}


def _rnn_step(p, state, xw):
    """h' = tanh(W_ih x + b_ih + W_hh h + b_hh); xw is the input half, computed before the scan."""
    h = jnp.tanh(xw + state @ p["w_hh"].T + p["b_hh"])
    return h, h


def _gru_step(p, state, xw):
    """r = s(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r (W_hn h + b_hn)),
    h' = (1 - z) n + z h."""
    hw = state @ p["w_hh"].T + p["b_hh"]
    xr, xz, xn = jnp.split(xw, 3, axis=-1)
    hr, hz, hn = jnp.split(hw, 3, axis=-1)
    r, z = jax.nn.sigmoid(xr + hr), jax.nn.sigmoid(xz + hz)
    n = jnp.tanh(xn + r * hn)
    h = (1 - z) * n + z * state
    return h, h


def _lstm_step(p, state, xw):
    """i, f, o = s(...), g = tanh(...) of W_i* x + b_i* + W_h* h + b_h*; c' = f c + i g, h' = o tanh(c')."""
    h, c = state
    i, f, g, o = jnp.split(xw + h @ p["w_hh"].T + p["b_hh"], 4, axis=-1)
    c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
    h = jax.nn.sigmoid(o) * jnp.tanh(c)
    return (h, c), h


STEPS = {"rnn": _rnn_step, "gru": _gru_step, "lstm": _lstm_step}


def apply_recurrent(p, cell, xs, reverse=False):
    """[T, B, C] -> [T, B, H], time-major, zero initial state. The input products of all steps are one
    product before the recurrence; lax.scan runs the steps (from the last with reverse=True, its outputs
    still in time order, as PyTorch's reverse direction)."""
    xw = xs @ p["w_ih"].T + p["b_ih"]
    zeros = jnp.zeros((xs.shape[1], p["w_hh"].shape[1]), xs.dtype)
    state = (zeros, zeros) if cell == "lstm" else zeros
    step = STEPS[cell]
    _, hs = lax.scan(lambda carry, x: step(p, carry, x), state, xw, reverse=reverse)
    return hs


def stacked(key, cell, inputs, hidden, layers, bidirectional):
    """Separate one-layer modules in a row, as the book builds them (no dropout between them)."""
    found = []
    for key in jax.random.split(key, layers):
        if bidirectional:
            kf, kr = jax.random.split(key)
            found.append({"forward": recurrent(kf, cell, inputs, hidden),
                          "reverse": recurrent(kr, cell, inputs, hidden)})
        else:
            found.append(recurrent(key, cell, inputs, hidden))
        inputs = hidden * (2 if bidirectional else 1)
    return found


def apply_stacked(layers, cell, x):
    """[B, T, C] (batch first) -> [B, H or 2H], the last time step's output of the last layer."""
    hs = jnp.swapaxes(x, 0, 1)
    for p in layers:
        if "forward" in p:
            hs = jnp.concatenate([apply_recurrent(p["forward"], cell, hs),
                                  apply_recurrent(p["reverse"], cell, hs, reverse=True)], axis=-1)
        else:
            hs = apply_recurrent(p, cell, hs)
    return hs[-1]
