"""Records the verdicts the pages gave with five seeds, before the ten-seed studies replaced them.

    python3 Tools/five_seed_verdicts.py [--commit 3336e1a] [--out figures/five-seed-verdicts.json]

Until issue 29 every claim was judged on five seeds by the range rule (a claim held only when the two
sides' ranges over the seeds were apart). The pages at --commit were the last made from the five-seed
studies: each comparison row there shows the interval's verdict on those five seeds, followed by
"(range rule: ...)" where the range rule came to another. This reads those rows out of the commit's
pages (`git show`), so that `chapter-sync` can say beside a ten-seed verdict what the five seeds said
when the two differ. Keys are the claims as the tags write them: `LEFT < RIGHT` or `LEFT > RIGHT`.
The file is written under a temporary name and renamed.
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chapter_runs import ROOT, write_record  # noqa: E402

ROW = re.compile(r"<!-- comparison: (\S+ [<>] \S+)[^>]*-->(.*?)<!-- /comparison -->")
VALUE = re.compile(r"<!-- value: [^>]*-->|<!-- /value -->")
VERDICTS = ("*holds*", "*does not hold*", "*not shown*")


def pages(commit):
    """The names of the commit's pages under chapters/."""
    listing = subprocess.run(["git", "ls-tree", "--name-only", commit, "chapters/"], cwd=ROOT,
                             capture_output=True, text=True, check=True)
    return [name for name in listing.stdout.split() if name.endswith(".md")]


def verdicts(text, page):
    """{claim: {"interval": ..., "range_rule": ...}} for every comparison row of one page."""
    found = {}
    for claim, cells in ROW.findall(text):
        fields = [field.strip() for field in VALUE.sub("", cells).split("|")]
        if len(fields) < 7 or not fields[5].startswith(VERDICTS):
            continue  # a row still awaiting its study, or not a whole row
        verdict = fields[5]
        interval = next(word for word in VERDICTS if verdict.startswith(word))
        rule = re.search(r"\(range rule: (\*[^*]+\*)\)", verdict)
        # The range rule's "within the seed spread" is the interval's "not shown" in other words.
        same = {"*not shown*": "*within the seed spread*"}.get(interval, interval)
        entry = {"interval": interval, "range_rule": rule.group(1) if rule else same,
                 "seeds": fields[4], "page": page}
        if found.get(claim, entry)["interval"] != interval:
            sys.exit(f"{page}: {claim} has two verdicts at this commit")
        found[claim] = entry
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commit", default="3336e1a", help="the last commit whose pages held five seeds")
    ap.add_argument("--out", default="figures/five-seed-verdicts.json")
    args = ap.parse_args()
    claims = {}
    for page in pages(args.commit):
        text = subprocess.run(["git", "show", f"{args.commit}:{page}"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout
        for claim, entry in verdicts(text, page).items():
            claims.setdefault(claim, entry)
    if not claims:
        sys.exit(f"no comparison rows with a verdict in chapters/ at {args.commit}")
    record = {"commit": args.commit,
              "about": "each claim's verdict on the five-seed studies: `interval` as the pages showed it, "
                       "`range_rule` the rule the pages used before the interval",
              "claims": dict(sorted(claims.items()))}
    write_record(os.path.join(ROOT, args.out), record)
    print(f"{len(claims)} claims from {args.commit} in {args.out}")


if __name__ == "__main__":
    main()
