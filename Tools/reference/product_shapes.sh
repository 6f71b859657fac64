#!/usr/bin/env bash
# Writes Tests/SequenceNetTests/Fixtures/product-digests.json: runs every command of
# figures/chapter-runs.txt for one epoch (the shapes of an epoch's products do not depend on how many
# epochs follow) with --product-shapes, then hashes each shape's output bits on the pinned path
# (swift run product-digests). Run from the package root on an x86-64 machine with AVX2.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
swift build --product product-digests >/dev/null
bin=$(swift build --show-bin-path)
number=0
grep -v '^#' figures/chapter-runs.txt | grep -v '^ch11-conv$' | while read -r command; do
    [ -z "$command" ] && continue
    number=$((number + 1))
    # One epoch: drop the command's own --epochs and --snapshot-epochs (and their values).
    arguments=$(echo "$command" | sed -E 's/--(epochs|snapshot-epochs) [^ ]+//g')
    program=${arguments%% *}
    swift build --product "$program" >/dev/null
    echo "$command"
    # shellcheck disable=SC2086
    "$bin/$program" ${arguments#"$program"} --epochs 1 --out "$scratch/run-$number" --no-figures \
        --no-progress --product-shapes "$scratch/shapes-$number.json" >/dev/null
done
"$bin/product-digests" Tests/SequenceNetTests/Fixtures/product-digests.json "$scratch"/shapes-*.json
