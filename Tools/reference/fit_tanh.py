"""Fits the rational tanh of Sources/SequenceNet/Activations.swift and checks it in single precision.

    python Tools/reference/fit_tanh.py

tanh(x) is approximated on [-9, 9] as x P(x^2) / Q(x^2), P and Q of degree 4 in x^2 with P(0) = Q(0) = 1,
and held at +-1 beyond 9, where tanh(x) rounds to 1 in single precision. The coefficients come from a
linearised least-squares fit of the relative error (x P - tanh(x) Q, divided by tanh(x) times the
previous iteration's Q), in the variable (x/9)^2 so that the columns are of similar size. The check
evaluates the formula exactly as the Swift code does, in float32 with Horner's rule, on every 7th float
from 1e-30 to 9.5, and prints the largest and mean error in units in the last place against
float64 tanh rounded to float32. Needs NumPy only.
"""
import numpy as np

LIMIT, DEGREE = 9.0, 4


def fit(points=60001, iterations=8):
    x = np.cos(np.linspace(0, np.pi / 2, points)) * LIMIT
    x = x[x > 1e-6]
    v, t = (x / LIMIT) ** 2, np.tanh(x)
    powers = np.arange(DEGREE + 1)
    previous_q = np.ones_like(x)
    for _ in range(iterations):
        columns = np.hstack([x[:, None] * v[:, None] ** powers, -(t[:, None] * v[:, None] ** powers[1:])])
        weight = 1 / (t * previous_q)
        solution, *_ = np.linalg.lstsq(columns * weight[:, None], t * weight, rcond=None)
        p, q = solution[:DEGREE + 1], np.concatenate([[1.0], solution[DEGREE + 1:]])
        previous_q = np.polyval(q[::-1], v)
    scale = LIMIT ** (-2.0 * powers)  # back from (x/9)^2 to x^2
    return (p * scale).astype(np.float32), (q * scale).astype(np.float32)


def rational_tanh(x, p, q):
    """The Swift code's arithmetic, step for step, in float32."""
    c = np.clip(x.astype(np.float32), np.float32(-LIMIT), np.float32(LIMIT))
    u = c * c
    num, den = np.full_like(c, p[-1]), np.full_like(c, q[-1])
    for k in range(DEGREE - 1, -1, -1):
        num, den = num * u + p[k], den * u + q[k]
    return c * num / den


def ulps(values, exact):
    a = values.astype(np.float32).view(np.int32).astype(np.int64)
    b = exact.astype(np.float32).view(np.int32).astype(np.int64)
    return np.abs(a - b)


def main():
    p, q = fit()
    p[0] = q[0] = np.float32(1.0)
    print("P (constant first):", ", ".join(repr(float(c)) for c in p))
    print("Q (constant first):", ", ".join(repr(float(c)) for c in q))
    bits = np.arange(np.float32(1e-30).view(np.int32), np.float32(9.5).view(np.int32), 7, dtype=np.int32)
    x = bits.view(np.float32)
    error = ulps(rational_tanh(x, p, q), np.tanh(x.astype(np.float64)))
    beyond = rational_tanh(np.array([9.0, 10.0, 88.0, 1e30], dtype=np.float32), p, q)
    print(f"{x.size} floats in [1e-30, 9.5]: largest error {error.max()} ulp (at x = {x[np.argmax(error)]}), "
          f"mean {error.mean():.3f} ulp; beyond 9: {beyond}")


if __name__ == "__main__":
    main()
