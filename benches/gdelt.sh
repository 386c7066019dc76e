#!/usr/bin/env bash
# Whole-process measurements of GDELT-sized inputs (issue: engines), in one run:
#
#   TSV      `gen_gdelt N 42`: a raw export's shape, 61 tab-separated columns
#   Parquet  the same rows written by DuckDB (`COPY … TO … (FORMAT parquet)`, snappy),
#            with DuckDB's own types, as `docs/engines.md` makes them
#   JSON     `annals import` of the TSV: the annals/1 path for the same events
#
#     cargo build --release --examples
#     pip install duckdb                   (the bench only; the tests never need it)
#     benches/gdelt.sh [SIZES...]          (default: 10000 100000 1000000)
#
# For each size: first_screen (load, build the browser's state, draw one 120×40 frame)
# under GNU time (wall, peak RSS and its ratio to the TSV's size) and with hyperfine
# (--warmup 1; 10 runs up to 100,000 rows, 5 above); then `annals list --actor RUSSIA`
# on the TSV against DuckDB's own whole process (python3 + duckdb, reading the same TSV
# and printing the same rows) — the counts are compared and the script stops if they
# differ. Markdown tables go to stdout.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

ANNALS=target/release/annals
GEN=target/release/examples/gen_gdelt
FIRST_SCREEN=target/release/examples/first_screen
DATA=target/bench-data

say() { printf '%s\n' "$*" >&2; }

for tool in hyperfine jq python3; do
    command -v "$tool" >/dev/null 2>&1 || {
        say "gdelt.sh: missing tool: $tool"
        exit 1
    }
done
python3 -c 'import duckdb' 2>/dev/null || {
    say "gdelt.sh: missing the duckdb Python package: pip install duckdb"
    exit 1
}
[[ -x /usr/bin/time ]] || {
    say "gdelt.sh: missing GNU time as /usr/bin/time (apt-get install time)"
    exit 1
}
for bin in "$ANNALS" "$GEN" "$FIRST_SCREEN"; do
    [[ -x $bin ]] || {
        say "gdelt.sh: not built: $bin; run first: cargo build --release --examples"
        exit 1
    }
done

(($# == 0)) && set -- 10000 100000 1000000
mkdir -p "$DATA"
timefile=$(mktemp)
trap 'rm -f "$timefile"' EXIT
calc() { LC_ALL=C awk "BEGIN { printf $1 }"; }

# GDELT's 61 column names, for DuckDB's read_csv.
NAMES=$(grep -o '"[A-Za-z0-9_]*",' src/import/gdelt/mod.rs | head -61 | tr -d '\n' | sed 's/,$//; s/"/'"'"'/g')
READ="read_csv('%s', delim = '\t', header = false, quote = '', escape = '', names = [$NAMES])"

# The DuckDB side of `annals list --actor RUSSIA`: the same rows, printed.
DUCK_LIST=$(mktemp --suffix=.py)
trap 'rm -f "$timefile" "$DUCK_LIST"' EXIT
cat >"$DUCK_LIST" <<PY
import sys, duckdb
read = """$READ""" % sys.argv[1]
rows = duckdb.sql(f"""SELECT SQLDATE, GLOBALEVENTID, Actor1Name, EventCode, Actor2Name FROM {read}
                      WHERE Actor1Name = 'RUSSIA' OR Actor2Name = 'RUSSIA'
                      ORDER BY SQLDATE, GLOBALEVENTID""").fetchall()
out = sys.stdout
for r in rows:
    out.write("\t".join("" if v is None else str(v) for v in r) + "\n")
PY

echo "## GDELT-sized inputs: whole processes"
echo
echo "- $(date -u +%Y-%m-%d), annals $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(uname -sm), $(nproc) cores, DuckDB $(python3 -c 'import duckdb; print(duckdb.__version__)')"
echo "- first_screen = load, check, build the browser's state, draw one 120×40 frame"

for n in "$@"; do
    tsv="$DATA/gdelt-$n-42.export.CSV"
    parquet="$DATA/gdelt-$n-42.parquet"
    json="$DATA/gdelt-$n-42.json"
    if [[ ! -s $tsv ]]; then
        say "generating $tsv ..."
        "$GEN" "$n" 42 >"$tsv.tmp" && mv "$tsv.tmp" "$tsv"
    fi
    if [[ ! -s $parquet ]]; then
        say "writing $parquet with DuckDB ..."
        python3 -c "import duckdb; duckdb.sql(\"\"\"COPY (SELECT * FROM $(printf "$READ" "$tsv")) TO '$parquet.tmp' (FORMAT parquet)\"\"\")"
        mv "$parquet.tmp" "$parquet"
    fi
    if [[ ! -s $json ]]; then
        say "importing $json ..."
        "$ANNALS" import "$tsv" -o "$json" 2>/dev/null
    fi
    runs=$((n <= 100000 ? 10 : 5))
    tsv_size=$(wc -c <"$tsv" | tr -d ' ')

    echo
    echo "### $n rows"
    echo
    echo "| file | MiB | wall s | max RSS MiB | max RSS / TSV | hyperfine median s ($runs runs) | / JSON |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    declare -A med=()
    for pair in "annals/1 JSON:$json" "GDELT TSV:$tsv" "Parquet (DuckDB):$parquet"; do
        name=${pair%%:*} file=${pair#*:}
        size=$(wc -c <"$file" | tr -d ' ')
        say "N=$n $name ..."
        /usr/bin/time -o "$timefile" -f '%e %M' "$FIRST_SCREEN" "$file" >/dev/null
        read -r secs kib < <(tail -n 1 "$timefile")
        hf="$DATA/hyperfine-gdelt-$n.json"
        hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$hf" \
            "$FIRST_SCREEN $(printf '%q' "$file") > /dev/null" >&2
        med[$name]=$(jq -r '.results[0].median' "$hf")
        echo "| $name | $(calc "\"%.1f\", $size / 1048576") | $secs | $(calc "\"%.1f\", $kib / 1024") | $(calc "\"%.2f\", $kib * 1024 / $tsv_size")× | $(calc "\"%.3f\", ${med[$name]}") | $(calc "\"%.2f\", ${med[$name]} / ${med["annals/1 JSON"]}")× |"
    done

    say "N=$n list --actor RUSSIA ..."
    ours=$("$ANNALS" list "$tsv" --actor RUSSIA --format csv | tail -n +2 | wc -l)
    theirs=$(python3 "$DUCK_LIST" "$tsv" | wc -l)
    if [[ $ours != "$theirs" ]]; then
        say "gdelt.sh: counts differ: annals $ours rows, DuckDB $theirs"
        exit 1
    fi
    hf="$DATA/hyperfine-gdelt-list-$n.json"
    hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$hf" \
        "$ANNALS list $(printf '%q' "$tsv") --actor RUSSIA > /dev/null" \
        "python3 $DUCK_LIST $(printf '%q' "$tsv") > /dev/null" >&2
    a=$(jq -r '.results[0].median' "$hf")
    d=$(jq -r '.results[1].median' "$hf")
    /usr/bin/time -o "$timefile" -f '%M' "$ANNALS" list "$tsv" --actor RUSSIA >/dev/null
    a_kib=$(tail -n 1 "$timefile")
    /usr/bin/time -o "$timefile" -f '%M' python3 "$DUCK_LIST" "$tsv" >/dev/null
    d_kib=$(tail -n 1 "$timefile")
    echo
    echo "| \`list --actor RUSSIA\` ($ours rows) | median s | max RSS MiB |"
    echo "|---|---:|---:|"
    echo "| annals | $(calc "\"%.3f\", $a") | $(calc "\"%.1f\", $a_kib / 1024") |"
    echo "| DuckDB (python3) | $(calc "\"%.3f\", $d") | $(calc "\"%.1f\", $d_kib / 1024") |"
    echo "| annals / DuckDB | $(calc "\"%.2f\", $a / $d")× | |"
done
