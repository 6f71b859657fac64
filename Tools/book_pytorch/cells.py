"""Sections 11.3 and 11.5: the loops that nn.RNN, nn.GRU and nn.LSTM run inside, written out one time
step at a time with the modules' own weights, and checked against the modules.

    python Tools/book_pytorch/cells.py

Trains nothing: it runs each module and its written-out twin on a small random batch and exits 1 if
any output differs by more than float32 rounding.
"""
import sys

import torch
from torch import nn


# snippet.rnn-loop
def rnn_layer(x, W_ih, W_hh, b_ih, b_hh):
    """nn.RNN(batch_first=True) written out: x [B, T, C] -> every step's h, [B, T, H]."""
    h = x.new_zeros(len(x), len(W_hh))  # h_0 = 0
    outputs = []
    for x_t in x.unbind(1):  # x_t [B, C]: step t of every sequence
        h = torch.tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        outputs.append(h)
    return torch.stack(outputs, dim=1)  # out; out[:, -1, :] is the last h
# snippet.end


# snippet.gru-step
def gru_step(x_t, h, W_ih, W_hh, b_ih, b_hh):
    """One step of nn.GRU: x_t [B, C] and h [B, H] -> the next h. Blocks in PyTorch's order r, z, n."""
    i_r, i_z, i_n = (x_t @ W_ih.T + b_ih).chunk(3, dim=1)
    h_r, h_z, h_n = (h @ W_hh.T + b_hh).chunk(3, dim=1)  # h_n holds W_hn h + b_hn
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)  # r scales the recurrent part, b_hn included
    return (1 - z) * n + z * h
# snippet.end


# snippet.lstm-step
def lstm_step(x_t, h, c, W_ih, W_hh, b_ih, b_hh):
    """One step of nn.LSTM: x_t [B, C], h and c [B, H] -> the next h and c. Order i, f, g, o."""
    i, f, g, o = (x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh).chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)
    return h, c
# snippet.end


def weights(module):
    """A one-layer module's W_ih, W_hh, b_ih, b_hh, as the functions above take them."""
    return module.weight_ih_l0, module.weight_hh_l0, module.bias_ih_l0, module.bias_hh_l0


def unroll_gru(x, module):
    h, outputs = x.new_zeros(len(x), module.hidden_size), []
    for x_t in x.unbind(1):
        h = gru_step(x_t, h, *weights(module))
        outputs.append(h)
    return torch.stack(outputs, dim=1)


def unroll_lstm(x, module):
    h = c = x.new_zeros(len(x), module.hidden_size)
    outputs = []
    for x_t in x.unbind(1):
        h, c = lstm_step(x_t, h, c, *weights(module))
        outputs.append(h)
    return torch.stack(outputs, dim=1)


def main():
    torch.manual_seed(0)
    inputs, hidden = 3, 5
    failed = 0
    with torch.no_grad():
        for steps in (1, 7):  # one step, as in the book's layout, and a real sequence
            x = torch.randn(4, steps, inputs)  # 4 sequences of `steps` steps, 3 values a step
            rnn = nn.RNN(inputs, hidden, batch_first=True)
            gru = nn.GRU(inputs, hidden, batch_first=True)
            lstm = nn.LSTM(inputs, hidden, batch_first=True)
            for name, mine, theirs in [
                ("nn.RNN", rnn_layer(x, *weights(rnn)), rnn(x)[0]),
                ("nn.GRU", unroll_gru(x, gru), gru(x)[0]),
                ("nn.LSTM", unroll_lstm(x, lstm), lstm(x)[0]),
            ]:
                same = torch.allclose(mine, theirs, rtol=1e-5, atol=1e-6)
                largest = (mine - theirs).abs().max().item()
                print(f"{'ok  ' if same else 'FAIL'} {name:8s} {steps} step(s): "
                      f"largest difference {largest:.2e}")
                failed += not same
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
