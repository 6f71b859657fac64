"""Paired speed comparison of every section with the book's PyTorch code on this machine.

For each workload the Swift command and its PyTorch twin take turns ROUNDS times, so that both see the
machine in the same moods; the medians and their ratio are the result. For the recurrent workloads it
then asks `recurrent-bench --floor` how long the epoch's matrix products take at the engine's own speed
for each shape, both cores busy (oneDNN, the one product library; OpenBLAS is no longer linked): that time over the Swift epoch is the share of the epoch the products
would be at the machine's limit, and the products' own time over it is how close they come.

    python3 Tools/benchmark/paired.py [--rounds 3] [--only cnn,giss-book,...] [--save figures/bench-paired.json]

Run on an otherwise idle machine (`make bench`). Needs `.venv-bench` with torch (Tools/benchmark/README.md).
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, ".build", "debug")
BENCH = os.path.join(ROOT, "Tools", "benchmark")


def run(command):
    """Runs a command from the package root; returns its standard output and its wall time."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return done.stdout, seconds


def number(pattern, text, what):
    found = re.search(pattern, text, re.M)
    if not found:
        sys.exit(f"no {what} in:\n{text[-2000:]}")
    return float(found.group(1))


def workloads(args):
    """name -> (swift command, parse, torch command, parse, unit, recurrent-bench shape arguments or None)."""
    out = tempfile.mkdtemp(prefix="paired-")
    py, threads = args.python, str(args.threads)
    epoch = (r"^Training: ([0-9.]+) s per epoch", "s/epoch")
    table = {
        "cnn": ([f"{BUILD}/ch11-cnn", "--epochs", str(args.cnn_epochs), "--no-figures", "--no-progress", "--out", out],
                epoch, [py, f"{BENCH}/cnn_pytorch.py", "--epochs", str(args.cnn_epochs), "--threads", threads],
                (r"\(([0-9.]+) s/epoch\)", "s/epoch"), "s/epoch", None),
        "search": ([f"{BUILD}/ch11-cnn-search", "--no-figures", "--out", out + "/search"], "wall",
                   [py, f"{BENCH}/search_pytorch.py", "--threads", threads], (r"search took ([0-9.]+) s", "seconds"),
                   "s", None),
    }
    for layout in ("book", "sequence"):
        table[f"giss-{layout}"] = (
            [f"{BUILD}/ch11-giss-rnn", "--layout", layout, "--epochs", str(args.giss_epochs), "--no-figures",
             "--no-progress", "--out", out], epoch,
            [py, f"{BENCH}/giss_pytorch.py", "--layout", layout, "--epochs", str(args.giss_epochs), "--threads", threads],
            (r" ([0-9.]+) s/epoch", "s/epoch"), "s/epoch",
            ["--model", "rnn", "--layout", layout, "--features", "47", "--train", "753", "--validation", "97",
             "--batch", "64", "--dropout", "0.3"])
        for model in ("rnn", "gru", "lstm", "bigru"):
            line = rf"^{model}\s+{layout}\s+([0-9.]+)"
            table[f"cet-{model}-{layout}"] = (
                [f"{BUILD}/recurrent-bench", "--model", model, "--layout", layout], (line, "s/epoch"),
                [py, f"{BENCH}/recurrent_pytorch.py", "--model", model, "--layout", layout, "--threads", threads],
                (line, "s/epoch"), "s/epoch", ["--model", model, "--layout", layout])
    return table


def measure(name, spec, rounds):
    swift_command, swift_parse, torch_command, torch_parse, unit, _ = spec
    swift, torch = [], []
    for round_ in range(1, rounds + 1):
        text, wall = run(swift_command)
        swift.append(wall if swift_parse == "wall" else number(swift_parse[0], text, swift_parse[1]))
        text, _ = run(torch_command)
        torch.append(number(torch_parse[0], text, torch_parse[1]))
        print(f"  {name} round {round_}: swift {swift[-1]:.4f}, pytorch {torch[-1]:.4f} {unit}", flush=True)
    return swift, torch


def products_floor(bench_arguments):
    """The metered epoch's products at the engine's speed for each shape (recurrent-bench --floor). With one
    product library, the engine's choice is the fastest per shape."""
    text, _ = run([f"{BUILD}/recurrent-bench", *bench_arguments, "--epochs", "2", "--floor"])
    floors = re.search(r"^floors\t(.*)$", text, re.M).group(1).split("\t")
    fastest = chosen = float(floors[2])
    return {"gflop_per_epoch": float(floors[0]), "products_in_run_seconds": float(floors[3]),
            "metered_epoch_seconds": float(floors[4]), "products_chosen_seconds": chosen,
            "products_fastest_seconds": fastest}


def derive(result):
    """The fields computed from a row's measurements: the shares of its metered epoch, and the ratio
    it would reach if its epoch were nothing but its products at the fastest library's speed, which
    no change outside the products can pass."""
    floor = result.get("products")
    if floor is None:
        return result
    epoch = floor["metered_epoch_seconds"]
    result["products_share"] = floor["products_in_run_seconds"] / epoch
    result["limit_share"] = floor["products_fastest_seconds"] / epoch
    result["products_at_limit"] = floor["products_fastest_seconds"] / floor["products_in_run_seconds"]
    result["ratio_bound"] = result["pytorch_median"] / floor["products_fastest_seconds"]
    return result


def save(path, record):
    """Merges `record` into the file at `path` (a partial run keeps the other rows), written whole
    under a temporary name and renamed."""
    old = json.load(open(path)) if os.path.exists(path) else {}
    results = {**old.get("results", {}), **record.get("results", {})}
    record = {**old, **record, "results": {name: derive(r) for name, r in results.items()}}
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    os.replace(temporary, path)
    print(f"saved {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated workload names (default: all)")
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv-bench", "bin", "python"))
    ap.add_argument("--threads", type=int, default=2, help="PyTorch's threads")
    ap.add_argument("--cnn-epochs", type=int, default=200)
    ap.add_argument("--giss-epochs", type=int, default=100)
    ap.add_argument("--save", help="write the results as JSON here")
    ap.add_argument("--derive-only", action="store_true",
                    help="measure nothing: recompute the derived fields of every row in --save")
    args = ap.parse_args()
    if args.derive_only:
        if not args.save:
            sys.exit("--derive-only needs --save FILE")
        return save(args.save, {})
    if subprocess.run([args.python, "-c", "import torch"], capture_output=True).returncode != 0:
        sys.exit(f"No PyTorch at {args.python}: python3 -m venv .venv-bench && .venv-bench/bin/pip install torch numpy")
    subprocess.run(["swift", "build"], cwd=ROOT, check=True, capture_output=True)
    table = workloads(args)
    names = [n for n in args.only.split(",") if n] or list(table)
    unknown = [n for n in names if n not in table]
    if unknown:
        sys.exit(f"unknown workload(s) {unknown}; known: {', '.join(table)}")
    torch_version = subprocess.run([args.python, "-c", "import torch; print(torch.__version__)"],
                                   capture_output=True, text=True).stdout.strip()
    paths = product_paths(args.python)
    results = []
    for name in names:
        swift, torch = measure(name, table[name], args.rounds)
        result = {"workload": name, "unit": table[name][4], "swift": swift, "pytorch": torch,
                  "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  "swift_median": statistics.median(swift), "pytorch_median": statistics.median(torch)}
        result["ratio"] = result["pytorch_median"] / result["swift_median"]
        if table[name][5] is not None:
            floor = products_floor(table[name][5])
            result["products"] = floor
        results.append(derive(result))
    print(f"\n{'workload':22}{'Swift':>10}{'PyTorch':>10}{'ratio':>8}{'products':>10}{'at limit':>10}")
    for r in results:
        extra = (f"{r['products_share']:9.0%} {r['products_at_limit']:9.0%}" if "products" in r else "")
        print(f"{r['workload']:22}{r['swift_median']:10.4f}{r['pytorch_median']:10.4f}{r['ratio']:7.1f}x {extra}")
    print("(medians of the rounds; products: share of a metered epoch spent in matrix products; at limit: the\n"
          " fastest library per shape's time for those products over the time they took)")
    if args.save:
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "")
        record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  "cpu": cpu, "cores": os.cpu_count(), "machine": platform.platform(), "torch": torch_version,
                  "torch_threads": args.threads, "rounds": args.rounds, "cnn_epochs": args.cnn_epochs,
                  "giss_epochs": args.giss_epochs,
                  "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", ""), **paths,
                  # Keyed by workload, so that pages can name what they quote.
                  "results": {r["workload"]: r for r in results}}
        save(args.save, record)


def product_paths(python):
    """What each side's matrix products ran on: the Swift engine's pinned oneDNN path (library,
    version, ISA, threads per product), and the ISA PyTorch's own oneDNN reports on its first
    primitive (its verbose mode's `isa:` line)."""
    swift = subprocess.run(["swift", "run", "product-digests", "--path"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip().splitlines()[-1]
    probe = "import torch; torch.nn.Conv1d(1, 8, 3)(torch.randn(4, 1, 29))"
    verbose = subprocess.run([python, "-c", probe], capture_output=True, text=True,
                             env={**os.environ, "ONEDNN_VERBOSE": "1", "DNNL_VERBOSE": "1"}).stdout
    isa = next((line.split("isa:", 1)[1].strip() for line in verbose.splitlines() if ",isa:" in line), "")
    return {"swift_product_path": json.loads(swift), "pytorch_onednn_isa": isa}


if __name__ == "__main__":
    main()
