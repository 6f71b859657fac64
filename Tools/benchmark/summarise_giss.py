"""Medians and ratios of giss.sh's alternating runs, and the floor each layout's matrix products set.

    python3 summarise_giss.py RUNS.tsv FLOORS.tsv EPOCHS THREADS TORCH_VERSION [SAVE.json]

RUNS.tsv: layout, round, Swift s/epoch, PyTorch s/epoch. FLOORS.tsv (recurrent-bench --floor's
`floors` line): layout, GFLOP of an epoch's matrix products, their time at the speed OpenBLAS reaches on a
large product, their time with each shape at the speed OpenBLAS reaches for it, the time the metered epoch
spent in them (halved for two cores), and the metered epoch's time; all with both cores busy. With SAVE, writes all of it there
as JSON (chapter 11.3 quotes that file). Standard library only.
"""
import datetime
import json
import statistics
import sys


def main():
    runs_path, floors_path, epochs, threads, torch_version = sys.argv[1:6]
    save = sys.argv[6] if len(sys.argv) > 6 else ""
    runs, floors = {}, {}
    with open(runs_path) as handle:
        for line in handle:
            layout, _, swift, torch = line.split()
            runs.setdefault(layout, []).append((float(swift), float(torch)))
    with open(floors_path) as handle:
        for line in handle:
            layout, *values = line.split()
            floors[layout] = tuple(map(float, values))

    result = {"measured": datetime.date.today().isoformat(), "epochs": int(epochs),
              "torch": torch_version, "pytorch_threads": int(threads), "layouts": {}}
    print(f"\n{'layout':9}{'Swift s/epoch':>15}{'PyTorch s/epoch':>17}{'ratio':>8}"
          f"{'products alone':>26}{'ratio ceiling':>15}")
    for layout, pairs in runs.items():
        swift = statistics.median(p[0] for p in pairs)
        torch = statistics.median(p[1] for p in pairs)
        gflop, large_floor, shape_floor, run_floor, metered = floors.get(layout, (float("nan"),) * 5)
        print(f"{layout:9}{swift:15.4f}{torch:17.4f}{torch / swift:7.1f}x"
              f"{large_floor:8.4f} / {shape_floor:.4f} / {run_floor:.4f}{torch / shape_floor:14.1f}x")
        result["layouts"][layout] = {
            "swift_seconds_per_epoch": [p[0] for p in pairs],
            "pytorch_seconds_per_epoch": [p[1] for p in pairs],
            "swift_median": swift, "pytorch_median": torch, "ratio": round(torch / swift, 2),
            "products_gflop_per_epoch": gflop, "products_alone_at_large_product_speed": large_floor,
            "products_alone_in_run": run_floor, "products_alone_at_own_shapes": shape_floor,
            "metered_epoch_seconds": metered,
            "products_share_of_epoch": round(run_floor / metered, 2),
            "ratio_ceiling_large_products": round(torch / large_floor, 2),
            "ratio_ceiling": round(torch / shape_floor, 2), "ratio_if_only_products": round(torch / run_floor, 2),
        }
    print("(products alone: the epoch's matrix products at the speed OpenBLAS reaches on a large product, both cores busy;\n"
          " with each shape at the speed OpenBLAS reaches for it, both cores busy;\n"
          " and the time a Swift epoch spends in them, halved for two cores.\n"
          " ratio ceiling: PyTorch's median over the second, more than any training loop on OpenBLAS can reach)")
    if save:
        with open(save, "w") as handle:
            json.dump(result, handle, indent=2)
            handle.write("\n")
        print(f"saved {save}")


if __name__ == "__main__":
    main()
