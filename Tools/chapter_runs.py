"""Runs every command in figures/chapter-runs.txt as `make figures` does and records how long each took.

    python3 Tools/chapter_runs.py [--swift swift] [--only NAME ...]
        [--list figures/chapter-studies.txt --record figures/study-timings.json]

Each line is `NAME: command` (a line without a name is known by its command). It runs as
`swift run <command> --out figures --figures` (a line with an --out of its own keeps it: the "Try this"
runs the pages quote live in folders of their own), one after the other; the first failure stops the
rest. `--only` runs the named lines and keeps the other lines' times as they were recorded.

The record (figures/chapter-timings.json by default) holds `runs`, keyed by name (so a page quotes
`runs.cnn.seconds`, which no new line can move), each with its command, seconds and the time it was
measured; `book_layout_seconds` (the chapter's runs in the book's one-step layout: every command without
`--layout sequence`, and not a "Try this" run under figures/try/), `total_seconds` and `longest_run_seconds` over the chapter's
runs. It is written under a temporary name and renamed, so it is never half-written.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def entries(path):
    """(name, command) for every line of a list, in order."""
    result = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            first, _, rest = line.partition(" ")
            if first.endswith(":"):
                result.append((first[:-1], rest.strip()))
            else:
                result.append((line, line))
    names = [name for name, _ in result]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        sys.exit(f"{path}: the names {', '.join(duplicated)} stand on more than one line")
    return result


def write_record(path, record):
    """Writes `record` as indented JSON under a temporary name, then renames it onto `path`."""
    with open(path + ".tmp", "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)


def is_chapter_run(command):
    """A run the pages' own figures come from, not a "Try this" run kept under figures/try/."""
    return "--out figures/try/" not in command


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--swift", default="swift")
    ap.add_argument("--list", default="figures/chapter-runs.txt", help="the commands, one per line")
    ap.add_argument("--record", default="figures/chapter-timings.json", help="where the wall times go")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="run only these lines")
    args = ap.parse_args()
    listed = entries(os.path.join(ROOT, args.list))
    unknown = set(args.only or []) - {name for name, _ in listed}
    if unknown:
        sys.exit(f"{args.list} has no line named {', '.join(sorted(unknown))}")
    path = os.path.join(ROOT, args.record)
    previous = {}
    if args.only and os.path.exists(path):
        with open(path) as f:
            previous = json.load(f).get("runs", {})
    # Built first, so that no run's time includes compiling.
    subprocess.run([args.swift, "build"], cwd=ROOT, check=True)
    runs = {}
    for name, command in listed:
        if args.only and name not in args.only:
            if name in previous:
                runs[name] = previous[name]
            continue
        start = time.perf_counter()
        words = command.split()
        out = [] if "--out" in words else ["--out", "figures"]
        done = subprocess.run([args.swift, "run", *words, *out, "--figures"], cwd=ROOT, stdin=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"`{command}` failed with status {done.returncode}; {args.record} left as it was")
        measured = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        runs[name] = {"command": command, "seconds": round(seconds, 1), "measured": measured}
        print(f"[{name}: {seconds:.1f} s]", flush=True)
    chapter = [run for run in runs.values() if is_chapter_run(run["command"])]
    book = sum(run["seconds"] for run in chapter if "--layout sequence" not in run["command"])
    record = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "runs": runs, "book_layout_seconds": round(book, 1),
              "total_seconds": round(sum(run["seconds"] for run in chapter), 1),
              "longest_run_seconds": max((run["seconds"] for run in chapter), default=0)}
    write_record(path, record)
    print(f"book layout: {book:.0f} s; all the chapter's runs: {record['total_seconds']:.0f} s ({args.record})")


if __name__ == "__main__":
    main()
