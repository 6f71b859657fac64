"""Records one run of recurrent.sh in a JSON file: seconds per epoch of each model and layout in Swift
and in PyTorch, and how many times faster Swift was. Results already in the file for other layouts or
models are kept.

    python3 Tools/benchmark/save_recurrent.py OUT.json SWIFT_OUTPUT PYTORCH_OUTPUT
"""
import datetime
import json
import os
import sys


def swift_results(path):
    """The rows of recurrent-bench's table: model, layout, s/epoch, parameters."""
    rows = {}
    for line in open(path):
        fields = line.split()
        if len(fields) == 4 and fields[0] != "model":
            rows[(fields[1], fields[0])] = float(fields[2])
    return rows


def main():
    out, swift_path, torch_path = sys.argv[1:4]
    swift = swift_results(swift_path)
    torch = [json.loads(line) for line in open(torch_path) if line.startswith("{")]
    saved = json.load(open(out)) if os.path.exists(out) else {}
    for result in torch:
        key = (result["layout"], result["model"])
        if key not in swift:
            continue
        saved.setdefault(result["layout"], {})[result["model"]] = {
            "swift": swift[key], "pytorch": result["seconds_per_epoch"],
            "ratio": round(result["seconds_per_epoch"] / swift[key], 2),
            "torch": result["torch"], "threads": result["threads"],
            "measured": datetime.date.today().isoformat(),
        }
    with open(out + ".tmp", "w") as f:
        json.dump(saved, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(out + ".tmp", out)
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
