#!/usr/bin/env python3
"""Reference values for the Chapter 10 synthetic series used by the Chapter 11 CNN sections.

Writes Tests/WorkbookTests/Fixtures/synthetic_series.json (path relative to the package root).
The series is built in float32 with NumPy's legacy RandomState(42) Gaussian noise, following
the settings recorded in the book notes (baseline 10, slope 0.09, amplitude 20, noise level 5).
"""
import hashlib
import json
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "WorkbookTests", "Fixtures", "synthetic_series.json")

COUNT = 4 * 365 + 1
BASELINE = 10.0
SLOPE = 0.09
AMPLITUDE = 20.0
NOISE_LEVEL = 5.0
PERIOD = 365
SEED = 42


def season_shape(phase_in_year):
    # cosine hump for the first 40% of the year, exponential decay afterwards
    return np.where(phase_in_year < 0.4,
                    np.cos(phase_in_year * 2 * np.pi),
                    1 / np.exp(3 * phase_in_year))


def build_series():
    t = np.arange(COUNT, dtype="float32")
    phase = ((t + 0) % PERIOD) / PERIOD
    values = BASELINE + SLOPE * t + AMPLITUDE * season_shape(phase)
    # float64 noise added in place into the float32 array (cast back to float32)
    values += np.random.RandomState(SEED).randn(COUNT) * NOISE_LEVEL
    return values


def raw_mt19937_words(n):
    """First n raw 32-bit MT19937 outputs of RandomState(42), if randint exposes them unchanged."""
    rs = np.random.RandomState(SEED)
    words = [int(w) for w in rs.randint(0, 2**32, size=n, dtype=np.uint32)]
    # known first output of MT19937 seeded with init_genrand(42)
    return words if words[0] == 1608637542 else None


def main():
    series = build_series()
    assert series.dtype == np.float32 and series.shape == (COUNT,)
    expected = {0: "32.48357", 1: "29.395714", 2: "33.40659", 3: "37.858486", 29: "28.710733"}
    for index, text in expected.items():
        got = str(series[index])
        assert got == text, (index, got, text)

    payload = {
        "generator": f"Tools/reference/make_series_fixture.py, numpy {np.__version__}",
        "count": COUNT,
        "first10": [float(v) for v in series[:10]],
        "sha256_float32_le": hashlib.sha256(series.astype("<f4").tobytes()).hexdigest(),
        "sum_float64": float(series.astype(np.float64).sum()),
        "first_gaussians": [float(v) for v in np.random.RandomState(SEED).randn(COUNT)[:5]],
    }
    words = raw_mt19937_words(5)
    if words is not None:
        payload["mt19937_first_uint32"] = words

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(payload, fh, indent=1)
        fh.write("\n")
    print("wrote", OUT)
    print("checked:", {i: str(series[i]) for i in expected})


if __name__ == "__main__":
    main()
