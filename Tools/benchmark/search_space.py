"""The chapter's CNN architecture search, its 48 configurations and its settings, shared by the PyTorch
and the JAX search (neither framework is imported here)."""
import argparse
import time

WINDOW, SPLIT, BATCH, MAX_EPOCHS, PATIENCE = 30, 1000, 32, 100, 10


def configurations():
    found = []
    for layers in [1, 2]:
        for channels in [[32], [64], [32, 16], [64, 32]]:
            if len(channels) != layers:
                continue
            for kernel in [3, 5]:
                for dense in [[16], [32, 16], [64, 32]]:
                    for lr in [1e-3, 1e-4]:
                        found.append(dict(channels=channels, kernel=kernel, dense=dense, lr=lr))
    return found


def arguments(description):
    """The options both searches take."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--configs", type=int, default=48,
                    help="search only the first N configurations (for checks)")
    return ap.parse_args()


def search(chosen, train):
    """Trains every configuration in `chosen` with train(index, config) -> (MAE, epochs), printing each;
    returns the seconds it all took and the winner: (MAE, index, config, epochs), the lowest MAE."""
    start = time.perf_counter()
    results = []
    for index, config in enumerate(chosen):
        mae, epochs = train(index, config)
        results.append((mae, index, config, epochs))
        print(f"[{index + 1:2d}/{len(chosen)}] {config}: {epochs} epochs, MAE {mae:.4f}", flush=True)
    return time.perf_counter() - start, min(results, key=lambda r: (r[0], r[1]))
