"""What the pinned product path costs on this CPU: the workbook as built (oneDNN capped at AVX2)
against a build of the same commit with the cap lifted, in alternating rounds, medians of seconds per
epoch. Make the second build first, in a scratch worktree:

    git worktree add --detach ../unpinned HEAD && cd ../unpinned
    sed -i 's/dnnl_set_max_cpu_isa(dnnl_cpu_isa_avx2)/dnnl_set_max_cpu_isa(dnnl_cpu_isa_all)/' Sources/CProducts/products.c
    swift build --product ch11-cnn && swift build --product recurrent-bench

then from the package root: python3 Tools/benchmark/pin_ab.py ../unpinned/.build/debug [ROUNDS] --save figures/bench-ab-pin.json
"""
import json, subprocess, statistics, sys, datetime, tempfile, os
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
builds = {"pinned": os.path.join(ROOT, ".build", "debug"), "unpinned": os.path.abspath(sys.argv[1])}
def cnn(bin):
    out = tempfile.mkdtemp()
    subprocess.run([bin + "/ch11-cnn", "--epochs", "200", "--out", out, "--no-figures", "--no-progress"],
                   cwd=ROOT, check=True, capture_output=True)
    r = json.load(open(out + "/ch11-cnn.metrics.json"))
    return r["seconds_per_epoch"], r["product_path"]["isa"]
def gru(bin):
    done = subprocess.run([bin + "/recurrent-bench", "--model", "gru", "--layout", "book", "--epochs", "2"],
                          cwd=ROOT, check=True, capture_output=True, text=True).stdout
    seconds = [float(line.split()[2]) for line in done.splitlines() if line.startswith("gru ")]
    return (seconds[-1] if seconds else float("nan")), done.strip().splitlines()[-1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 4
save = sys.argv[sys.argv.index("--save") + 1] if "--save" in sys.argv else None
results = {w: {b: [] for b in builds} for w in ("cnn", "gru-book")}
isa = {}
for r in range(rounds):
    order = list(builds) if r % 2 == 0 else list(reversed(builds))
    for b in order:
        s, i = cnn(builds[b]); results["cnn"][b].append(s); isa[b] = i
        g, line = gru(builds[b]); results["gru-book"][b].append(g)
    print(r, {w: {b: round(v[-1], 4) for b, v in d.items()} for w, d in results.items()}, flush=True)
record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "cpu": next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
          "isa": isa, "rounds": rounds, "unit": "seconds per epoch",
          "workloads": {w: {b: {"rounds": v, "median": statistics.median(v)} for b, v in d.items()} for w, d in results.items()}}
for w in record["workloads"]:
    d = record["workloads"][w]; d["pinned_over_unpinned"] = d["pinned"]["median"] / d["unpinned"]["median"]
print(json.dumps(record, indent=1))
if save:
    with open(save, "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
