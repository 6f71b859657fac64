"""The chapter's simple RNN on the GISS station record in JAX, the twin of giss_pytorch.py: the same
data, windows of 48 (47 inputs), split at 800, the model (two simple RNN layers of 100, the last step,
dropout 0.3, linear), batch 64 shuffled every epoch, Adam 1e-4, MSE, and a validation pass every epoch.

The training step is one jit-compiled function, compiled in the first epoch, which is not timed: the
seconds per epoch are those of epochs 2 to --epochs.

    python Tools/benchmark/giss_jax.py --epochs 500 --layout book --threads 2
"""
import argparse
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from bench_data import station_series, windows
from jax_models import book_model, predictor
from jax_training import Run, Steps, fit, pin_threads, versions

WINDOW, SPLIT, BATCH, LR, DROPOUT = 48, 800, 64, 1e-4, 0.3


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=500, help="epochs to train; all but the first are timed")
    ap.add_argument("--layout", choices=["book", "sequence"], default="book")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--data", default="data/station.csv")
    args = ap.parse_args()
    threads = pin_threads(args.threads)

    data = windows(station_series(args.data), WINDOW)
    x, y = data[:, :-1], data[:, -1]
    x = jnp.asarray(x[:, None, :] if args.layout == "book" else x[:, :, None])
    y = jnp.asarray(y)
    n_train = SPLIT - WINDOW + 1
    params = jax.jit(partial(book_model, name="rnn", inputs=x.shape[-1]))(jax.random.PRNGKey(args.seed))
    run = Run(Steps(predictor("rnn", DROPOUT), LR), params, BATCH, args.seed)
    mse, per_epoch = fit(run, (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:]), args.epochs)
    mae = float(np.abs(run.predictions(x[n_train:]) - np.asarray(y[n_train:])).mean())
    print(f"{args.layout} layout: {args.epochs} epochs (the first not timed), {per_epoch:.4f} s/epoch, "
          f"validation MAE {mae:.4f}, validation MSE {mse:.4f} ({versions()}, {threads} CPUs)")


if __name__ == "__main__":
    main()
