#!/usr/bin/env python3
"""The Chapter 11 recurrent models at the CET settings in JAX, the twin of recurrent_pytorch.py.

Seconds per training epoch (a pass over the training windows in shuffled batches of 128, then a
validation pass) of the simple RNN, GRU, LSTM and bidirectional GRU (jax_models.py), hidden size 100,
dropout 0.1, Adam 5e-4, MSE, on random values in [-2, 2) of the CET shapes (79,941 training and 11,502
validation windows of 59 features), in the `book` layout ([B, 1, 59]: one step) or the `sequence`
layout ([B, 59, 1]: 59 steps, run by lax.scan).

The training step is one jit-compiled function, compiled in the first epoch, which is not timed: each
model trains --epochs epochs (at least 2) and the seconds per epoch are those of the epochs after the
first. Example:

    python Tools/benchmark/recurrent_jax.py --model all --layout both --epochs 2 --threads 2
"""
import argparse
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from jax_models import CELLS, book_model, predictor, unused_parameters
from jax_training import Run, Steps, fit, pin_threads, versions

FEATURES, TRAIN, VALIDATION, DROPOUT, BATCH, LR = 59, 79_941, 11_502, 0.1, 128, 5e-4


def shaped(features, layout):
    """[N, 59] -> [N, 1, 59] (book) or [N, 59, 1] (sequence)."""
    return features[:, None, :] if layout == "book" else features[:, :, None]


def time_model(name, layout, data, args):
    """Trains one model; returns (seconds per timed epoch, parameters, the last validation MSE)."""
    train_x, train_y, val_x, val_y = data
    inputs = FEATURES if layout == "book" else 1
    params = jax.jit(partial(book_model, name=name, inputs=inputs))(jax.random.PRNGKey(args.seed))
    parameters = sum(p.size for p in jax.tree_util.tree_leaves(params)) + unused_parameters(name)
    run = Run(Steps(predictor(name, DROPOUT), LR), params, BATCH, args.seed)
    mse, per_epoch = fit(run, (shaped(train_x, layout), train_y), (shaped(val_x, layout), val_y), args.epochs)
    return per_epoch, parameters, mse


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=[*CELLS, "all"], default="all")
    ap.add_argument("--layout", choices=["book", "sequence", "both"], default="both")
    ap.add_argument("--epochs", type=int, default=2, help="epochs to train; all but the first are timed")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--train", type=int, default=TRAIN, help="training windows")
    ap.add_argument("--validation", type=int, default=VALIDATION, help="validation windows")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    threads = pin_threads(args.threads)

    # Random values in [-2, 2), roughly the range of the z-scored temperatures, as the PyTorch twin.
    draw = np.random.default_rng(args.seed)
    shapes = (args.train, FEATURES), (args.train,), (args.validation, FEATURES), (args.validation,)
    data = [jnp.asarray(draw.random(shape, dtype=np.float32) * 4 - 2) for shape in shapes]

    names = list(CELLS) if args.model == "all" else [args.model]
    layouts = ["book", "sequence"] if args.layout == "both" else [args.layout]
    print(f"{versions()}, {threads} CPUs, {args.epochs} epochs (the first not timed), "
          f"{args.train} train / {args.validation} validation windows, batch {BATCH}", flush=True)
    for layout in layouts:
        for name in names:
            per_epoch, parameters, mse = time_model(name, layout, data, args)
            print(f"{name:6s} {layout:9s} {per_epoch:9.4f} s/epoch {parameters:8d} parameters, "
                  f"validation MSE {mse:.4f}", flush=True)


if __name__ == "__main__":
    main()
