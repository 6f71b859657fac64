"""Runs every command in figures/chapter-runs.txt as `make figures` does and records how long each took.

    python3 Tools/chapter_runs.py [--swift swift] [--list figures/chapter-studies.txt --record figures/study-timings.json]

Each line runs as `swift run <command> --out figures --figures` (a line with an --out of its own keeps
it), one after the other; the first failure stops the rest. The record (figures/chapter-timings.json by
default) then holds `runs` (command, seconds), `book_layout_seconds` (the runs in the book's one-step
layout: every command without `--layout sequence`), `total_seconds` and `longest_run_seconds`; it is written under a temporary
name and renamed, so it is never half-written. `make studies` runs the seed studies' list the same way.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--swift", default="swift")
    ap.add_argument("--list", default="figures/chapter-runs.txt", help="the commands, one per line")
    ap.add_argument("--record", default="figures/chapter-timings.json", help="where the wall times go")
    args = ap.parse_args()
    with open(os.path.join(ROOT, args.list)) as f:
        commands = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    # Built first, so that no run's time includes compiling.
    subprocess.run([args.swift, "build"], cwd=ROOT, check=True)
    runs = []
    for command in commands:
        start = time.perf_counter()
        words = command.split()
        out = [] if "--out" in words else ["--out", "figures"]
        done = subprocess.run([args.swift, "run", *words, *out, "--figures"], cwd=ROOT, stdin=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"`{command}` failed with status {done.returncode}; {args.record} left as it was")
        runs.append({"command": command, "seconds": round(seconds, 1)})
        print(f"[{command}: {seconds:.1f} s]", flush=True)
    book = sum(r["seconds"] for r in runs if "--layout sequence" not in r["command"])
    record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "runs": runs, "book_layout_seconds": round(book, 1),
              "total_seconds": round(sum(r["seconds"] for r in runs), 1),
              "longest_run_seconds": max((r["seconds"] for r in runs), default=0)}
    path = os.path.join(ROOT, args.record)
    with open(path + ".tmp", "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)
    print(f"book layout: {book:.0f} s; all runs: {record['total_seconds']:.0f} s ({args.record})")


if __name__ == "__main__":
    main()
