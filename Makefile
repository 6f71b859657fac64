# The workbook's two set-up commands: `make` trains the chapter's CNN; `make test` runs the tests.
SWIFT ?= swift

.PHONY: all packages run test figures sync bench

all: run

packages:
	@bash Tools/install-system-packages.sh

run: packages
	$(SWIFT) run ch11-cnn

test: packages
	$(SWIFT) test --disable-xctest

# Every finished section at the book's settings: figures, run reports, and the chapters' numbers.
figures: packages
	$(SWIFT) run ch11-conv --figures
	$(SWIFT) run ch11-cnn --figures
	$(SWIFT) run ch11-cnn-search --figures
	$(SWIFT) run ch11-giss-rnn --epochs 1500 --snapshot-epochs 100,500 --figures
	$(SWIFT) run ch11-giss-rnn --layout sequence --epochs 1500 --snapshot-epochs 100,500 --figures
	$(SWIFT) run ch11-cet-rnn --figures
	$(SWIFT) run ch11-cet-rnn --layout sequence --figures
	$(SWIFT) run ch11-gru-lstm --figures
	$(SWIFT) run ch11-dropout --figures
	$(SWIFT) run ch11-dropout --layout sequence --days 20000 --epochs 20 --recurrent-dropout 0.2 --figures
	$(SWIFT) run ch11-bidirectional --figures
	$(SWIFT) run chapter-sync --write

# Check that the chapters' listings and numbers match Sources/ and the run reports.
sync:
	$(SWIFT) run chapter-sync

# Seconds per epoch of ch11-cnn against PyTorch on this machine (needs a venv with torch; see Tools/benchmark).
bench: packages
	bash Tools/benchmark/cnn.sh
	LAYOUT=book bash Tools/benchmark/recurrent.sh
