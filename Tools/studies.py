"""Runs the seed studies of figures/chapter-studies.txt, as `make studies` does, and records their times.

    python3 Tools/studies.py [--swift swift] [--jobs N] [--parts K] [--only NAME ...]
                             [--plan DIR] [--list figures/chapter-studies.txt]
                             [--record figures/study-timings.json]

Each line `NAME: command` is a study (`<section> ... --seeds N`). With --parts K every study is split
into K parts of consecutive seeds, each a job of its own (`--seeds 42,43,44 --out figures/parts/NAME/
part-1`), and `<section> --merge-seeds PART... --seeds LIST --out OUT` assembles the study afterwards,
identical but for its timings to the study run whole. The jobs (whole studies and parts) run through
GNU parallel, --jobs at a time, when `parallel` is installed, and one after the other otherwise; the
merges follow. A study without --out writes into figures/, as in the list.

--plan DIR writes the jobs to DIR/jobs.tsv (the folder a job writes, a tab, its command) and the merges
to DIR/merges.txt, and runs nothing: for other machines (README.md shows GNU parallel's --sshlogin and
a Slurm array). The commands run the built programs (.build/debug/<section>) from the package root.

The record (figures/study-timings.json) keeps `runs`, keyed by name, each with its command, `seconds`
(the study's wall time: from its first job's start to its last job's end, merge included), `parts`
(each part's seeds, seconds and host) when it was split, and when it was measured; `wall_seconds` for
the whole invocation, `jobs`, `parts`, `total_seconds` (the studies' seconds summed) and
`longest_run_seconds`. It is written under a temporary name and renamed. Pages quote
`runs.NAME.seconds`; a study run beside others on the same cores takes longer than alone.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chapter_runs import ROOT, entries, write_record  # noqa: E402

PROGRAMS = ".build/debug"


def option(words, name):
    """The value after `name` in `words`, or None."""
    return words[words.index(name) + 1] if name in words and words.index(name) + 1 < len(words) else None


def without(words, *names):
    """`words` without the options `names` and their values."""
    kept, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word in names:
            skip = True
        else:
            kept.append(word)
    return kept


def seeds_of(words):
    """The study's seeds, as `--seeds N` (from --seed, default 42) or `--seeds a,b,c` gives them."""
    value = option(words, "--seeds")
    if value is None:
        sys.exit(f"`{' '.join(words)}` has no --seeds: it is not a seed study")
    if "," in value:
        return [int(part) for part in value.split(",") if part]
    first = int(option(words, "--seed") or 42)
    return list(range(first, first + int(value)))


def seed_list(seeds):
    """`--seeds` for exactly these seeds (`44,` for one, which `44` would count instead)."""
    return ",".join(map(str, seeds)) + ("," if len(seeds) == 1 else "")


def split(seeds, parts):
    """`seeds` in `parts` runs of consecutive seeds, the first ones a seed longer when they do not divide."""
    size, extra = divmod(len(seeds), parts)
    chunks, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        chunks.append(seeds[start:end])
        start = end
    return [chunk for chunk in chunks if chunk]


def plan(listed, parts, parts_folder="figures/parts"):
    """(jobs, merges): each job (name, folder it writes, seeds, command words), each merge (name, words)."""
    jobs, merges = [], []
    for name, command in listed:
        words = command.split()
        out = option(words, "--out") or "figures"
        seeds = seeds_of(words)
        chunks = split(seeds, min(parts, len(seeds)))
        if len(chunks) == 1:
            jobs.append((name, out, seeds, without(words, "--out") + ["--out", out, "--figures"]))
            continue
        folders = []
        for i, chunk in enumerate(chunks, 1):
            folder = f"{parts_folder}/{name}/part-{i}"
            folders.append(folder)
            part = without(words, "--out", "--seeds") + ["--seeds", seed_list(chunk), "--out", folder]
            jobs.append((name, folder, chunk, part + ["--no-figures"]))
        merges.append((name, [words[0], "--merge-seeds", *folders, "--seeds", seed_list(seeds),
                              "--out", out, "--figures"]))
    return jobs, merges


def shell(words):
    """A command line that runs the built program from the package root."""
    return " ".join([f"{PROGRAMS}/{words[0]}", *words[1:]])


def run_jobs(jobs, count):
    """Runs the jobs, `count` at a time through GNU parallel when it is there, else one by one; returns
    each job's (start, seconds, host) in order, or exits on the first failure."""
    commands = [shell(words) for _, _, _, words in jobs]
    if shutil.which("parallel"):
        with tempfile.TemporaryDirectory() as folder:
            log, listing = os.path.join(folder, "joblog"), os.path.join(folder, "jobs")
            with open(listing, "w") as f:
                f.write("\n".join(commands) + "\n")
            done = subprocess.run(["parallel", "--jobs", str(count), "--joblog", log, "--halt", "now,fail=1",
                                   "--line-buffer", "--arg-file", listing], cwd=ROOT, stdin=subprocess.DEVNULL)
            rows = [line.rstrip("\n").split("\t", 8) for line in open(log).readlines()[1:]]
        if done.returncode != 0:
            failed = [row[8] for row in rows if row[6] != "0"]
            sys.exit(f"a job failed ({'; '.join(failed) or done.returncode}); the record is left as it was")
        by_command = {row[8]: (float(row[2]), float(row[3]), row[1]) for row in rows}
        return [by_command[command] for command in commands]
    if count > 1:
        print("GNU parallel is not installed (apt-get install parallel): the jobs run one at a time")
    timings = []
    for command in commands:
        start = time.time()
        if subprocess.run(command.split(), cwd=ROOT, stdin=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"`{command}` failed; the record is left as it was")
        timings.append((start, time.time() - start, ":"))
    return timings


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--swift", default="swift")
    ap.add_argument("--jobs", type=int, default=1, help="jobs at once (GNU parallel)")
    ap.add_argument("--parts", type=int, default=1, help="split each study's seeds into this many parts")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these studies")
    ap.add_argument("--plan", metavar="DIR", help="write jobs.tsv and merges.txt into DIR; run nothing")
    ap.add_argument("--parts-folder", default="figures/parts", help="where the parts go (git ignores it)")
    ap.add_argument("--list", default="figures/chapter-studies.txt")
    ap.add_argument("--record", default="figures/study-timings.json")
    args = ap.parse_args()
    if args.jobs < 1 or args.parts < 1:
        sys.exit("--jobs and --parts must be at least 1")
    listed = entries(os.path.join(ROOT, args.list))
    unknown = set(args.only or []) - {name for name, _ in listed}
    if unknown:
        sys.exit(f"{args.list} has no line named {', '.join(sorted(unknown))}")
    listed = [(name, command) for name, command in listed if not args.only or name in args.only]
    jobs, merges = plan(listed, args.parts, args.parts_folder)
    if args.plan:
        os.makedirs(args.plan, exist_ok=True)
        with open(os.path.join(args.plan, "jobs.tsv"), "w") as f:
            f.writelines(f"{folder}\t{shell(words)}\n" for _, folder, _, words in jobs)
        with open(os.path.join(args.plan, "merges.txt"), "w") as f:
            f.writelines(shell(words) + "\n" for _, words in merges)
        print(f"{len(jobs)} jobs in {args.plan}/jobs.tsv, {len(merges)} merges in {args.plan}/merges.txt")
        return
    subprocess.run([args.swift, "build"], cwd=ROOT, check=True)  # so that no job's time includes compiling
    for _, folder, _, _ in jobs:  # a part's folder holds one part, never an older one's seeds
        if folder.startswith(args.parts_folder + "/"):
            shutil.rmtree(os.path.join(ROOT, folder), ignore_errors=True)
    started = time.time()
    timings = run_jobs(jobs, args.jobs)
    ends = {}
    for (name, _, _, _), (start, seconds, _) in zip(jobs, timings):
        first, last = ends.get(name, (start, start + seconds))
        ends[name] = (min(first, start), max(last, start + seconds))
    for name, words in merges:
        start = time.time()
        if subprocess.run(shell(words).split(), cwd=ROOT, stdin=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"`{shell(words)}` failed; the record is left as it was")
        ends[name] = (ends[name][0], time.time())
    wall = time.time() - started
    path = os.path.join(ROOT, args.record)
    runs = json.load(open(path)).get("runs", {}) if args.only and os.path.exists(path) else {}
    measured = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    for name, command in listed:
        runs[name] = {"command": command, "seconds": round(ends[name][1] - ends[name][0], 1),
                      "measured": measured}
        parts = [(seeds, timing) for (n, _, seeds, _), timing in zip(jobs, timings) if n == name]
        if len(parts) > 1:
            runs[name]["parts"] = [{"seeds": seed_list(seeds).rstrip(","), "seconds": round(seconds, 1),
                                    "host": host} for seeds, (_, seconds, host) in parts]
        print(f"[{name}: {runs[name]['seconds']:.1f} s]")
    record = {"date": measured, "runs": runs, "wall_seconds": round(wall, 1), "jobs": args.jobs,
              "parts": args.parts, "total_seconds": round(sum(run["seconds"] for run in runs.values()), 1),
              "longest_run_seconds": max((run["seconds"] for run in runs.values()), default=0)}
    write_record(path, record)
    print(f"studies: {wall:.0f} s wall time, {args.jobs} at a time, {args.parts} part(s) each ({args.record})")


if __name__ == "__main__":
    main()
