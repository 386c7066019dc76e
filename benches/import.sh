#!/usr/bin/env bash
# Whole-process measurements of opening files of other formats, beside the annals/1 JSON
# path of benches/whole-process.sh, on two shapes of table:
#
#   editorial  `annals export --format csv` of `gen N 42`: a spreadsheet chronology —
#              long summaries, free-text actors and citations, ten columns
#   forensic   `gen_timesketch N 42`: a Timesketch CSV — short messages, times to the
#              second, twelve columns of which nine become attributes, quoted JSON
#
#     cargo build --release --examples
#     benches/import.sh [SIZES...]        (default: 10000 100000 1000000)
#
# For each size and shape it runs `first_screen` (load, build the browser's state, draw one
# 120×40 frame) once under GNU time for wall time and peak memory (max RSS, and its ratio to
# the file's size), then times `first_screen` with hyperfine (--warmup 1; 10 runs up to
# 100,000 rows, 3 above). The annals/1 JSON of the same events is measured the same way, so
# the three are read in one run. Markdown tables go to stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

ANNALS=target/release/annals
GEN=target/release/examples/gen
GEN_TS=target/release/examples/gen_timesketch
FIRST_SCREEN=target/release/examples/first_screen
DATA=target/bench-data

say() { printf '%s\n' "$*" >&2; }

for tool in hyperfine jq; do
    command -v "$tool" >/dev/null 2>&1 || {
        say "import.sh: missing tool: $tool (apt-get install hyperfine jq time)"
        exit 1
    }
done
[[ -x /usr/bin/time ]] || {
    say "import.sh: missing GNU time as /usr/bin/time (apt-get install time)"
    exit 1
}
for bin in "$ANNALS" "$GEN" "$GEN_TS" "$FIRST_SCREEN"; do
    [[ -x $bin ]] || {
        say "import.sh: not built: $bin; run first: cargo build --release --examples"
        exit 1
    }
done

(($# == 0)) && set -- 10000 100000 1000000
mkdir -p "$DATA"
timefile=$(mktemp)
trap 'rm -f "$timefile"' EXIT
calc() { LC_ALL=C awk "BEGIN { printf $1 }"; }

# Makes $2 with the command in the rest of the arguments, unless it is there.
ensure() {
    local file=$1
    shift
    if [[ ! -s $file ]]; then
        say "generating $file ..."
        "$@" >"$file.tmp"
        mv "$file.tmp" "$file"
    fi
}

echo "## Opening other formats: whole processes"
echo
echo "- $(date -u +%Y-%m-%d), annals $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(uname -sm), $(nproc) cores"
echo "- first_screen = load, check, build the browser's state, draw one 120×40 frame"

for n in "$@"; do
    json="$DATA/gen-$n-42.json"
    editorial="$DATA/gen-$n-42.csv"
    forensic="$DATA/ts-$n-42.csv"
    ensure "$json" "$GEN" "$n" 42
    ensure "$editorial" "$ANNALS" export "$json" --format csv -o -
    ensure "$forensic" "$GEN_TS" "$n" 42
    runs=$((n <= 100000 ? 10 : 3))

    echo
    echo "### $n rows"
    echo
    echo "| file | MiB | wall s | max RSS MiB | max RSS / file | hyperfine median s ($runs runs) |"
    echo "|---|---:|---:|---:|---:|---:|"
    for pair in "annals/1 JSON:$json" "editorial CSV:$editorial" "forensic CSV (Timesketch):$forensic"; do
        name=${pair%%:*} file=${pair#*:}
        size=$(wc -c <"$file" | tr -d ' ')
        say "N=$n $name ..."
        /usr/bin/time -o "$timefile" -f '%e %M' "$FIRST_SCREEN" "$file" >/dev/null
        read -r secs kib < <(tail -n 1 "$timefile")
        hf="$DATA/hyperfine-import-$n.json"
        hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$hf" \
            "$FIRST_SCREEN $(printf '%q' "$file") > /dev/null" >&2
        med=$(jq -r '.results[0].median' "$hf")
        echo "| $name | $(calc "\"%.1f\", $size / 1048576") | $secs | $(calc "\"%.1f\", $kib / 1024") | $(calc "\"%.2f\", $kib * 1024 / $size")× | $(calc "\"%.3f\", $med") |"
    done
done
