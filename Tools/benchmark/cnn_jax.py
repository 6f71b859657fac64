#!/usr/bin/env python3
"""The Chapter 11 CNN in JAX, the twin of cnn_pytorch.py: the same series, windows, network (Conv1d
1->128, kernel 3, padding 1; ReLU; flatten; dense 28, 10, 1 with ReLU between), PyTorch's initialisation,
Adam 1e-4, MSE, batch 32 shuffled every epoch, and a validation pass every epoch.

The training step is one jit-compiled function. Compilation happens in the first epoch, which is not
timed: the seconds per epoch are those of epochs 2 to --epochs. --threads N lets the process run on N
CPUs (jax_training.pin_threads says why not XLA_FLAGS). Example:

    python Tools/benchmark/cnn_jax.py --epochs 200 --threads 2
"""
import argparse

import jax
import jax.numpy as jnp
import numpy as np

from bench_data import synthetic_series, windows
from jax_layers import apply_conv1d, apply_linear, conv1d, linear
from jax_training import Run, Steps, fit, pin_threads, versions

WINDOW, SPLIT, BATCH, LR, CHANNELS = 30, 1000, 32, 1e-4, 128


def chapter_cnn(key, features=WINDOW - 1, channels=CHANNELS):
    k = jax.random.split(key, 4)
    return {"conv": conv1d(k[0], 1, channels, 3), "dense": [linear(k[1], channels * features, 28),
                                                            linear(k[2], 28, 10), linear(k[3], 10, 1)]}


def predict(params, x, key):
    """[B, 29] -> [B]; flattened channel by channel ([B, C, T] -> [B, C T]) as nn.Flatten does."""
    h = jax.nn.relu(apply_conv1d(params["conv"], x[:, None, :]))
    h = h.reshape(h.shape[0], -1)
    for layer in params["dense"][:-1]:
        h = jax.nn.relu(apply_linear(layer, h))
    return apply_linear(params["dense"][-1], h)[:, 0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=1000, help="epochs to train; all but the first are timed")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    threads = pin_threads(args.threads)

    data = windows(synthetic_series(), WINDOW)
    inputs, targets = jnp.asarray(data[:, :-1]), jnp.asarray(data[:, -1])
    n_train = SPLIT - WINDOW + 1
    train, validation = (inputs[:n_train], targets[:n_train]), (inputs[n_train:], targets[n_train:])
    run = Run(Steps(predict, LR), chapter_cnn(jax.random.PRNGKey(args.seed)), BATCH, args.seed)

    def report(epoch, mse, per_epoch):
        if epoch % 100 == 0:
            print(f"epoch {epoch:5d}  val MSE {mse:10.4f}  {per_epoch:.4f} s per timed epoch", flush=True)

    mse, per_epoch = fit(run, train, validation, args.epochs, report)
    mae = float(np.abs(run.predictions(validation[0]) - np.asarray(validation[1])).mean())
    print(f"{args.epochs} epochs, the last {args.epochs - 1} timed in {per_epoch * (args.epochs - 1):.2f} s "
          f"({per_epoch:.4f} s/epoch), validation MSE {mse:.4f}, validation MAE {mae:.4f}, {versions()}, "
          f"{threads} CPUs")


if __name__ == "__main__":
    main()
