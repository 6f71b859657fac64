"""How the JAX peers train: the book's loop (shuffled batches, MSE, Adam, then a validation pass every
epoch) with the whole training step (forward, loss, gradient, optax's Adam) in one jit-compiled function.

Compilation is kept out of the timings: XLA compiles a step the first time it sees a batch shape, which
is inside the first epoch, so `fit` times the epochs after the first (and needs at least two).
"""
import os
import time
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax import lax


def pin_threads(threads):
    """Lets the process run on `threads` of its CPUs, as the PyTorch peers' torch.set_num_threads.

    XLA's CPU client sizes its intra-op thread pool from the CPUs the process may run on when it starts,
    at the first computation, so this must come before any. With jaxlib 0.10, XLA_FLAGS has no thread
    count: --xla_cpu_multi_thread_eigen=false still let a 2048-square product use both cores, and
    intra_op_parallelism_threads is a compile option, not a flag (Tools/benchmark/README.md)."""
    allowed = sorted(os.sched_getaffinity(0))
    if threads < len(allowed):
        os.sched_setaffinity(0, allowed[:threads])
    return min(threads, len(allowed))


def adam(learning_rate):
    """torch.optim.Adam's defaults: betas (0.9, 0.999), eps 1e-8 added to the root of v-hat."""
    return optax.adam(learning_rate, b1=0.9, b2=0.999, eps=1e-8)


class Steps:
    """The jit-compiled steps of one model. predict(params, x, key) -> [B]; key None means evaluation
    (no dropout). The data stay on the device whole, and each batch is one call: the epoch's shuffled
    `order` and the batch's offset select its rows, and the batch's number its dropout key, inside the
    compiled step."""

    def __init__(self, predict, learning_rate):
        optimizer = self.optimizer = adam(learning_rate)

        def loss(params, x, y, key):
            return jnp.mean((predict(params, x, key) - y) ** 2)

        @partial(jax.jit, static_argnames="size", donate_argnums=(0, 1))
        def train(params, state, x, y, order, start, key, count, size):
            rows = lax.dynamic_slice_in_dim(order, start, size)
            value, grads = jax.value_and_grad(loss)(params, x[rows], y[rows], jax.random.fold_in(key, count))
            updates, state = optimizer.update(grads, state, params)
            return optax.apply_updates(params, updates), state, value

        @partial(jax.jit, static_argnames="size")
        def squared_error(params, x, y, start, total, size):
            xb, yb = lax.dynamic_slice_in_dim(x, start, size), lax.dynamic_slice_in_dim(y, start, size)
            return total + jnp.sum((predict(params, xb, None) - yb) ** 2)

        self.train, self.squared_error, self.predict = train, squared_error, jax.jit(predict)


class Run:
    """One model's training state: its parameters, Adam's state, the shuffling generator and the
    dropout key, with the book's epoch and validation pass."""

    def __init__(self, steps, params, batch, seed):
        self.steps, self.params, self.state, self.batch = steps, params, steps.optimizer.init(params), batch
        self.shuffle = np.random.default_rng(seed)
        self.key, self.count = jax.random.PRNGKey(seed + 1), 0

    def epoch(self, x, y):
        """One pass over (x, y) in a fresh random order, batches of `batch` (the last one shorter)."""
        n = len(y)
        order = jnp.asarray(self.shuffle.permutation(n).astype(np.int32))
        for start in range(0, n, self.batch):
            size = min(self.batch, n - start)
            self.params, self.state, _ = self.steps.train(self.params, self.state, x, y, order, start,
                                                          self.key, self.count, size=size)
            self.count += 1

    def validation_mse(self, x, y):
        """Mean squared error over (x, y) in batches of `batch`, in order; waits for the result."""
        total, n = jnp.float32(0), len(y)
        for start in range(0, n, self.batch):
            total = self.steps.squared_error(self.params, x, y, start, total, size=min(self.batch, n - start))
        return float(total) / n

    def predictions(self, x, params=None):
        """The outputs for x of the model (with `params` if given), in batches of `batch`, as one array."""
        params = self.params if params is None else params
        return np.concatenate([np.asarray(self.steps.predict(params, x[start:start + self.batch], None))
                               for start in range(0, len(x), self.batch)])


def fit(run, train, validation, epochs, report=None):
    """Trains `epochs` epochs (each a training pass and a validation pass); returns the last validation
    MSE and the seconds per epoch of epochs 2 to `epochs` (the first compiles the steps). report(epoch,
    validation MSE, seconds per timed epoch so far or None) is called after every epoch."""
    if epochs < 2:
        raise SystemExit(f"--epochs must be at least 2 (the first compiles and is not timed), got {epochs}")
    timed, mse = 0.0, float("nan")
    for epoch in range(1, epochs + 1):
        begin = time.perf_counter()
        run.epoch(*train)
        mse = run.validation_mse(*validation)
        if epoch > 1:
            timed += time.perf_counter() - begin
        if report:
            report(epoch, mse, timed / (epoch - 1) if epoch > 1 else None)
    return mse, timed / (epochs - 1)


def versions():
    """What the peer ran on, for its last line."""
    import jaxlib
    return f"jax {jax.__version__}, jaxlib {jaxlib.__version__}, optax {optax.__version__}"
