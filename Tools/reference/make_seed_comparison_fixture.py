"""Writes Tests/ChapterTests/Fixtures/seed-comparisons.json: the numbers chapter-sync's verdicts rest on
(Sources/ChapterSync/SeedComparison.swift), computed here another way for the Swift tests to match.

    python Tools/reference/make_seed_comparison_fixture.py   (needs numpy and scipy)

The interval on the difference comes from scipy's own t-tests (`ttest_ind(equal_var=False)`,
`ttest_rel`, `ttest_1samp` and their `confidence_interval`), not from a Welch formula written again;
the detectable difference from scipy's t quantiles. The probability of improvement and its bootstrap
use SplitMix64 written in Python integers, so the resampled values are the Swift ones exactly.
"""
import json
import os
import random

import numpy as np
import scipy
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "ChapterTests", "Fixtures", "seed-comparisons.json")
MASK = (1 << 64) - 1
RESAMPLES, RESAMPLING_SEED = 10_000, 42


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def index(self, count):
        return (self.next() * count) >> 64


def probability(a, b, paired, lower):
    """P(A beats B), ties half, as a fraction of whole pairs."""
    beats = (lambda x, y: x < y) if lower else (lambda x, y: x > y)
    pairs = list(zip(a, b)) if paired else [(x, y) for x in a for y in b]
    halves = sum(1 if x == y else 2 if beats(x, y) else 0 for x, y in pairs)
    return halves / (2 * len(pairs))


def bootstrap(a, b, paired, lower, a_threshold, b_threshold):
    random_source = SplitMix64(RESAMPLING_SEED)
    estimates = []
    for _ in range(RESAMPLES):
        if paired:
            picks = [random_source.index(len(a)) for _ in a]
            x, y = [a[j] for j in picks], [b[j] for j in picks]
        else:
            x = a if a_threshold else [a[random_source.index(len(a))] for _ in a]
            y = b if b_threshold else [b[random_source.index(len(b))] for _ in b]
        estimates.append(probability(x, y, paired, lower))
    estimates.sort()
    return estimates[250 - 1], estimates[9750 - 1]


def interval(a, b, paired, a_threshold, b_threshold):
    """(difference, low, high, degrees, standard error) from scipy's t-tests."""
    if paired:
        test = stats.ttest_rel(a, b)
        difference = float(np.mean(np.array(a) - np.array(b)))
        shift = 0.0
    elif b_threshold:
        test = stats.ttest_1samp(a, popmean=b[0])
        difference, shift = float(np.mean(a)) - b[0], b[0]
    elif a_threshold:
        test = stats.ttest_1samp(b, popmean=a[0])
        difference, shift = a[0] - float(np.mean(b)), None
    else:
        test = stats.ttest_ind(a, b, equal_var=False)
        difference, shift = float(np.mean(a)) - float(np.mean(b)), 0.0
    ci = test.confidence_interval(0.95)
    if a_threshold:  # the interval is on B's mean; A − B runs the other way
        low, high = a[0] - ci.high, a[0] - ci.low
    else:
        low, high = ci.low - shift, ci.high - shift
    degrees = float(test.df)
    error = (high - low) / 2 / stats.t.ppf(0.975, degrees)
    return difference, float(low), float(high), degrees, float(error)


def counts(a, b, seeds_a, seeds_b, paired, lower, a_threshold, b_threshold):
    beats = (lambda x, y: x < y) if lower else (lambda x, y: x > y)
    if b_threshold:
        return sum(beats(x, b[0]) for x in a), len(a), False
    if a_threshold:
        return sum(beats(a[0], y) for y in b), len(b), False
    if paired:
        return sum(beats(x, y) for x, y in zip(a, b)), len(a), False
    if seeds_a and seeds_b and sorted(seeds_a) == sorted(seeds_b):
        by_seed = dict(zip(seeds_b, b))
        return sum(beats(x, by_seed[s]) for s, x in zip(seeds_a, a)), len(a), False
    return sum(beats(x, y) for x in a for y in b), len(a) * len(b), True


def case(name, a, b, lower, paired=False, seeds_a=None, seeds_b=None, a_threshold=False, b_threshold=False):
    if a_threshold or b_threshold:
        seeds_a = seeds_a if not a_threshold else None
        seeds_b = seeds_b if not b_threshold else None
    result = {"name": name, "a": a, "b": b, "claims_lower": lower, "paired": paired,
              "seeds_a": seeds_a, "seeds_b": seeds_b, "a_threshold": a_threshold,
              "b_threshold": b_threshold}
    spread = [side for side, threshold in ((a, a_threshold), (b, b_threshold)) if not threshold]
    if paired:
        spread = [list(np.array(a) - np.array(b))]
    if all(np.var(side) == 0 for side in spread):
        difference = float(np.mean(a) - np.mean(b)) if not paired else float(np.mean(np.array(a) - np.array(b)))
        low = high = difference
        degrees, detectable = None, 0.0
    else:
        difference, low, high, degrees, error = interval(a, b, paired, a_threshold, b_threshold)
        detectable = (stats.t.ppf(0.975, degrees) + stats.t.ppf(0.80, degrees)) * error
    if (high < 0) if lower else (low > 0):
        verdict = "holds"
    elif (low > 0) if lower else (high < 0):
        verdict = "does not hold"
    else:
        verdict = "not shown"
    p_low, p_high = bootstrap(a, b, paired, lower, a_threshold, b_threshold)
    favourable, comparisons, pairs = counts(a, b, seeds_a, seeds_b, paired, lower, a_threshold, b_threshold)
    result.update({
        "mean_a": float(np.mean(a)), "mean_b": float(np.mean(b)), "difference": difference,
        "low": low, "high": high, "degrees": degrees, "detectable": float(detectable),
        "probability": probability(a, b, paired, lower), "probability_low": p_low,
        "probability_high": p_high, "favourable": favourable, "comparisons": comparisons,
        "counts_pairs": pairs, "verdict": verdict})
    return result


def main():
    five = [42, 43, 44, 45, 46]
    ten = list(range(42, 52))
    generator = random.Random(29)
    noisy = [round(generator.gauss(0.2440, 0.0015), 6) for _ in ten]
    quiet = [round(generator.gauss(0.2452, 0.0004), 6) for _ in ten]
    cases = [
        # The example: dropout lower in all five seeds, the ranges overlapping by 0.0002.
        case("dropout below no dropout", [0.2436, 0.2450, 0.2443, 0.2434, 0.2434],
             [0.2455, 0.2473, 0.2463, 0.2488, 0.2448], True, seeds_a=five, seeds_b=five),
        case("cnn above dnn", [4.7211, 4.6724, 4.8012, 5.0145, 4.9088],
             [4.4883, 4.5412, 5.0854, 4.6021, 4.6790], False, seeds_a=five, seeds_b=five),
        case("same runs, paired", [0.2201, 0.2156, 0.2221, 0.2210, 0.2217],
             [0.2092, 0.2072, 0.2132, 0.2081, 0.2083], False, paired=True, seeds_a=five, seeds_b=five),
        case("below a threshold", [225.0, 81.0, 339.0, 301.0, 180.0], [500.0], True,
             seeds_a=five, b_threshold=True),
        case("a threshold below a study", [0.5], [1.0, 2.0, 1.0, 1.0, 3.0], True,
             seeds_b=five, a_threshold=True),
        case("no spread at all", [1.0, 1.0, 1.0, 1.0, 1.0], [0.5], False, seeds_a=five, b_threshold=True),
        case("ties in whole epochs, other seeds", [46.0, 29.0, 74.0, 29.0, 52.0],
             [29.0, 36.0, 17.0, 29.0, 33.0, 46.0, 29.0], False, seeds_a=five,
             seeds_b=[1, 2, 3, 4, 5, 6, 7]),
        case("ten against ten, unequal spread", noisy, quiet, True, seeds_a=ten, seeds_b=ten),
        case("ten against ten, the other way", quiet, noisy, True, seeds_a=ten, seeds_b=ten),
        case("three against ten", [0.2433, 0.2430, 0.2438], noisy, False, seeds_a=[42, 43, 44], seeds_b=ten),
        case("paired ten", noisy, [x + 0.0003 + generator.gauss(0, 0.0002) for x in noisy], True,
             paired=True, seeds_a=ten, seeds_b=ten),
    ]
    # Samples whose bootstrap estimates differ at a percentile's rank and the rank beside it (most
    # tie there), so that a percentile read one rank off is caught: below and at the 2.5th, below and
    # at the 97.5th.
    edges = [
        ([1.0086, -1.1686, -0.0667, 0.9535, 0.8562, 1.4911, -1.7014, -0.3534, -0.3409, 0.6233],
         [1.3918, -2.3828, 1.3887, -1.1475, 0.9831, -1.1921, 0.4759, 1.4947, 0.1507, 0.4911]),
        ([0.7971, 0.1414, -0.0885, 1.5333, 1.0485, -0.2938, 2.7453, -1.1468, 0.9146, -0.2657],
         [0.4324, 1.005, 0.5222, 0.9386, -1.2273, -1.2095, 0.9149, -0.6632, -0.7266, -1.1701]),
        ([1.2664, 0.7466, 1.4731, -0.9377, 0.001, -1.1403, 0.766, 1.5894, -0.8902, 1.5603],
         [1.288, 0.1222, -1.672, 1.7066, 0.2037, -0.3028, 0.6996, 0.71, 1.7981, -0.7201]),
        ([1.1362, 1.4874, 1.4522, -0.1806, -0.744, 1.0186, 0.1152, 0.1242, 1.4242, -0.2634],
         [-1.9967, -0.0872, -1.5539, 1.1188, 0.617, -0.3112, 0.2904, 1.1326, 0.3789, 1.6265]),
    ]
    cases += [case(f"percentile rank boundary {i + 1}", a, b, True, seeds_a=ten, seeds_b=ten)
              for i, (a, b) in enumerate(edges)]
    first = SplitMix64(0)
    fixture = {"generated_by": "Tools/reference/make_seed_comparison_fixture.py",
               "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
               "resamples": RESAMPLES, "resampling_seed": RESAMPLING_SEED,
               "splitmix64_seed_0": [str(first.next()) for _ in range(3)],
               "t_quantiles": [{"p": p, "degrees": d, "t": float(stats.t.ppf(p, d))}
                               for p in (0.8, 0.975) for d in (1, 2, 3.7, 4, 9, 17.25, 100)],
               "cases": cases}
    with open(OUT + ".tmp", "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    os.replace(OUT + ".tmp", OUT)
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
