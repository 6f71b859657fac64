"""Checks that each JAX peer computes what its PyTorch twin computes: every model is built in PyTorch,
its weights are copied into the JAX parameters, and on one random batch the two must agree on the
outputs, on the loss's gradients, and on the parameters after three training steps (the jit-compiled
step with optax's Adam against torch.optim.Adam). Dropout is set to 0 on both sides for the check, since
the two draw different masks.

    .venv-bench/bin/python Tools/benchmark/jax_twin_check.py

Prints the largest differences per model and exits non-zero if one is over its tolerance.
"""
import sys

import jax
import jax.numpy as jnp
import torch
from torch import nn

import cnn_jax
import giss_pytorch
import recurrent_pytorch
import search_jax
import search_pytorch
from cnn_pytorch import ChapterCNN
from jax_models import predictor
from jax_training import Run, Steps

# Float32 sums in another order: outputs and gradients to a few units in the sixth digit. Adam's first
# steps move a parameter by about the learning rate whatever the gradient's size, so a gradient near
# zero may move the two sides' copies apart by up to 2 lr; the check allows a fortieth of that.
OUTPUTS, GRADIENTS, STEPS = 1e-5, 1e-5, 0.05


def weights(p):
    return jnp.asarray(p.detach().numpy())


def gradients(p):
    return jnp.asarray(p.grad.numpy()) if p.grad is not None else jnp.zeros(p.shape)


def dense(m, read):
    return {"w": read(m.weight), "b": read(m.bias)}


def direction(m, read, suffix=""):
    return {name: read(getattr(m, f"{torch_name}_l0{suffix}")) for name, torch_name in
            (("w_ih", "weight_ih"), ("w_hh", "weight_hh"), ("b_ih", "bias_ih"), ("b_hh", "bias_hh"))}


def book_tree(model, read):
    """A book model's JAX parameters: its two recurrent modules, fc1 if called (bigru), the output."""
    layers = [{"forward": direction(m, read), "reverse": direction(m, read, "_reverse")} if m.bidirectional
              else direction(m, read) for m in model.children() if isinstance(m, nn.RNNBase)]
    tree = {"layers": layers, "linear": dense(model.out if hasattr(model, "out") else model.linear, read)}
    if isinstance(model, recurrent_pytorch.BiGRUModel):
        tree["fc1"] = dense(model.fc1, read)
    return tree


def search_tree(net, read):
    return {"convs": [dense(m, read) for m in net if isinstance(m, nn.Conv1d)],
            "dense": [dense(m, read) for m in net if isinstance(m, nn.Linear)]}


def cnn_tree(model, read):
    tree = search_tree(model.net, read)
    return {"conv": tree["convs"][0], "dense": tree["dense"]}


def cases():
    """(name, torch model, its forward, torch -> JAX tree, JAX predict, input shape, learning rate)."""
    found = []
    for name, model_class in recurrent_pytorch.MODELS.items():
        for layout, shape in (("book", (16, 1, 59)), ("sequence", (16, 59, 1))):
            model = model_class(shape[-1])
            found.append((f"cet {name} {layout}", model, model, book_tree, predictor(name, 0.0), shape,
                          recurrent_pytorch.LR))
    for layout, shape in (("book", (16, 1, 47)), ("sequence", (16, 47, 1))):
        model = giss_pytorch.SimpleRNN(shape[-1])
        found.append((f"giss {layout}", model, model, book_tree, predictor("rnn", 0.0), shape,
                      giss_pytorch.LR))
    cnn = ChapterCNN()
    found.append(("cnn", cnn, cnn, cnn_tree, cnn_jax.predict, (16, 29), cnn_jax.LR))
    config = dict(channels=[64, 32], kernel=5, dense=[32, 16], lr=1e-3)
    net = search_pytorch.build(config)
    found.append(("search [64, 32], k 5", net, lambda x: net(x.unsqueeze(1)), search_tree,
                  search_jax.predict, (16, 29), config["lr"]))
    return found


def largest(a, b):
    return max(float(jnp.max(jnp.abs(u - v))) for u, v in
               zip(jax.tree_util.tree_leaves(a), jax.tree_util.tree_leaves(b)))


def compare(name, model, forward, tree, predict, shape, lr):
    """The largest differences: outputs; gradients over the largest gradient; parameters after three
    steps over the learning rate."""
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.p = 0.0
    x, y = torch.rand(*shape) * 4 - 2, torch.rand(shape[0]) * 4 - 2
    jx, jy = jnp.asarray(x.numpy()), jnp.asarray(y.numpy())
    params = tree(model, weights)
    torch_outputs = jnp.asarray(forward(x).detach().numpy()[:, 0])
    outputs = float(jnp.max(jnp.abs(predict(params, jx, None) - torch_outputs)))
    nn.functional.mse_loss(forward(x).squeeze(-1), y).backward()
    jax_gradients = jax.grad(lambda p: jnp.mean((predict(p, jx, None) - jy) ** 2))(params)
    torch_gradients = tree(model, gradients)
    scale = max(float(jnp.max(jnp.abs(g))) for g in jax.tree_util.tree_leaves(torch_gradients))
    gradient_gap = largest(jax_gradients, torch_gradients) / scale

    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    run = Run(Steps(predict, lr), params, shape[0], 0)
    order = jnp.arange(shape[0], dtype=jnp.int32)
    for step in range(3):
        optimiser.zero_grad()
        nn.functional.mse_loss(forward(x).squeeze(-1), y).backward()
        optimiser.step()
        run.params, run.state, _ = run.steps.train(run.params, run.state, jx, jy, order, 0, run.key, step,
                                                   size=shape[0])
    return outputs, gradient_gap, largest(run.params, tree(model, weights)) / lr


def main():
    torch.manual_seed(0)
    failed = False
    print(f"{'model':24}{'outputs':>10}{'gradients':>11}{'steps':>10}")
    for case in cases():
        outputs, gradient_gap, steps = compare(*case)
        bad = outputs > OUTPUTS or gradient_gap > GRADIENTS or steps > STEPS
        failed |= bad
        print(f"{case[0]:24}{outputs:10.1e}{gradient_gap:11.1e}{steps:10.1e}{'  FAILED' if bad else ''}")
    print("(largest differences: of the outputs; of the gradients, over the largest gradient; of the\n"
          " parameters after three Adam steps, over the learning rate)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
