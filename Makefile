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

# Every run the chapters show (figures/chapter-runs.txt): figures, run reports, and the chapters' numbers.
figures: packages
	grep -v '^#' figures/chapter-runs.txt | grep . | while read -r run; do \
		$(SWIFT) run $$run --out figures --figures < /dev/null || exit 1; \
	done
	$(SWIFT) run chapter-sync --write

# Check that the chapters' listings and numbers match Sources/ and the run reports.
sync:
	$(SWIFT) run chapter-sync

# Seconds per epoch against PyTorch on this machine (needs a venv with torch; see Tools/benchmark).
bench: packages
	bash Tools/benchmark/cnn.sh
	LAYOUT=book bash Tools/benchmark/recurrent.sh
	bash Tools/benchmark/giss.sh
