#!/usr/bin/env bash
# Whole-process measurements of annals with public tools, beside the criterion benches in
# benches/scale.rs.
#
#     cargo build --release --examples
#     benches/whole-process.sh [--shape gen|field] [SIZES...]   (default: gen; 10000 100000 1000000)
#     SHAPE=field benches/whole-process.sh [SIZES...]           (the same; --shape wins)
#
# Two shapes of data, each measured by its own run of this script:
#   gen    examples/gen.rs: events in date order, ~750 bytes each, 5,000 actors with a Zipf
#          tail; the query actor is a0002 (about 9% of events), and a0042 (rank 42, about
#          0.5% of events) is listed too, without jq. The default.
#   field  examples/gen_field.rs: events in random date order, ~2.1 KB each (long quotes,
#          JSON escapes, some summaries of 10-50 KB), N/25 actors; the query actor is a0001,
#          the most popular (about 10% of events; the generator names it on stderr). At 1M
#          events the file is about 2.1 GB, and jq's peak memory about 5 times that.
#
# hyperfine and /usr/bin/time measure whole processes — start-up, reading the file, the work
# and writing the output — unlike criterion, which measures in-process medians of one
# function. Both kinds of figures are in docs/performance.md.
#
# For each size N it generates target/bench-data/SHAPE-N-42.json (seed 42) if it is absent, then
#   1. runs each command once under GNU time for wall time and peak memory (max RSS), and
#      gives the max RSS as a multiple of the file size;
#   2. times the commands with hyperfine (--warmup 1; 10 runs up to 100,000 events, 3 above,
#      and 2 for jq above 100,000) and exports target/bench-data/hyperfine-N.json (gen) or
#      hyperfine-field-N.json (field).
# The commands:
#   baseline FILE                       read_to_string + serde_json into typed structs
#   first_screen FILE                   annals' load to first screen: load, validate, build
#                                       the browser's state, draw one 120×40 frame off screen
#   annals validate FILE                load and validate, no UI
#   annals list FILE --actor ACTOR      a query, output to /dev/null (a0002, or a0001 for field)
#   annals list FILE --actor a0042      (gen only) a rarer actor: what printing rows costs
#   jq -c --arg a ACTOR '.events[] | select(.actors | index($a))' FILE > /dev/null
#
# (annals list --actor also keeps events that only quote the actor; for a0002 in gen and a0001
# in field there are none, so jq selects the same events.)
#
# The Markdown tables go to stdout (to paste into docs/performance.md); progress and
# hyperfine's own report go to stderr. The JSON files are kept in target/bench-data.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

ANNALS=target/release/annals
BASELINE=target/release/examples/baseline
FIRST_SCREEN=target/release/examples/first_screen
DATA=target/bench-data
JQ_FILTER='.events[] | select(.actors | index($a))'
USAGE="usage: benches/whole-process.sh [--shape gen|field] [SIZES...]   (default: gen; 10000 100000 1000000)"

say() { printf '%s\n' "$*" >&2; }

# --- shape ---------------------------------------------------------------------------------
SHAPE=${SHAPE:-gen}
if (($# > 0)) && [[ $1 == --shape || $1 == --shape=* ]]; then
    if [[ $1 == --shape=* ]]; then
        SHAPE=${1#--shape=}
        shift
    elif (($# >= 2)); then
        SHAPE=$2
        shift 2
    else
        say "whole-process.sh: --shape needs gen or field"
        say "$USAGE"
        exit 1
    fi
fi
case $SHAPE in
gen)
    GEN=target/release/examples/gen
    ACTOR=a0002
    RARE=a0042
    DATA_NOTE="\`gen N 42\` (events in date order); query actor: \`$ACTOR\` (about 9% of events), and \`$RARE\` (about 0.5%) listed without jq"
    RESULTS=hyperfine
    ;;
field)
    GEN=target/release/examples/gen_field
    ACTOR=a0001
    RARE=
    DATA_NOTE="\`gen_field N 42\` (random date order, long quotes, escapes, 10-50 KB summaries); query actor: \`$ACTOR\` (the most popular, about 10% of events)"
    RESULTS=hyperfine-field
    ;;
*)
    say "whole-process.sh: unknown shape: $SHAPE (gen or field)"
    say "$USAGE"
    exit 1
    ;;
esac

# --- tools ---------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v jq >/dev/null 2>&1 || missing+=(jq)
if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time --version 2>&1 | grep -qi 'GNU'; then
    missing+=("time (GNU time as /usr/bin/time)")
fi
if ((${#missing[@]})); then
    say "whole-process.sh: missing tool(s): ${missing[*]}"
    say "  Debian/Ubuntu: apt-get install hyperfine jq time"
    say "  elsewhere:     cargo install hyperfine; jq and GNU time from your package manager"
    exit 1
fi

# --- binaries ------------------------------------------------------------------------------
absent=()
for bin in "$ANNALS" "$GEN" "$BASELINE" "$FIRST_SCREEN"; do
    [[ -x $bin ]] || absent+=("$bin")
done
if ((${#absent[@]})); then
    say "whole-process.sh: not built: ${absent[*]}"
    say "  run first: cargo build --release --examples"
    exit 1
fi

# --- sizes ---------------------------------------------------------------------------------
if (($# == 0)); then
    set -- 10000 100000 1000000
fi
for n in "$@"; do
    if ! [[ $n =~ ^[1-9][0-9]*$ ]]; then
        say "whole-process.sh: not a number of events: $n"
        say "$USAGE"
        exit 1
    fi
done

mkdir -p "$DATA"
timefile=$(mktemp)
trap 'rm -f "$timefile"' EXIT

# Arithmetic and number formatting, always with a decimal point.
calc() { LC_ALL=C awk "BEGIN { printf $1 }"; }

# Runs "$@" once under GNU time with stdout to /dev/null; prints "SECONDS KIB".
measure() {
    if ! /usr/bin/time -o "$timefile" -f '%e %M' "$@" >/dev/null; then
        say "whole-process.sh: failed: $*"
        cat "$timefile" >&2
        exit 1
    fi
    tail -n 1 "$timefile"
}

# The median of one command in a hyperfine export, by its name.
median() { jq -r --arg c "$2" '.results[] | select(.command == $c) | .median' "$1"; }

# --- header --------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "## Whole-process measurements"
echo
echo "- $(date -u +%Y-%m-%d), annals ${rev}, $(uname -sm), ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores"
echo "- $(hyperfine --version), $(jq --version), $(/usr/bin/time --version 2>&1 | head -n 1)"
echo "- shape: $SHAPE; data: $DATA_NOTE"

for n in "$@"; do
    file="$DATA/$SHAPE-$n-42.json"
    if [[ ! -s $file ]]; then
        say "generating $file ..."
        if [[ $SHAPE == field ]]; then
            # gen_field names its most popular actor on stderr: the one queried.
            note=$("$GEN" "$n" 42 2>&1 >"$file.tmp")
            say "$note"
            if [[ $note != *"most popular actor $ACTOR,"* ]]; then
                say "whole-process.sh: $ACTOR is not the most popular actor of $file.tmp"
                exit 1
            fi
        else
            "$GEN" "$n" 42 >"$file.tmp"
        fi
        mv "$file.tmp" "$file"
    fi
    size=$(wc -c <"$file" | tr -d ' ')

    if ((n <= 100000)); then
        runs=10 jq_runs=10
    else
        runs=3 jq_runs=2
    fi

    names=(baseline "annals validate" "annals list --actor $ACTOR" jq "annals first screen")
    q_file=$(printf '%q' "$file")
    q_filter=$(printf '%q' "$JQ_FILTER")
    cmds=(
        "$BASELINE $q_file > /dev/null"
        "$ANNALS validate $q_file > /dev/null"
        "$ANNALS list $q_file --actor $ACTOR > /dev/null"
        "jq -c --arg a $ACTOR $q_filter $q_file > /dev/null"
        "$FIRST_SCREEN $q_file > /dev/null"
    )
    if [[ -n $RARE ]]; then
        names+=("annals list --actor $RARE")
        cmds+=("$ANNALS list $q_file --actor $RARE > /dev/null")
    fi

    echo
    echo "### $SHAPE, $n events: $file, $size bytes ($(calc "\"%.1f\", $size / 1048576") MiB)"

    # 1. Peak memory and wall time, one run each.
    say "$SHAPE N=$n: /usr/bin/time ..."
    rows=()
    r=$(measure "$BASELINE" "$file")
    rows+=("${names[0]} $r")
    r=$(measure "$ANNALS" validate "$file")
    rows+=("${names[1]} $r")
    r=$(measure "$ANNALS" list "$file" --actor "$ACTOR")
    rows+=("${names[2]} $r")
    r=$(measure jq -c --arg a "$ACTOR" "$JQ_FILTER" "$file")
    rows+=("${names[3]} $r")
    r=$(measure "$FIRST_SCREEN" "$file")
    rows+=("${names[4]} $r")
    if [[ -n $RARE ]]; then
        r=$(measure "$ANNALS" list "$file" --actor "$RARE")
        rows+=("${names[5]} $r")
    fi

    echo
    echo "Peak memory, one run each under \`/usr/bin/time -f '%e %M'\`:"
    echo
    echo "| command | wall s | max RSS MiB | max RSS / file size |"
    echo "|---|---:|---:|---:|"
    for row in "${rows[@]}"; do
        k=${row##* } row=${row% *}
        s=${row##* } name=${row% *}
        echo "| $name | $s | $(calc "\"%.1f\", $k / 1024") | $(calc "\"%.2f\", $k * 1024 / $size")× |"
    done

    # 2. hyperfine. One --runs for all commands in a call, so jq gets a call of its own when
    #    its number of runs differs; its results are then merged into hyperfine-N.json.
    json="$DATA/$RESULTS-$n.json"
    say "$SHAPE N=$n: hyperfine ($runs runs; jq $jq_runs) ..."
    args=()
    if ((jq_runs == runs)); then
        for i in "${!names[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
        hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$json" "${args[@]}" >&2
    else
        for i in "${!names[@]}"; do
            ((i == 3)) || args+=(--command-name "${names[$i]}" "${cmds[$i]}")
        done
        hyperfine --shell=bash --warmup 1 --runs "$runs" --export-json "$json" "${args[@]}" >&2
        jq_json="$DATA/$RESULTS-$n-jq.json"
        hyperfine --shell=bash --warmup 1 --runs "$jq_runs" --export-json "$jq_json" \
            --command-name "${names[3]}" "${cmds[3]}" >&2
        jq -s '.[0].results += .[1].results | .[0]' "$json" "$jq_json" >"$json.tmp"
        mv "$json.tmp" "$json"
    fi

    echo
    echo "hyperfine, \`--warmup 1\`, $runs runs$( ((jq_runs != runs)) && echo " ($jq_runs for jq)"), whole processes ($json):"
    echo
    echo "| command | median s | mean s ± σ | min s | max s | runs |"
    echo "|---|---:|---:|---:|---:|---:|"
    jq -r '.results[] | [.command, .median, .mean, (.stddev // 0), .min, .max, (.times | length)] | @tsv' "$json" |
        while IFS=$'\t' read -r name med mean sd min max count; do
            echo "| $name | $(calc "\"%.4f\", $med") | $(calc "\"%.4f ± %.4f\", $mean, $sd") | $(calc "\"%.4f\", $min") | $(calc "\"%.4f\", $max") | $count |"
        done

    base=$(median "$json" "${names[0]}")
    valid=$(median "$json" "${names[1]}")
    list=$(median "$json" "${names[2]}")
    jqm=$(median "$json" "${names[3]}")
    first=$(median "$json" "${names[4]}")
    echo
    echo "- annals first screen / baseline (medians): $(calc "\"%.2f\", $first / $base")×"
    echo "- annals validate / baseline (medians): $(calc "\"%.2f\", $valid / $base")×"
    echo "- jq / annals list (medians; the speed-up of annals list over jq): $(calc "\"%.1f\", $jqm / $list")×"
done
