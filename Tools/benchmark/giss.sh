#!/usr/bin/env bash
# Seconds per epoch of `ch11-giss-rnn` (the debug build `swift run` uses) against the same model, data,
# split, batch size and optimiser in PyTorch (giss_pytorch.py, CPU, THREADS threads), for each layout.
# The two take turns ROUNDS times, so that both see the machine in the same moods (on a shared VM an
# epoch's time drifts by 10-20% over minutes); the medians and their ratio are the result.
#
# Then the floor (recurrent-bench --floor): the time one epoch spends inside its matrix products, what
# those products would take at the speed OpenBLAS reaches on a large product with both cores busy, and
# what they take with each shape run over and over on its own, both cores at once. No training loop
# whose products OpenBLAS does is quicker than that last time, which bounds the ratio it can reach.
#
#   ROUNDS=3 EPOCHS=300 LAYOUT=both PYTHON=.venv-bench/bin/python bash Tools/benchmark/giss.sh
#
# SAVE=figures/bench-giss.json also records every run, the medians and the floors in that file;
# chapter 11.3 quotes it. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
LAYOUT=${LAYOUT:-both}
EPOCHS=${EPOCHS:-300}
ROUNDS=${ROUNDS:-3}
PYTHON=${PYTHON:-.venv-bench/bin/python}
THREADS=${THREADS:-2}
layouts=$([ "$LAYOUT" = both ] && echo "book sequence" || echo "$LAYOUT")

if ! "$PYTHON" -c "import torch" 2>/dev/null; then
    echo "No PyTorch at $PYTHON. Make one:  python3 -m venv .venv-bench && .venv-bench/bin/pip install torch numpy" >&2
    exit 1
fi
swift build --product ch11-giss-rnn >/dev/null
swift build --product recurrent-bench >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
runs="$out/runs.tsv" floors="$out/floors.tsv"

for layout in $layouts; do
    for round in $(seq "$ROUNDS"); do
        swift_seconds=$(.build/debug/ch11-giss-rnn --layout "$layout" --epochs "$EPOCHS" --no-figures --out "$out/run" 2>/dev/null |
            sed -n 's/^Training: \([0-9.]*\) s per epoch.*/\1/p')
        torch_seconds=$("$PYTHON" Tools/benchmark/giss_pytorch.py --layout "$layout" --epochs "$EPOCHS" --threads "$THREADS" |
            sed -n 's/.* \([0-9.]*\) s\/epoch.*/\1/p')
        printf '%s\t%s\t%s\t%s\n' "$layout" "$round" "$swift_seconds" "$torch_seconds" | tee -a "$runs"
    done
    # The GISS shapes: 753 training and 97 validation windows of 47 values, batch 64, hidden 100.
    .build/debug/recurrent-bench --model rnn --layout "$layout" --features 47 --train 753 --validation 97 \
        --batch 64 --dropout 0.3 --epochs 2 --floor | tee "$out/floor-$layout.txt" | tail -n +2 | grep -v '^floors'
    sed -n "s/^floors/$layout/p" "$out/floor-$layout.txt" >> "$floors"
done

torch_version=$("$PYTHON" -c "import torch; print(torch.__version__)")
python3 Tools/benchmark/summarise_giss.py "$runs" "$floors" "$EPOCHS" "$THREADS" "$torch_version" "${SAVE:-}"
