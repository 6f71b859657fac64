"""Paired speed comparison of every section with two peers on this machine: the book's code in PyTorch
and the project's own JAX version of it.

For each workload the Swift command and its twins take turns ROUNDS times, the order rotated every round,
so that all see the machine in the same moods; the medians and their ratios are the result, above all
the ratio against the faster peer. For the recurrent workloads it then asks `recurrent-bench --floor` how
long the epoch's matrix products take at the engine's own speed for each shape, both cores busy (oneDNN,
the one product library): that time over the Swift epoch is the share of the epoch the products would be
at the machine's limit, and the products' own time over it is how close they come. `recurrent-bench --peak`
adds the processor's own multiply-add peak on both cores at the pinned AVX2 width: the epoch's products at
that speed bound what any arrangement of the same products could reach.

    python3 Tools/benchmark/paired.py [--rounds 3] [--only cnn,giss-book,...] [--peers torch,jax]
                                      [--save figures/bench-paired.json]

Run on an otherwise idle machine (`make bench`). Needs `.venv-bench` with torch, jax and optax
(Tools/benchmark/README.md).
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
import time

from lever_ab import paired_ratio

from paired_workloads import BUILD, PEER_NAMES, PEERS, ROOT, Report, workloads

INSTALL = "python3 -m venv .venv-bench && .venv-bench/bin/pip install torch numpy jax optax"


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


def report_seconds(path):
    """The seconds per epoch a run report records."""
    try:
        with open(path) as report:
            return float(json.load(report)["seconds_per_epoch"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        sys.exit(f"no seconds per epoch in the run report {path}: {error}")


def time_of(command, parse):
    """Runs one side's command once and reads its time as `parse` says (see paired_workloads)."""
    if isinstance(parse, Report) and os.path.exists(parse.path):
        os.remove(parse.path)  # so that a run which writes no report cannot pass off the last round's
    text, wall = run(command)
    if parse == "wall":
        return wall
    if isinstance(parse, Report):
        return report_seconds(parse.path)
    return number(parse[0], text, parse[1])


def measure(name, workload, sides, rounds):
    """Runs every side once per round, round r starting at side r (mod the sides); returns side -> times
    and the order of each round."""
    times, orders = {side: [] for side in sides}, []
    for round_ in range(rounds):
        order = sides[round_ % len(sides):] + sides[:round_ % len(sides)]
        for side in order:
            times[side].append(time_of(*workload.commands[side]))
        orders.append(order)
        shown = ", ".join(f"{side} {times[side][-1]:.4f}" for side in sides)
        print(f"  {name} round {round_ + 1}: {shown} {workload.unit}", flush=True)
    return times, orders


def products_floor(bench_arguments):
    """The metered epoch's products at the engine's speed for each shape (recurrent-bench --floor). With one
    product library, the engine's choice is the fastest per shape."""
    text, _ = run([f"{BUILD}/recurrent-bench", *bench_arguments, "--epochs", "2", "--floor"])
    floors = re.search(r"^floors\t(.*)$", text, re.M).group(1).split("\t")
    fastest = chosen = float(floors[2])
    return {"gflop_per_epoch": float(floors[0]), "products_in_run_seconds": float(floors[3]),
            "metered_epoch_seconds": float(floors[4]), "products_chosen_seconds": chosen,
            "products_fastest_seconds": fastest}


def this_cpu():
    """The processor's model name, as /proc/cpuinfo gives it."""
    return next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                 if line.startswith("model name")), "")


def multiply_add_peak():
    """GFLOP/s of both cores' 8-wide multiply-adds at once (recurrent-bench --peak)."""
    text, _ = run([f"{BUILD}/recurrent-bench", "--peak"])
    return float(re.search(r"^peak\t(\S+)$", text, re.M).group(1))


def with_peak(result, peak):
    """A recurrent row's products at the processor's multiply-add peak, `peak` GFLOP/s."""
    if "products" in result:
        result["products"]["peak_gflops"] = peak
        result["products"]["products_at_peak_seconds"] = result["products"]["gflop_per_epoch"] / peak
    return result


def derive(result):
    """The fields computed from a row's medians: Swift's lead over each peer (`ratio` is the old name of
    `ratio_pytorch`, kept for the pages that quote it) and over the faster one; for the recurrent rows the
    shares of the metered epoch, and the ratio the row would reach if its epoch were nothing but its
    products at the engine's speed for each shape, which no change outside the products can pass
    (`ratio_bound` against the faster peer; `ratio_bound_pytorch` against PyTorch, what `ratio_bound`
    meant before JAX joined). `ratio_bound_peak` is the same with the products at the processor's
    multiply-add peak, which no arrangement of them can pass; `products_of_peak` how near the run's
    products came to it."""
    peers = [peer for peer in PEERS if f"{peer}_median" in result]
    for peer in peers:
        result[f"ratio_{peer}"] = result[f"{peer}_median"] / result["swift_median"]
    if "pytorch" in peers:
        result["ratio"] = result["ratio_pytorch"]
    faster = min(peers, key=lambda peer: result[f"{peer}_median"])
    result["faster_peer"] = faster
    result["ratio_vs_faster_peer"] = result[f"ratio_{faster}"]
    if isinstance(result.get("swift"), list) and isinstance(result.get(faster), list):
        # The lead round by round (the three sides of a round ran back to back), with the sign test's
        # interval for its median (None under 6 rounds): a target is met beyond noise when the interval
        # lies above it.
        rounds = paired_ratio(result["swift"], result[faster])
        result["ratio_rounds_median"] = rounds["paired_median"]
        result["ratio_interval"] = rounds["paired_interval"]
    floor = result.get("products")
    if floor is None:
        return with_profile(result, faster)
    epoch = floor["metered_epoch_seconds"]
    result["products_share"] = floor["products_in_run_seconds"] / epoch
    result["limit_share"] = floor["products_fastest_seconds"] / epoch
    result["products_at_limit"] = floor["products_fastest_seconds"] / floor["products_in_run_seconds"]
    result["ratio_bound"] = result[f"{faster}_median"] / floor["products_fastest_seconds"]
    if "pytorch" in peers:
        result["ratio_bound_pytorch"] = result["pytorch_median"] / floor["products_fastest_seconds"]
    if "products_at_peak_seconds" in floor:
        result["ratio_bound_peak"] = result[f"{faster}_median"] / floor["products_at_peak_seconds"]
        result["products_of_peak"] = floor["products_at_peak_seconds"] / floor["products_in_run_seconds"]
    return result


def with_profile(result, faster):
    """For a row with no metered floor (the CNN, the search): the products' share of the processor time of
    its profile, `figures/bench-profile-<workload>.json` (`profile_shares.py --model cnn` or `search`, on
    the same processor), and the lead Swift would have over the faster peer if its time were nothing but
    those products as they ran: `ratio_bound_profile`. A share of processor time counts both cores'
    waits too, so this bound errs on the high side less than it seems: the products are the part of the
    time that no change outside them can remove."""
    name = f"bench-profile-{result['workload']}.json"
    path = os.path.join(ROOT, "figures", name)
    if not os.path.exists(path):
        return result
    profile = json.load(open(path))
    if profile.get("cpu") != result.get("cpu"):
        return result
    share = profile["builds"][0]["shares"].get("matrix_products", 0)
    result["products_share_profile"] = share
    result["profile"] = {"file": f"figures/{name}", "date": profile["date"]}
    if share > 0:
        result["ratio_bound_profile"] = result[f"{faster}_median"] / (share * result["swift_median"])
    return result


def save(path, record):
    """Merges `record` into the file at `path` (a partial run keeps the other rows whole), written under a
    temporary name and renamed."""
    old = json.load(open(path)) if os.path.exists(path) else {}
    results = {**old.get("results", {}), **record.get("results", {})}
    record = {**old, **record, "results": {name: derive(r) for name, r in results.items()}}
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    os.replace(temporary, path)
    print(f"saved {path}")


def arguments():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated workload names (default: all)")
    ap.add_argument("--peers", default="torch,jax", help="comma-separated peers: torch, jax (default: both)")
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv-bench", "bin", "python"))
    ap.add_argument("--threads", type=int, default=2,
                    help="each peer's threads (PyTorch's intra-op threads; the CPUs the JAX process may use)")
    ap.add_argument("--cnn-epochs", type=int, default=200)
    ap.add_argument("--giss-epochs", type=int, default=100)
    ap.add_argument("--cet-train", type=int, default=79_941,
                    help="training windows of the CET rows (fewer only for quick checks)")
    ap.add_argument("--cet-validation", type=int, default=11_502, help="validation windows of the CET rows")
    ap.add_argument("--save", help="write the results as JSON here")
    ap.add_argument("--derive-only", action="store_true",
                    help="measure nothing: recompute the derived fields of every row in --save")
    ap.add_argument("--peak-only", action="store_true",
                    help="measure only the multiply-add peak and give it to every row in --save (rows of "
                         "this machine)")
    args = ap.parse_args()
    unknown = [name for name in args.peers.split(",") if name not in PEER_NAMES]
    if unknown or not args.peers:
        sys.exit(f"unknown peer(s) {unknown}; known: torch, jax")
    args.peers = [peer for peer in PEERS if peer in {PEER_NAMES[name] for name in args.peers.split(",")}]
    return args


def versions(python, peers):
    """The peers' library versions, read from the Python that runs them; exits if one is missing."""
    modules = {"pytorch": ["torch"], "jax": ["jax", "jaxlib", "optax"]}
    wanted = [module for peer in peers for module in modules[peer]]
    if not os.path.exists(python):
        sys.exit(f"no Python at {python} (--python): {INSTALL}")
    probe = "import importlib, json, sys; print(json.dumps({m: importlib.import_module(m).__version__ " \
            "for m in sys.argv[1:]}))"
    done = subprocess.run([python, "-c", probe, *wanted], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(wanted)} not all importable by {python}: {INSTALL}\n{done.stderr[-500:]}")
    return json.loads(done.stdout)


def main():
    args = arguments()
    if args.derive_only:
        if not args.save:
            sys.exit("--derive-only needs --save FILE")
        return save(args.save, {})
    if args.peak_only:
        if not args.save:
            sys.exit("--peak-only needs --save FILE")
        old = json.load(open(args.save))
        cpu = this_cpu()
        if old.get("cpu") != cpu:
            sys.exit(f"{args.save} was measured on {old.get('cpu')!r}, this is {cpu!r}: its rows need their "
                     "own machine's peak")
        subprocess.run(["swift", "build"], cwd=ROOT, check=True, capture_output=True)
        peak = multiply_add_peak()
        rows = {name: with_peak(row, peak) for name, row in old.get("results", {}).items()}
        when = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        return save(args.save, {"multiply_add_peak_gflops": peak, "multiply_add_peak_date": when,
                                "results": rows})
    found = versions(args.python, args.peers)
    subprocess.run(["swift", "build"], cwd=ROOT, check=True, capture_output=True)
    table = workloads(args)
    names = [n for n in args.only.split(",") if n] or list(table)
    unknown = [n for n in names if n not in table]
    if unknown:
        sys.exit(f"unknown workload(s) {unknown}; known: {', '.join(table)}")
    cpu = this_cpu()
    paths = product_paths(args.python, args.peers)
    peak = multiply_add_peak()
    results = []
    for name in names:
        workload = table[name]
        times, orders = measure(name, workload, ["swift", *args.peers], args.rounds)
        result = {"workload": name, "unit": workload.unit, "settings": workload.settings,
                  "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  "cpu": cpu, "versions": found, "threads": args.threads, "orders": orders}
        for side, values in times.items():
            result[side], result[f"{side}_median"] = values, statistics.median(values)
        if workload.floor is not None:
            result["products"] = products_floor(workload.floor)
        results.append(derive(with_peak(result, peak)))
    print_table(results, args.peers)
    if args.save:
        record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  "cpu": cpu, "cores": os.cpu_count(), "machine": platform.platform(), **found,
                  "peers": args.peers, "threads": args.threads, "torch_threads": args.threads,
                  "rounds": args.rounds, "multiply_add_peak_gflops": peak,
                  "multiply_add_peak_date": datetime.datetime.now(datetime.timezone.utc).isoformat(
                      timespec="seconds"), "cnn_epochs": args.cnn_epochs, "giss_epochs": args.giss_epochs,
                  "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", ""), **paths,
                  # Keyed by workload, so that pages can name what they quote.
                  "results": {r["workload"]: r for r in results}}
        save(args.save, record)


def print_table(results, peers):
    heads = {"pytorch": "PyTorch", "jax": "JAX"}
    print(f"\n{'workload':20}{'Swift':>9}" + "".join(f"{heads[p]:>9}" for p in peers)
          + f"{'vs faster':>11}{'products':>10}{'at limit':>10}")
    for r in results:
        extra = f"{r['products_share']:9.0%} {r['products_at_limit']:9.0%}" if "products" in r else ""
        medians = "".join(f"{r[p + '_median']:9.4f}" for p in peers)
        print(f"{r['workload']:20}{r['swift_median']:9.4f}{medians}"
              f"{r['ratio_vs_faster_peer']:6.1f}x {heads[r['faster_peer']]:>4}{extra}")
    print("(medians of the rounds; vs faster: the faster peer's median over Swift's; products: share of a\n"
          " metered epoch spent in matrix products; at limit: the engine's own speed per shape's time for\n"
          " those products over the time they took)")


def product_paths(python, peers):
    """What each side's matrix products ran on: the Swift engine's pinned oneDNN path (library,
    version, ISA, threads per product), and the ISA PyTorch's own oneDNN reports on its first
    primitive (its verbose mode's `isa:` line)."""
    swift = subprocess.run(["swift", "run", "product-digests", "--path"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.strip().splitlines()[-1]
    found = {"swift_product_path": json.loads(swift)}
    if "pytorch" in peers:
        probe = "import torch; torch.nn.Conv1d(1, 8, 3)(torch.randn(4, 1, 29))"
        verbose = subprocess.run([python, "-c", probe], capture_output=True, text=True,
                                 env={**os.environ, "ONEDNN_VERBOSE": "1", "DNNL_VERBOSE": "1"}).stdout
        found["pytorch_onednn_isa"] = next((line.split("isa:", 1)[1].strip() for line in verbose.splitlines()
                                            if ",isa:" in line), "")
    return found


if __name__ == "__main__":
    main()
