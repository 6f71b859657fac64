"""The series the benchmark peers train on, in NumPy only, so that the PyTorch and the JAX scripts read
exactly the same values (neither framework is imported here)."""
import numpy as np


def synthetic_series():
    """Chapter 10's synthetic series in float32, as the book builds it (1,461 days)."""
    t = np.arange(4 * 365 + 1, dtype="float32")
    phase = (t % 365) / 365
    shape = np.where(phase < 0.4, np.cos(phase * 2 * np.pi), 1 / np.exp(3 * phase))
    values = 10 + 0.09 * t + 20 * shape
    values += np.random.RandomState(42).randn(len(t)) * 5
    return values.astype("float32")


def station_series(path):
    """The GISS station's monthly temperatures (missing months, 999.9, dropped), z-scored, float32."""
    months = []
    with open(path) as handle:
        for line in handle.read().splitlines()[1:]:
            months += [float(v) for v in line.split(",")[1:13]]
    data = np.array(months, dtype=np.float64)
    data = data[data != 999.9]
    return ((data - data.mean()) / data.std()).astype(np.float32)


def windows(series, width):
    """[N] -> [N - width + 1, width]: every run of `width` consecutive values; torch's unfold(0, width, 1)."""
    return np.lib.stride_tricks.sliding_window_view(series, width).copy()
