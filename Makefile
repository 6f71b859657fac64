# The workbook's two set-up commands: `make` trains the chapter's CNN; `make test` runs the tests.
# `make` writes into runs/ (which git ignores) and ends by comparing its numbers with the chapter's run
# in figures/, so a reader's first run leaves the committed files as they were.
SWIFT ?= swift

.PHONY: all packages run test lint format figures studies sync bench

all: run

packages:
	@bash Tools/install-system-packages.sh

run: packages
	$(SWIFT) run ch11-cnn --out runs

test: packages
	$(SWIFT) test --disable-xctest

# The house style (.swift-format: 4-space indent, 110 columns), and what swift format leaves to us: no
# string or comment past 110 columns, no file in Sources/ over 300 lines (Tools/check-style.sh).
# CI runs lint.
lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift
	bash Tools/check-style.sh

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

# Every run the chapters show (figures/chapter-runs.txt): figures, run reports, the chapters' numbers,
# and each run's wall time in figures/chapter-timings.json.
figures: packages
	python3 Tools/chapter_runs.py --swift "$(SWIFT)"
	$(SWIFT) run chapter-sync --write

# The seed studies behind chapters/claims.md (figures/chapter-studies.txt): *.study.json, each seed's
# run under figures/seeds/, the wall times in figures/study-timings.json. JOBS=N runs N at once through
# GNU parallel (when installed); PARTS=K splits each study's seeds into K parts, merged afterwards with
# --merge-seeds; ONLY="name ..." runs those studies alone (Tools/studies.py).
JOBS ?= 1
PARTS ?= 1
studies: packages
	python3 Tools/studies.py --swift "$(SWIFT)" --jobs $(JOBS) --parts $(PARTS) $(if $(ONLY),--only $(ONLY))
	$(SWIFT) run chapter-sync --write

# Check that the chapters' listings and numbers match Sources/ and the run reports.
sync:
	$(SWIFT) run chapter-sync

# Every section against the book's PyTorch code and a JAX version of it, in alternating rounds (needs a
# venv with torch, jax and optax; see Tools/benchmark/README.md); records figures/bench-paired.json.
bench: packages
	python3 Tools/benchmark/paired.py --save figures/bench-paired.json
