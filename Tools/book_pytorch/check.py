"""Runs every section's script in --quick mode and checks that each learns: in every training run
its training loss falls from the first epoch to the last, and a finite validation MAE is printed.
Then runs `cells.py`, whose written-out RNN, GRU and LSTM steps (the pages' listings of what the
modules do inside) must equal `nn.RNN`, `nn.GRU` and `nn.LSTM`.

    /path/to/venv/bin/python Tools/book_pytorch/check.py

Exits 1 if any script fails, does not learn or prints no MAE. One thread per script, so the check
leaves the machine's other core to whoever shares it.
"""
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["cnn.py"], ["cnn.py", "--model", "dnn"], ["search.py"],
    ["giss_rnn.py"], ["giss_rnn.py", "--layout", "sequence"],
    ["cet_rnn.py"], ["gru_lstm.py", "--model", "gru"], ["gru_lstm.py", "--model", "lstm"],
    ["dropout.py", "--layout", "sequence", "--recurrent-dropout", "0.2"], ["bidirectional.py"],
]
EPOCH = re.compile(r"^epoch (\d+) train_loss (\S+) val_loss (\S+)$")
MAE = re.compile(r"validation MAE (\S+)")


def problems(output):
    """What is wrong with one script's output: a run whose loss did not fall, or no MAE."""
    found, runs = [], []
    for line in output.splitlines():
        match = EPOCH.match(line)
        if match and match[1] == "1":
            runs.append([])  # a script may train several models, each from epoch 1
        if match:
            runs[-1].append(float(match[2]))
    maes = [float(m) for m in MAE.findall(output)]
    if not runs:
        found.append("no epochs printed")
    for losses in runs:
        if not losses[-1] < losses[0]:
            found.append(f"training loss did not fall: {losses[0]:.4f} -> {losses[-1]:.4f}")
    if not maes or not all(math.isfinite(m) for m in maes):
        found.append(f"no finite validation MAE printed ({maes})")
    return found, runs, maes


def main():
    environment = dict(os.environ, OMP_NUM_THREADS="1", PYTHONWARNINGS="ignore")
    failed = 0
    for run in RUNS:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / run[0]), "--quick", *run[1:]],
                                capture_output=True, text=True, env=environment, cwd=HERE)
        seconds = time.perf_counter() - start
        found, runs, maes = problems(result.stdout)
        if result.returncode != 0:
            found.append(f"exit status {result.returncode}: {result.stderr.strip()[-300:]}")
        losses = "; ".join(f"{r[0]:.4f} -> {r[-1]:.4f}" for r in runs)
        mae = ", ".join(f"{m:.4f}" for m in maes)
        print(f"{'FAIL' if found else 'ok  '} {' '.join(run):50s} {seconds:5.1f} s  "
              f"train loss {losses}  MAE {mae}")
        for problem in found:
            print(f"     {problem}")
        failed += bool(found)
    print(f"{len(RUNS) - failed} of {len(RUNS)} scripts learn")
    cells = subprocess.run([sys.executable, str(HERE / "cells.py")], capture_output=True, text=True,
                           env=environment, cwd=HERE)
    print(f"{'ok  ' if cells.returncode == 0 else 'FAIL'} cells.py: the written-out steps against the modules")
    if cells.returncode != 0:
        print("     " + (cells.stdout + cells.stderr).strip()[-300:])
    sys.exit(1 if failed or cells.returncode != 0 else 0)


if __name__ == "__main__":
    main()
