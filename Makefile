# The workbook's two set-up commands: `make` trains the chapter's CNN; `make test` runs the tests.
SWIFT ?= swift

.PHONY: all packages run test bench

all: run

packages:
	@bash Tools/install-system-packages.sh

run: packages
	$(SWIFT) run ch11-cnn

test: packages
	$(SWIFT) test --disable-xctest

# Seconds per epoch of ch11-cnn against PyTorch on this machine (needs a venv with torch; see Tools/benchmark).
bench: packages
	bash Tools/benchmark/cnn.sh
