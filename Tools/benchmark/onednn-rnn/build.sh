#!/bin/sh
# Build the oneDNN RNN-primitive benchmark (Debian libdnnl-dev 2.6.3, OpenMP runtime).
set -e
cd "$(dirname "$0")"
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -fopenmp \
   -o rnn_primitive_bench rnn_primitive_bench.c -ldnnl -lm
