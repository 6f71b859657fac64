"""What one change to the workbook's code is worth: two builds (A and B, each a package's
.build/debug folder) take turns on the same workloads in alternating rounds, and the medians of their
seconds per epoch are compared. Used for the speed levers of issue 28, each of which must leave every
number as it was (the section tests and the committed reports check that), so only time differs.

    git worktree add --detach ../before <commit> && (cd ../before && swift build)
    python3 Tools/benchmark/lever_ab.py ../before/.build/debug .build/debug [--rounds 4] \
        [--only cnn,gru-book,...] [--save figures/bench-ab-NAME.json] [--label "what B changes"]

Workloads: the CNN (ch11-cnn, 200 epochs) and recurrent-bench's book models in both layouts
(`rnn-book`, `bigru-sequence`, ...; the sequence layout on a fifth of the CET windows, so a round stays
short), and `recurrent-dropout-late`: one more epoch of the chapter's GRU with recurrent dropout, resumed
from the checkpoint its chapter run left after epoch 20 (the state where its gate gradients have grown
subnormal; `make figures` writes it).
Besides the medians, each workload gets the median of the rounds' B/A ratios (the two sides of a round
run back to back) and a distribution-free interval for it: read a change as shown only when the
interval leaves out 1. Run on an otherwise idle machine.
"""
import argparse, datetime, glob, json, math, os, re, shutil, statistics, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cnn(build):
    out = tempfile.mkdtemp(prefix="lever-")
    subprocess.run([build + "/ch11-cnn", "--epochs", "200", "--out", out, "--no-figures", "--no-progress"],
                   cwd=ROOT, check=True, capture_output=True)
    return json.load(open(out + "/ch11-cnn.metrics.json"))["seconds_per_epoch"]


def recurrent(model, layout):
    def time(build):
        sizes = [] if layout == "book" else ["--train", "16000", "--validation", "2300"]
        done = subprocess.run([build + "/recurrent-bench", "--model", model, "--layout", layout, "--epochs", "2"]
                              + sizes, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        seconds = [float(line.split()[2]) for line in done.splitlines() if line.startswith(model + " ")]
        return seconds[-1]  # the second epoch: the first pays for allocation
    return time


def recurrent_dropout_late(build):
    """Seconds of epoch 21 of figures/ch11-dropout-recurrent-sequence, resumed from the checkpoint its
    chapter run left (`make figures` writes it; git keeps no checkpoints). The GRU with dropout alone
    beside it resumes too, so nothing trains from the start. Epoch 21 is the process's first, so it
    includes the warm-up, alike for both builds."""
    checkpoint = os.path.join(ROOT, "figures", "ch11-dropout-recurrent-sequence.checkpoint")
    if not os.path.exists(checkpoint):
        raise SystemExit(f"recurrent-dropout-late needs {checkpoint}: run `make figures` (or the "
                         "dropout-sequence line of figures/chapter-runs.txt) first")
    out = tempfile.mkdtemp(prefix="lever-")
    try:
        for path in glob.glob(os.path.join(ROOT, "figures", "ch11-dropout*-sequence.*")):
            shutil.copy(path, out)
        done = subprocess.run([build + "/ch11-dropout", "--layout", "sequence", "--days", "20000", "--epochs",
                               "21", "--recurrent-dropout", "0.2", "--no-baseline", "--resume", "--out", out,
                               "--no-figures"], cwd=ROOT, check=True, capture_output=True, text=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    line = re.search(r"ch11-dropout-recurrent-sequence epoch 21/21 .* ([0-9.]+) s/epoch",
                     done.stdout + done.stderr)
    return float(line.group(1))


def paired_ratio(a, b):
    """B/A round by round (the two sides of a round ran back to back, so they met the machine in much the
    same mood): the median of those ratios and a distribution-free interval for it, from the order
    statistics whose binomial tails hold at most 2.5% each (the sign test's interval; None below 6
    rounds). A lever is shown only when the interval leaves out 1."""
    ratios = sorted(y / x for x, y in zip(a, b))
    n = len(ratios)
    tail, k = 0.0, 0  # the interval runs from the k-th smallest ratio to the k-th largest
    while True:
        tail += math.comb(n, k) / 2 ** n
        if tail > 0.025:
            break
        k += 1
    interval = None
    if k > 0:
        level = 1 - 2 * sum(math.comb(n, i) for i in range(k)) / 2 ** n
        interval = {"low": ratios[k - 1], "high": ratios[n - k], "level": round(level, 4)}
    return {"paired_median": statistics.median(ratios), "paired_interval": interval,
            "b_faster_rounds": sum(y < x for x, y in zip(a, b))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a"), parser.add_argument("b")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--only", default="")
    parser.add_argument("--save"), parser.add_argument("--label", default="")
    args = parser.parse_args()
    table = {"cnn": cnn}
    for layout in ("book", "sequence"):
        for model in ("rnn", "gru", "lstm", "bigru"):
            table[f"{model}-{layout}"] = recurrent(model, layout)
    table["recurrent-dropout-late"] = recurrent_dropout_late
    names = [n for n in table if not args.only or n in args.only.split(",")]
    builds = {"A": os.path.abspath(args.a), "B": os.path.abspath(args.b)}
    results = {n: {"A": [], "B": []} for n in names}
    for r in range(args.rounds):
        for name in names:
            for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
                results[name][side].append(table[name](builds[side]))
            print(r, name, {s: round(v[-1], 4) for s, v in results[name].items()}, flush=True)
    record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "cpu": next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
              "label": args.label, "builds": builds, "rounds": args.rounds, "unit": "seconds per epoch",
              "workloads": {}}
    for name, sides in results.items():
        row = {s: {"rounds": v, "median": statistics.median(v)} for s, v in sides.items()}
        row["b_over_a"] = row["B"]["median"] / row["A"]["median"]
        row.update(paired_ratio(sides["A"], sides["B"]))
        record["workloads"][name] = row
        interval = row["paired_interval"]
        print(f"{name:16} A {row['A']['median']:.4f}  B {row['B']['median']:.4f}  B/A {row['b_over_a']:.3f}"
              f"  round by round {row['paired_median']:.3f}"
              + (f" ({100 * interval['level']:.0f}% interval {interval['low']:.3f} to {interval['high']:.3f})"
                 if interval else " (too few rounds for an interval)"))
    if args.save:
        with open(args.save, "w") as f:
            json.dump(record, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
