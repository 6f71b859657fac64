#!/usr/bin/env bash
# Seconds per training epoch of the book's four recurrent models at the CET settings (79,941
# training and 11,502 validation windows of 59 values, batch 128, Adam 5e-4), in Swift and in
# PyTorch on the CPU, one after the other on this machine, for the book's one-step layout [B, 1, 59]
# and the sequence layout [B, 59, 1]. Both train on random data of those shapes (an epoch's time
# does not depend on the values) and time training plus validation only.
#
#   LAYOUT=book MODELS=all PYTHON=.venv-bench/bin/python bash Tools/benchmark/recurrent.sh
#
# SAVE=figures/bench-recurrent.json also records the results (both sides and their ratio) in that
# file, adding to what it holds for other layouts or models; chapter 11.7 quotes it.
#
# Run it on an otherwise idle machine: the two cores are shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
LAYOUT=${LAYOUT:-both}
MODELS=${MODELS:-all}
PYTHON=${PYTHON:-.venv-bench/bin/python}
THREADS=${THREADS:-2}

if ! "$PYTHON" -c "import torch" 2>/dev/null; then
    echo "No PyTorch at $PYTHON. Make one:  python3 -m venv .venv-bench && .venv-bench/bin/pip install torch numpy" >&2
    exit 1
fi
swift build --product recurrent-bench >/dev/null     # the debug build, as `swift run` uses (its library code is optimised)
swift_out=$(mktemp) torch_out=$(mktemp)
trap 'rm -f "$swift_out" "$torch_out"' EXIT
echo "Swift (SequenceNet):"
.build/debug/recurrent-bench --layout "$LAYOUT" --model "$MODELS" 2>/dev/null | tee "$swift_out"
echo "PyTorch ($THREADS threads):"
"$PYTHON" Tools/benchmark/recurrent_pytorch.py --layout "$LAYOUT" --model "$MODELS" --threads "$THREADS" --json | tee "$torch_out" | grep -v '^{'
if [ -n "${SAVE:-}" ]; then
    python3 Tools/benchmark/save_recurrent.py "$SAVE" "$swift_out" "$torch_out"
fi
