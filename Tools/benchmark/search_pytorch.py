"""The chapter's CNN architecture search in PyTorch on the CPU, for side-by-side timing with
`ch11-cnn-search`: the same 48 configurations, data, batch size and early stopping.

    python Tools/benchmark/search_pytorch.py --threads 2

Prints each configuration as it finishes, the winner, and the wall time of the whole search.
"""
import copy
import json

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from bench_data import synthetic_series
from search_space import BATCH, MAX_EPOCHS, PATIENCE, SPLIT, WINDOW, arguments, configurations, search


def build(config, features=WINDOW - 1):
    parts, width_in = [], 1
    for filters in config["channels"]:
        parts += [nn.Conv1d(width_in, filters, config["kernel"], padding="same"), nn.ReLU()]
        width_in = filters
    parts.append(nn.Flatten())
    width = features * width_in
    for size in config["dense"]:
        parts += [nn.Linear(width, size), nn.ReLU()]
        width = size
    parts.append(nn.Linear(width, 1))
    return nn.Sequential(*parts)


def mean_loss(model, loader, loss_fn):
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for xb, yb in loader:
            total += loss_fn(model(xb.unsqueeze(1)).squeeze(-1), yb).item() * len(yb)
            count += len(yb)
    return total / count


def train(config, train_loader, val_loader):
    model = build(config)
    loss_fn, opt = nn.MSELoss(), torch.optim.Adam(model.parameters(), lr=config["lr"])
    best, best_loss, waited, epochs = None, float("inf"), 0, 0
    for epoch in range(1, MAX_EPOCHS + 1):
        epochs = epoch
        model.train()
        for xb, yb in train_loader:
            opt.zero_grad()
            loss_fn(model(xb.unsqueeze(1)).squeeze(-1), yb).backward()
            opt.step()
        val = mean_loss(model, val_loader, loss_fn)
        if val < best_loss:
            best_loss, best, waited = val, copy.deepcopy(model), 0
        else:
            waited += 1
        if waited >= PATIENCE:
            break
    best.eval()
    with torch.no_grad():
        predictions = torch.cat([best(xb.unsqueeze(1)).squeeze(-1) for xb, _ in val_loader])
        targets = torch.cat([yb for _, yb in val_loader])
    return (predictions - targets).abs().mean().item(), epochs


def main():
    args = arguments(__doc__.splitlines()[0])
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    windows = torch.from_numpy(synthetic_series()).unfold(0, WINDOW, 1)
    inputs, targets = windows[:, :-1], windows[:, -1]
    n_train = SPLIT - WINDOW + 1
    train_loader = DataLoader(TensorDataset(inputs[:n_train], targets[:n_train]), batch_size=BATCH, shuffle=True)
    val_loader = DataLoader(TensorDataset(inputs[n_train:], targets[n_train:]), batch_size=BATCH, shuffle=False)

    seconds, (mae, index, config, epochs) = search(configurations()[:args.configs],
                                                   lambda _, config: train(config, train_loader, val_loader))
    print(f"winner {config}: MAE {mae:.4f} after {epochs} epochs; search took {seconds:.1f} s "
          f"(torch {torch.__version__}, {torch.get_num_threads()} threads)")
    print(json.dumps({"seconds": round(seconds, 2), "winner": config, "winner_mae": mae, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
