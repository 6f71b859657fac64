#!/usr/bin/env bash
# Seconds per training epoch of ch11-cnn against the same model, data and batch size in PyTorch on the
# CPU, run one after the other on this machine, at the book's settings.
#
#   EPOCHS=200 SEEDS="42 1 2 3" PYTHON=.venv-bench/bin/python bash Tools/benchmark/cnn.sh
#
# Both report time spent in training and validation passes only (no start-up, no data preparation).
# Run it on an otherwise idle machine: the two cores are shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
EPOCHS=${EPOCHS:-200}
SEEDS=${SEEDS:-42}
PYTHON=${PYTHON:-.venv-bench/bin/python}
THREADS=${THREADS:-2}

if ! "$PYTHON" -c "import torch" 2>/dev/null; then
    echo "No PyTorch at $PYTHON. Make one:  python3 -m venv .venv-bench && .venv-bench/bin/pip install torch numpy" >&2
    exit 1
fi
swift build --product ch11-cnn >/dev/null     # the debug build that `swift run ch11-cnn` uses
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

printf "%-6s %-8s %14s %10s\n" seed runner "s/epoch" "val MAE"
for seed in $SEEDS; do
    .build/debug/ch11-cnn --epochs "$EPOCHS" --seed "$seed" --out "$out" --no-progress >/dev/null
    swift_epoch=$(field "$out/ch11-cnn.metrics.json" seconds_per_epoch)
    swift_mae=$(field "$out/ch11-cnn.metrics.json" val_mae)
    "$PYTHON" Tools/benchmark/cnn_pytorch.py --epochs "$EPOCHS" --seed "$seed" --threads "$THREADS" --json \
        | tail -n 1 > "$out/torch.json"
    torch_epoch=$(field "$out/torch.json" seconds_per_epoch)
    torch_mae=$(field "$out/torch.json" val_mae)
    printf "%-6s %-8s %14.5f %10.4f\n" "$seed" swift "$swift_epoch" "$swift_mae"
    printf "%-6s %-8s %14.5f %10.4f\n" "$seed" pytorch "$torch_epoch" "$torch_mae"
    python3 -c "import sys; print('       speed-up: %.1fx' % (float(sys.argv[2]) / float(sys.argv[1])))" "$swift_epoch" "$torch_epoch"
done
