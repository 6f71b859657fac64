#!/usr/bin/env bash
# The two house-style limits swift format does not enforce (it wraps code, not strings or comments):
# no line over 110 columns in the Swift and C sources and tests, and no file in Sources/ over 300
# lines. Prints each violation as file:line and fails if there is any. `make lint` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8  # columns are characters, not bytes
max_columns=110
max_lines=300

# Files over the limit, each with the reason it is not split yet; nothing else may pass it.
declare -A exempt=(
    # One class whose forward and backward passes share private time-major buffers; splitting it
    # would open those buffers to the whole module.
    [Sources/SequenceNet/Recurrent.swift]=1
)

# Files that still hold lines over the column limit: one-line string literals that need splitting by
# hand (a concatenation, or a multi-line literal where the type is not String). Issue 27, item 6; drop a
# file from this list when its lines are wrapped. The limit holds for every other file.
declare -A long_lines_left=(
    [Sources/CNNSearch/ResultsAppender.swift]=1
    [Sources/CNNSearch/ResultsFile.swift]=1
    [Sources/CNNSearch/SearchSpace.swift]=1
    [Sources/CProducts/products.c]=1
    [Sources/SequenceNet/TrainingRecords.swift]=1
    [Sources/Workbook/BookModels.swift]=1
    [Sources/WorkbookData/CETData.swift]=1
    [Sources/WorkbookData/CheckpointFile.swift]=1
    [Sources/WorkbookFigures/Figures/PredictionFigures.swift]=1
    [Sources/WorkbookData/FolderLock.swift]=1
    [Sources/Workbook/OutputOptions.swift]=1
    [Sources/WorkbookData/PlausibleTemperature.swift]=1
    [Sources/Workbook/SeedChoice.swift]=1
    [Sources/ch11-bidirectional/main.swift]=1
    [Sources/ch11-cet-rnn/main.swift]=1
    [Sources/ch11-cnn-search/SearchFigures.swift]=1
    [Sources/ch11-cnn-search/main.swift]=1
    [Sources/ch11-cnn/main.swift]=1
    [Sources/ch11-conv/main.swift]=1
    [Sources/ch11-dropout/LossComparison.swift]=1
    [Sources/ch11-dropout/UnrolledDiagram.swift]=1
    [Sources/ch11-dropout/main.swift]=1
    [Sources/ch11-giss-rnn/StationFigures.swift]=1
    [Sources/recurrent-bench/main.swift]=1
    [Tests/CNNSearchTests/MergedResultsTests.swift]=1
    [Tests/CNNSearchTests/ResultsFileTests.swift]=1
    [Tests/ChapterTests/CETSectionTests.swift]=1
    [Tests/ChapterTests/CNNSectionTests.swift]=1
    [Tests/ChapterTests/CheckpointResumeTests.swift]=1
    [Tests/ChapterTests/DrawnFigure.swift]=1
    [Tests/ChapterTests/PageShapeTests.swift]=1
    [Tests/WorkbookTests/ChapterComparisonTests.swift]=1
    [Tests/WorkbookTests/RunOptionsTests.swift]=1
    [Tests/WorkbookTests/RunReportTests.swift]=1
    [Tests/WorkbookTests/StationRecordTests.swift]=1
)

failed=0
while IFS= read -r file; do
    [[ -n "${long_lines_left[$file]:-}" ]] && continue
    if grep -n ".\{$((max_columns + 1)),\}" "$file" | cut -d: -f1 | sed "s|^|$file:|; s|$|: over $max_columns columns|"
    then
        failed=1
    fi
done < <(find Sources Tests Package.swift -type f \( -name '*.swift' -o -name '*.c' -o -name '*.h' \) | sort)

while IFS= read -r file; do
    lines=$(wc -l < "$file")
    if ((lines > max_lines)) && [[ -z "${exempt[$file]:-}" ]]; then
        echo "$file: $lines lines, over $max_lines (move whole declarations into files of their own)"
        failed=1
    fi
done < <(find Sources -type f | sort)

for file in "${!exempt[@]}"; do
    if [[ ! -f "$file" ]] || (($(wc -l < "$file") <= max_lines)); then
        echo "Tools/check-style.sh: $file is exempt but within $max_lines lines (or gone): drop the exemption"
        failed=1
    fi
done
exit $failed
