#!/usr/bin/env python3
"""PyTorch reference values for the SequenceNet layer tests.

Writes Tests/SequenceNetTests/Fixtures/layers.json (path relative to the package root): forward
outputs and gradients of Linear, Conv1d, ReLU and MSELoss, three Adam steps (and three more with
gradients of order 1e-8, where eps decides the step), and one full forward/backward/Adam step of a
small version of the chapter's CNN. Every tensor is stored as a
flat row-major list of the float32 values. Gradients come from backward() with a random upstream
gradient (grad_output).
"""
import json
import os

import torch
from torch import nn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "SequenceNetTests", "Fixtures", "layers.json")


def flat(t):
    return t.detach().double().flatten().tolist()


def linear_case(name, n_in, n_out, batch):
    layer = nn.Linear(n_in, n_out)
    x = torch.randn(batch, n_in, requires_grad=True)
    y = layer(x)
    upstream = torch.randn_like(y)
    y.backward(upstream)
    return {
        "name": name, "in_features": n_in, "out_features": n_out, "batch": batch,
        "weight": flat(layer.weight), "bias": flat(layer.bias),
        "input": flat(x), "grad_output": flat(upstream), "output": flat(y),
        "grad_input": flat(x.grad), "grad_weight": flat(layer.weight.grad),
        "grad_bias": flat(layer.bias.grad),
    }


def conv1d_case(name, c_in, c_out, k, padding, batch, length):
    layer = nn.Conv1d(c_in, c_out, k, stride=1, padding=padding)
    x = torch.randn(batch, c_in, length, requires_grad=True)
    y = layer(x)
    upstream = torch.randn_like(y)
    y.backward(upstream)
    return {
        "name": name, "in_channels": c_in, "out_channels": c_out, "kernel_size": k,
        "padding": padding, "batch": batch, "length": length, "output_length": y.shape[-1],
        "weight": flat(layer.weight), "bias": flat(layer.bias),
        "input": flat(x), "grad_output": flat(upstream), "output": flat(y),
        "grad_input": flat(x.grad), "grad_weight": flat(layer.weight.grad),
        "grad_bias": flat(layer.bias.grad),
    }


def relu_case(count=20):
    values = torch.randn(count)
    while (values == 0).any():  # a zero input would make the ReLU derivative ambiguous
        values = torch.randn(count)
    x = values.clone().requires_grad_(True)
    y = torch.relu(x)
    upstream = torch.randn_like(y)
    y.backward(upstream)
    return {"input": flat(x), "grad_output": flat(upstream), "output": flat(y),
            "grad_input": flat(x.grad)}


def mse_case(n=7):
    prediction = torch.randn(n, requires_grad=True)
    target = torch.randn(n)
    loss = nn.MSELoss()(prediction, target)
    loss.backward()
    return {"prediction": flat(prediction), "target": flat(target),
            "loss": float(loss.item()), "grad_prediction": flat(prediction.grad)}


def adam_case(n=6, steps=3, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, gradient_scale=1.0):
    param = nn.Parameter(torch.randn(n))
    start = flat(param)
    opt = torch.optim.Adam([param], lr=lr, betas=betas, eps=eps)
    grads, after = [], []
    for _ in range(steps):
        g = torch.randn(n) * gradient_scale
        param.grad = g.clone()
        opt.step()
        grads.append(flat(g))
        after.append(flat(param))
    return {"lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps, "param": start,
            "grads": grads, "params_after": after}


class MiniCNN(nn.Module):
    """The chapter's CNN layout with 8 filters instead of 128."""

    def __init__(self, features, channels):
        super().__init__()
        self.conv = nn.Conv1d(1, channels, 3, padding=1)
        self.fc1 = nn.Linear(channels * features, 28)
        self.fc2 = nn.Linear(28, 10)
        self.fc3 = nn.Linear(10, 1)

    def forward(self, x):
        h = torch.relu(self.conv(x.unsqueeze(1)))
        h = torch.flatten(h, 1)
        h = torch.relu(self.fc1(h))
        h = torch.relu(self.fc2(h))
        return self.fc3(h)


def mini_cnn_case(batch=4, features=29, channels=8, lr=1e-3):
    model = MiniCNN(features, channels)
    names = ["conv.weight", "conv.bias", "fc1.weight", "fc1.bias",
             "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"]
    named = dict(model.named_parameters())
    assert sorted(named) == sorted(names)
    params_before = {k: flat(named[k]) for k in names}
    x = torch.randn(batch, features)
    target = torch.randn(batch)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    opt.zero_grad()
    out = model(x).squeeze(-1)
    loss = nn.MSELoss()(out, target)
    loss.backward()
    grads = {k: flat(named[k].grad) for k in names}
    opt.step()
    return {"batch": batch, "features": features, "channels": channels,
            "input": flat(x), "target": flat(target), "params": params_before,
            "output": flat(out), "loss": float(loss.item()), "grads": grads,
            "adam_lr": lr, "params_after_adam_step": {k: flat(named[k]) for k in names}}


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)

    linear = [linear_case("in3_out2_batch4", 3, 2, 4),
              linear_case("in29_out28_batch5", 29, 28, 5)]
    conv_specs = [(1, 4, 3, 0, 2, 10), (1, 4, 3, 1, 2, 10), (2, 3, 5, "same", 2, 9),
                  (3, 2, 5, 0, 3, 12), (2, 3, 3, "same", 2, 7), (2, 3, 4, "same", 2, 8),
                  (2, 2, 3, 2, 1, 6)]
    conv1d = [conv1d_case(f"in{ci}_out{co}_k{k}_pad{p}_batch{b}_len{n}", ci, co, k, p, b, n)
              for ci, co, k, p, b, n in conv_specs]

    payload = {
        "generator": f"Tools/reference/make_layer_fixtures.py, torch {torch.__version__}",
        "linear": linear,
        "conv1d": conv1d,
        "relu": relu_case(),
        "mse": mse_case(),
        "adam": adam_case(),
        "mini_cnn": mini_cnn_case(),
        # Gradients near eps, where it matters whether eps is added to sqrt(v) or inside it.
        "adam_tiny_gradients": adam_case(gradient_scale=1e-8),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(payload, fh, separators=(",", ":"))
        fh.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
