#!/usr/bin/env bash
# The two house-style limits swift format does not enforce (it wraps code, not strings or comments):
# no line over 110 columns in the Swift and C sources and tests, and no file in Sources/ over 300
# lines. Prints each violation as file:line and fails if there is any. `make lint` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8  # columns are characters, not bytes
max_columns=110
max_lines=300

failed=0
while IFS= read -r file; do
    if grep -n ".\{$((max_columns + 1)),\}" "$file" | cut -d: -f1 | sed "s|^|$file:|; s|$|: over $max_columns columns|"
    then
        failed=1
    fi
done < <(find Sources Tests Package.swift -type f \( -name '*.swift' -o -name '*.c' -o -name '*.h' \) | sort)

while IFS= read -r file; do
    lines=$(wc -l < "$file")
    if ((lines > max_lines)); then
        echo "$file: $lines lines, over $max_lines (move whole declarations into files of their own)"
        failed=1
    fi
done < <(find Sources -type f | sort)
exit $failed
