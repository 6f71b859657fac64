"""Section 11.4: the simple RNN of section 11.3 on 250 years of daily Central England temperatures
(window 60, split at day 80,000, Adam 5e-4, batch 128, 100 epochs).

    python Tools/book_pytorch/cet_rnn.py --quick
"""
import torch

from common import cet_loaders, fit, options, plot_predictions, validation_mae
from giss_rnn import BookRNN


def main():
    args = options(__doc__.splitlines()[0], epochs=100, quick_epochs=5, recurrent=True)
    # snippet.data
    train_loader, val_loader, std = cet_loaders(args.quick)
    # 79,941 training and 11,502 validation windows of 59 days (the 60th is the target)
    # snippet.end

    # snippet.model
    # Section 11.3's model with dropout 0.1: one step of 59 values (book) or 59 steps of one.
    model = BookRNN(59 if args.layout == "book" else 1, dropout=0.1, layout=args.layout)
    # snippet.end

    # snippet.train
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    fit(model, train_loader, val_loader, optimizer, args.epochs)
    # snippet.end

    # snippet.evaluate
    mae, predictions, actual = validation_mae(model, val_loader)
    print(f"validation MAE {mae:.4f} in z-scores, {mae * std:.3f} degrees C")
    plot_predictions(actual, predictions, args.plot, f"Simple RNN on CET ({args.layout} layout)")
    # snippet.end


if __name__ == "__main__":
    main()
