"""What paired.py runs: for every workload, the Swift command and its twin in each peer (PyTorch, JAX),
each with how to read its time from its output, and for the recurrent workloads the shape arguments of
`recurrent-bench --floor`."""
import os
import tempfile
from collections import namedtuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, ".build", "debug")
BENCH = os.path.join(ROOT, "Tools", "benchmark")

# The peers by their record key, and the names --peers accepts for them.
PEERS = ("pytorch", "jax")
PEER_NAMES = {"torch": "pytorch", "pytorch": "pytorch", "jax": "jax"}

# commands: side ("swift" or a peer) -> (command, parse), parse being "wall" (the command's wall time),
# (regex with the seconds as group 1, what it is), or Report(path): the seconds per epoch of the run report
# the command wrote there, at full precision (its printed line rounds the CNN's 0.012 s to a millisecond,
# a twelfth of the time); settings: what the row's numbers depend on.
Workload = namedtuple("Workload", "commands unit floor settings")
Report = namedtuple("Report", "path")

CNN_LINE = (r"\(([0-9.]+) s/epoch\)", "s/epoch")
GISS_LINE = (r" ([0-9.]+) s/epoch", "s/epoch")
SEARCH_LINE = (r"search took ([0-9.]+) s", "seconds")


def workloads(args):
    """name -> Workload, in the order `make bench` runs them."""
    out = tempfile.mkdtemp(prefix="paired-")
    py, threads = args.python, ["--threads", str(args.threads)]
    cnn = ["--epochs", str(args.cnn_epochs)]
    table = {
        "cnn": Workload({"swift": ([f"{BUILD}/ch11-cnn", *cnn, "--no-figures", "--no-progress", "--out", out],
                                   Report(f"{out}/ch11-cnn.metrics.json")),
                         "pytorch": ([py, f"{BENCH}/cnn_pytorch.py", *cnn, *threads], CNN_LINE),
                         "jax": ([py, f"{BENCH}/cnn_jax.py", *cnn, *threads], CNN_LINE)},
                        "s/epoch", None, {"epochs": args.cnn_epochs}),
        "search": Workload({"swift": ([f"{BUILD}/ch11-cnn-search", "--no-figures", "--out", out + "/search"],
                                      "wall"),
                            "pytorch": ([py, f"{BENCH}/search_pytorch.py", *threads], SEARCH_LINE),
                            "jax": ([py, f"{BENCH}/search_jax.py", *threads], SEARCH_LINE)},
                           "s", None, {}),
    }
    windows = ["--train", str(args.cet_train), "--validation", str(args.cet_validation)]
    for layout in ("book", "sequence"):
        giss = ["--layout", layout, "--epochs", str(args.giss_epochs)]
        report = "ch11-giss-rnn" + ("" if layout == "book" else f"-{layout}") + ".metrics.json"
        table[f"giss-{layout}"] = Workload(
            {"swift": ([f"{BUILD}/ch11-giss-rnn", *giss, "--no-figures", "--no-progress", "--out", out],
                       Report(f"{out}/{report}")),
             "pytorch": ([py, f"{BENCH}/giss_pytorch.py", *giss, *threads], GISS_LINE),
             "jax": ([py, f"{BENCH}/giss_jax.py", *giss, *threads], GISS_LINE)},
            "s/epoch",
            ["--model", "rnn", "--layout", layout, "--features", "47", "--train", "753", "--validation", "97",
             "--batch", "64", "--dropout", "0.3"],
            {"epochs": args.giss_epochs})
        for model in ("rnn", "gru", "lstm", "bigru"):
            shape = ["--model", model, "--layout", layout, *windows]
            line = (rf"^{model}\s+{layout}\s+([0-9.]+)", "s/epoch")
            table[f"cet-{model}-{layout}"] = Workload(
                {"swift": ([f"{BUILD}/recurrent-bench", *shape], line),
                 "pytorch": ([py, f"{BENCH}/recurrent_pytorch.py", *shape, *threads], line),
                 # One more epoch than the others: JAX's first compiles and is not timed.
                 "jax": ([py, f"{BENCH}/recurrent_jax.py", *shape, "--epochs", "2", *threads], line)},
                "s/epoch", shape, {"epochs": 1, "train": args.cet_train, "validation": args.cet_validation})
    return table
