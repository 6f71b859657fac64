"""The chapter's CNN architecture search in JAX, the twin of search_pytorch.py: the same 48
configurations (search_space.py), data, batch size 32 shuffled every epoch, Adam, MSE, early stopping
(patience 10, at most 100 epochs, the best model by validation loss kept) and winner (lowest MAE).

The training step is one jit-compiled function per learning rate; XLA compiles it again for each
configuration's shapes. Compilation is kept out of the time by running one throwaway epoch of every
configuration (its training, validation and prediction passes) before the clock starts; the search
itself then starts from fresh weights. Prints the wall time of the search as search_pytorch.py does.

    python Tools/benchmark/search_jax.py --threads 2
"""
import time
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from bench_data import synthetic_series, windows
from jax_layers import apply_conv1d, apply_linear, conv1d, linear
from jax_training import Run, Steps, pin_threads, versions
from search_space import BATCH, MAX_EPOCHS, PATIENCE, SPLIT, WINDOW, arguments, configurations, search


def build(key, config, features=WINDOW - 1):
    """Conv1d layers (padding "same"), flatten, dense layers with ReLU, linear to 1: as search_pytorch."""
    convs, dense, width_in = [], [], 1
    keys = iter(jax.random.split(key, len(config["channels"]) + len(config["dense"]) + 1))
    for filters in config["channels"]:
        convs.append(conv1d(next(keys), width_in, filters, config["kernel"]))
        width_in = filters
    width = features * width_in
    for size in config["dense"] + [1]:
        dense.append(linear(next(keys), width, size))
        width = size
    return {"convs": convs, "dense": dense}


def predict(params, x, key):
    """[B, 29] -> [B]; the model's structure is read from its parameters."""
    h = x[:, None, :]
    for conv in params["convs"]:
        h = jax.nn.relu(apply_conv1d(conv, h))
    h = h.reshape(h.shape[0], -1)
    for layer in params["dense"][:-1]:
        h = jax.nn.relu(apply_linear(layer, h))
    return apply_linear(params["dense"][-1], h)[:, 0]


def train(run, data, max_epochs=MAX_EPOCHS):
    """Trains until the validation loss has not improved for PATIENCE epochs; returns the best model's
    validation MAE and the epochs run."""
    (train_x, train_y), (val_x, val_y) = data
    best, best_loss, waited, epochs = None, float("inf"), 0, 0
    for epoch in range(1, max_epochs + 1):
        epochs = epoch
        run.epoch(train_x, train_y)
        loss = run.validation_mse(val_x, val_y)
        if loss < best_loss:
            # A copy: the next step donates the parameters' buffers to its result.
            best_loss, best, waited = loss, jax.tree_util.tree_map(jnp.copy, run.params), 0
        else:
            waited += 1
        if waited >= PATIENCE:
            break
    return float(np.abs(run.predictions(val_x, best) - np.asarray(val_y)).mean()), epochs


def main():
    args = arguments(__doc__.splitlines()[0])
    threads = pin_threads(args.threads)
    data = windows(synthetic_series(), WINDOW)
    inputs, targets = jnp.asarray(data[:, :-1]), jnp.asarray(data[:, -1])
    n_train = SPLIT - WINDOW + 1
    split = ((inputs[:n_train], targets[:n_train]), (inputs[n_train:], targets[n_train:]))

    chosen = configurations()[:args.configs]
    steps = {lr: Steps(predict, lr) for lr in {config["lr"] for config in chosen}}
    keys = jax.random.split(jax.random.PRNGKey(args.seed), len(chosen))
    inits = [jax.jit(partial(build, config=config)) for config in chosen]
    fresh = [lambda c=config, k=key, init=init: Run(steps[c["lr"]], init(k), BATCH, args.seed)
             for config, key, init in zip(chosen, keys, inits)]
    compile_start = time.perf_counter()
    for make in fresh:
        train(make(), split, max_epochs=1)
    print(f"compiled every configuration's steps in {time.perf_counter() - compile_start:.1f} s (not timed)",
          flush=True)

    seconds, (mae, index, config, epochs) = search(chosen, lambda index, _: train(fresh[index](), split))
    print(f"winner {config}: MAE {mae:.4f} after {epochs} epochs; search took {seconds:.1f} s "
          f"({versions()}, {threads} CPUs)")


if __name__ == "__main__":
    main()
