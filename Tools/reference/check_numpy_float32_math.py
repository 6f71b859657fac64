#!/usr/bin/env python3
"""NumPy reference data for Sources/WorkbookData/NumPyFloat32Math.swift (float32 np.cos / np.exp).

    check_numpy_float32_math.py dump OUTDIR
        Writes OUTDIR/{cos,exp}_{book,sweep}.bin: little-endian uint32 pairs (input bits, NumPy
        output bits). "book" holds the 1461 arguments of the book's series (ph*2*pi and 3*ph);
        "sweep" holds random and edge-case float32 inputs. A scratch Swift program reads them.

    check_numpy_float32_math.py exhaustive LIBRARY
        Loads a shared library exporting `void npf32_cos(const float*, float*, long)` and
        `npf32_exp(...)` (the Swift port behind @_cdecl) and compares all 2^32 float32 inputs
        with NumPy bit for bit (NaN payloads included), chunk by chunk.

Not part of the build. Needs numpy 2.4.6 on an AVX2/FMA3 x86_64 machine without AVX-512.
"""
import ctypes
import os
import sys

import numpy as np


def book_arguments():
    t = np.arange(4 * 365 + 1, dtype="float32")
    ph = ((t + 0) % 365) / 365
    return {"cos": ph * 2 * np.pi, "exp": 3 * ph}


def sweep_arguments(name):
    rng = np.random.default_rng(2024)
    parts = [rng.uniform(-100, 100, 4_000_000).astype(np.float32),
             rng.uniform(-10, 10, 2_000_000).astype(np.float32),
             np.arange(-(2**20), 2**20, dtype=np.float32) * np.float32(2.0**-15)]
    if name == "exp":   # overflow, underflow and subnormal-result boundaries
        for centre in (88.72283935546875, -103.97208404541015625, -87.33654, -86.6):
            c = np.array([centre], np.float32).view(np.uint32)[0]
            parts.append((np.arange(-200_000, 200_000) + np.int64(c)).astype(np.uint32).view(np.float32))
    else:               # Cody-Waite limit and large arguments
        c = np.array([71476.0625], np.float32).view(np.uint32)[0]
        parts.append((np.arange(-200_000, 200_000) + np.int64(c)).astype(np.uint32).view(np.float32))
        parts.append(rng.uniform(-1e6, 1e6, 500_000).astype(np.float32))
    special = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 3.4e38, -3.4e38], np.float32)
    x = np.concatenate(parts + [special, -parts[-1]])
    return np.ascontiguousarray(x, dtype=np.float32)


def dump(outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, fn in (("cos", np.cos), ("exp", np.exp)):
        for tag, x in (("book", book_arguments()[name]), ("sweep", sweep_arguments(name))):
            x = np.ascontiguousarray(x, dtype=np.float32)
            with np.errstate(all="ignore"):
                y = fn(x)
            pairs = np.stack([x.view(np.uint32), y.view(np.uint32)], axis=1).astype("<u4")
            pairs.tofile(os.path.join(outdir, f"{name}_{tag}.bin"))
            print(f"{name}_{tag}.bin: {len(x)} pairs")


def exhaustive(library):
    lib = ctypes.CDLL(library)
    chunk = 1 << 24
    out = np.empty(chunk, np.float32)
    for name, fn in (("cos", np.cos), ("exp", np.exp)):
        port = getattr(lib, f"npf32_{name}")
        mismatches, examples = 0, []
        for start in range(0, 1 << 32, chunk):
            x = np.arange(start, start + chunk, dtype=np.uint64).astype(np.uint32).view(np.float32)
            with np.errstate(all="ignore"):
                want = fn(x)
            port(x.ctypes.data_as(ctypes.c_void_p), out.ctypes.data_as(ctypes.c_void_p), ctypes.c_long(chunk))
            bad = want.view(np.uint32) != out.view(np.uint32)
            mismatches += int(bad.sum())
            for i in np.flatnonzero(bad)[:max(0, 5 - len(examples))]:
                examples.append((hex(int(x.view(np.uint32)[i])), float(x[i]), float(want[i]), float(out[i])))
        print(f"{name}: {mismatches} mismatches over 2^32 inputs", examples)


if __name__ == "__main__":
    mode, arg = sys.argv[1:3]
    dump(arg) if mode == "dump" else exhaustive(arg)
