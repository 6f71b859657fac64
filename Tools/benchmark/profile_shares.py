"""Where a training epoch's processor time goes, by kind of work: the profile behind issue 28's levers.

    python3 Tools/benchmark/profile_shares.py [BUILD ...] [--model gru] [--layout book] [--epochs 10]
        [--save figures/bench-profile-NAME.json]

Runs `recurrent-bench` of each build (a package's .build/debug folder; default the package's own)
under `perf record` (sampling both cores' threads at 999 Hz) and sorts every sample by the function it
landed in: the matrix products (oneDNN's JIT kernels), the cells' element-wise work, the convolution's
own passes, the two-core hand-off and its waits, copies, Adam, the dropout masks, the kernel, the Swift
runtime, allocation and the rest. `--model cnn` profiles the chapter's CNN instead (`ch11-cnn`, 400
epochs by default, the layout aside), and `--model search` the whole architecture search
(`ch11-cnn-search`, whose configurations train one per core, so it has no hand-off).
Samples under the random data's set-up are left out, so the shares are of the epochs alone. Shares
are of processor time, which the two cores' waits count too; they hold up better than a timing on a
shared machine, because another tenant slows every kind of work alike. Needs `perf` (linux-perf).
"""
import argparse
import collections
import datetime
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The first matching rule names a sample's kind, read from the function it landed in.
KINDS = [
    ("matrix_products", ("[JIT]", "/tmp/perf-", "libdnnl")),  # oneDNN's kernels
    ("copies_and_fills", ("memmove", "memset", "memcpy")),
    ("adam", ("Adam",)),
    ("cell_elementwise", ("applySigmoid", "applyTanh", "GRUCell", "LSTMCell", "RNNCell")),
    ("convolution_passes", ("Conv1d",)),  # its layout changes, bias, ReLU mask and bias sums
    ("two_core_handoff_and_waits", ("CorePair",)),
    ("kernel", ("[kernel",)),  # page faults, futexes, scheduling
    ("dropout_masks", ("RandomSource", "Dropout")),
    ("allocation", ("malloc", "free", "_int_")),
    ("swift_runtime", ("libswiftCore", "swift_", "swift::")),
]


def kind(chain):
    """The kind of work of one sample, given its call chain (innermost frame first)."""
    if any("randomSet" in frame for frame in chain):
        return None  # the benchmark's random data, made before the first epoch
    leaf = chain[0]
    return next((name for name, marks in KINDS if any(mark in leaf for mark in marks)), "other")


def command(build, model, layout, epochs, folder):
    """The command to profile, and how to read its seconds per epoch (None: it has no epochs of its own)
    from what it printed and wrote into `folder`."""
    if model == "cnn":
        def seconds(_):
            return json.load(open(os.path.join(folder, "ch11-cnn.metrics.json")))["seconds_per_epoch"]
        return [os.path.join(build, "ch11-cnn"), "--epochs", str(epochs), "--out", folder, "--no-figures",
                "--no-progress"], seconds
    if model == "search":
        return [os.path.join(build, "ch11-cnn-search"), "--out", folder, "--no-figures"], lambda _: None

    def seconds(printed):
        lines = [line for line in printed.splitlines() if line.startswith(model + " ")]
        return float(lines[-1].split()[2]) if lines else 0
    return [os.path.join(build, "recurrent-bench"), "--model", model, "--layout", layout, "--epochs",
            str(epochs)], seconds


def profile(build, model, layout, epochs):
    """{kind: share of the epochs' samples}, the samples counted and the seconds per epoch printed."""
    with tempfile.TemporaryDirectory() as folder:
        data = os.path.join(folder, "perf.data")
        profiled, seconds_of = command(build, model, layout, epochs, folder)
        run = subprocess.run(["perf", "record", "-F", "999", "-g", "-o", data, *profiled], cwd=ROOT,
                             capture_output=True, text=True, check=True)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym,dso"], capture_output=True,
                                text=True, check=True).stdout
        seconds = seconds_of(run.stdout)
    counts = collections.Counter()
    for block in script.split("\n\n"):
        chain = [line.strip() for line in block.split("\n") if line.strip()]
        if chain and (name := kind(chain)):
            counts[name] += 1
    total = sum(counts.values())
    if not total or seconds == 0:
        sys.exit(f"{build}: {os.path.basename(profiled[0])} printed no epoch time, or perf recorded no samples")
    return {name: round(count / total, 4) for name, count in counts.most_common()}, total, seconds


def workload_name(args):
    if args.model == "cnn":
        return f"ch11-cnn --epochs {args.epochs}"
    if args.model == "search":
        return "ch11-cnn-search"
    return f"recurrent-bench --model {args.model} --layout {args.layout} --epochs {args.epochs}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("builds", nargs="*", default=[os.path.join(ROOT, ".build/debug")])
    ap.add_argument("--model", default="gru", help="a recurrent-bench model, cnn or search")
    ap.add_argument("--layout", default="book")
    ap.add_argument("--epochs", type=int, help="default 10, and 400 for the CNN")
    ap.add_argument("--save")
    args = ap.parse_args()
    args.epochs = args.epochs or (400 if args.model == "cnn" else 10)
    results = []
    for build in args.builds:
        shares, samples, seconds = profile(os.path.abspath(build), args.model, args.layout, args.epochs)
        results.append({"build": os.path.abspath(build), "shares": shares, "samples": samples,
                        "seconds_per_epoch": seconds})
        print(f"{build}: {samples} samples over the epochs" + (f", {seconds} s per epoch" if seconds else ""))
        for name, share in shares.items():
            print(f"  {name:28} {100 * share:5.1f}%")
    if args.save:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                    if line.startswith("model name")), "unknown")
        record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                  "cpu": cpu, "workload": workload_name(args), "unit": "share of the epochs' processor-time samples",
                  "builds": results, "note": "seconds_per_epoch is one unpaired timing: see the shares"}
        with open(args.save + ".tmp", "w") as f:
            json.dump(record, f, indent=1)
            f.write("\n")
        os.replace(args.save + ".tmp", args.save)


if __name__ == "__main__":
    sys.exit(main())
