#!/usr/bin/env bash
# Benchmark: loa against Hugo (and Zola, when installed) on the shared corpus.
#
#   bench/run.sh [--pages N]... [--runs R] [--work DIR] [--paginate K[,K...]]
#                [--no-disk] [--no-tmpfs] [--no-build]
#
# For each corpus size (default 1000 and 10000 pages) it:
#   1. generates the corpus with ../shared/bench/gen_corpus.py (cached in --work),
#   2. makes a loa site from the corpus's zola/content plus a small config.yaml
#      (one per --paginate value, default 10,0: loa's default, and one list page per
#      section and tag like the Hugo/Zola anchor templates),
#   3. checks once that loa builds it (exit status, errors and warnings counted),
#   4. times every tool side by side, round-robin (loa, hugo, zola, loa, ...), one
#      warm-up then R measured runs each, output on disk and on tmpfs (/dev/shm),
#   5. prints medians of wall time, user and system CPU, peak RSS, and loa/hugo.
#
# Output folders are reused between runs, so each tool does what it does on a
# rebuild: Hugo overwrites in place, loa builds a fresh folder and swaps it in
# (then deletes the old one), Zola (--force) deletes and rewrites.
#
# This is a benchmark, not a test: it never fails because something is slow.
# Raw figures go to WORK/results-<date>.tsv.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
gen="$repo/../shared/bench/gen_corpus.py"

sizes=()
runs=5
work=/tmp/loa-bench
shm=/dev/shm/loa-bench-out
paginate=10,0
do_disk=1
do_tmpfs=1
do_build=1

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --pages) sizes+=("$2"); shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --paginate) paginate="$2"; shift 2 ;;
        --no-disk) do_disk=0; shift ;;
        --no-tmpfs) do_tmpfs=0; shift ;;
        --no-build) do_build=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
[ "$runs" -ge 1 ] || { echo "--runs must be at least 1" >&2; exit 2; }
[ -f "$gen" ] || { echo "corpus generator not found: $gen" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y time" >&2; exit 2; }
command -v hugo >/dev/null || { echo "hugo missing: apt-get install -y hugo" >&2; exit 2; }

mkdir -p "$work"
work=$(cd "$work" && pwd)
results="$work/results-$(date +%Y%m%d-%H%M%S).tsv"

# ---------------------------------------------------------------- build loa
loa="$repo/target/release/loa"
if [ "$do_build" = 1 ]; then
    echo "== cargo build --release" >&2
    (cd "$repo" && cargo build --release --quiet)
fi
[ -x "$loa" ] || { echo "no $loa; run without --no-build" >&2; exit 2; }

IFS=, read -r -a paginates <<< "$paginate"
tools=()
for k in "${paginates[@]}"; do
    [[ "$k" =~ ^[0-9]+$ ]] || { echo "--paginate takes numbers: $paginate" >&2; exit 2; }
    tools+=("loa-p$k")
done
tools+=(hugo)
command -v zola >/dev/null && tools+=(zola)

# ---------------------------------------------------------------- machine
mem_total=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
echo "== machine: $(nproc) CPUs ($cpu), $mem_total RAM, $(uname -sr)"
echo "== loa:  $("$loa" --version 2>/dev/null || echo loa) ($(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet HEAD -- src 2>/dev/null || echo ', src modified'))"
echo "== hugo: $(hugo version | awk '{print $2}')"
if command -v zola >/dev/null; then echo "== zola: $(zola --version)"; else echo "== zola: not installed (not measured)"; fi
echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== runs: 1 warm-up + $runs measured per tool and output location, round-robin; tools: ${tools[*]}"

# ---------------------------------------------------------------- corpora
site_of() { echo "$work/loa-site-$n-p$1"; } # $1 = paginate_by

prepare() { # uses $n; sets corpus and makes one loa site per paginate_by value
    corpus="$work/corpus-$n"
    if [ ! -f "$corpus/corpus.json" ]; then
        echo "== generating $n pages into $corpus" >&2
        python3 "$gen" --pages "$n" --out "$corpus" --force >&2
    fi
    local k site
    for k in "${paginates[@]}"; do
        site=$(site_of "$k")
        if ! cmp -s "$corpus/corpus.json" "$site/corpus.json" 2>/dev/null; then
            echo "== making loa site $site" >&2
            rm -rf "$site"
            mkdir -p "$site"
            # Hard links: loa only reads content/, and the copy is instant.
            cp -al "$corpus/zola/content" "$site/content" 2>/dev/null ||
                cp -r "$corpus/zola/content" "$site/content"
            cp "$corpus/corpus.json" "$site/corpus.json"
        fi
        # paginate_by: 0 gives one list page per section and tag, like the Hugo
        # and Zola anchor templates; 10 is loa's default.
        cat > "$site/config.yaml" <<EOF
title: "Văn bản chỉ đạo, điều hành"
base_url: "https://example.org"
paginate_by: $k
taxonomies:
  - name: tags
EOF
    done
}

# The command of one tool building into $2.
cmd_for() { # $1 tool, $2 output dir
    case "$1" in
        loa-p*) echo "$loa build --root $(site_of "${1#loa-p}") --output $2" ;;
        hugo) echo "hugo --quiet -s $corpus/hugo -d $2" ;;
        zola) echo "zola --root $corpus/zola build --force --output-dir $2" ;;
    esac
}

# One timed run; appends "wall user sys rss_kib" to $3.
measure() { # $1 tool, $2 output dir, $3 file
    local t0 t1 tf
    tf=$(mktemp)
    t0=$(date +%s%N)
    # shellcheck disable=SC2046
    if ! /usr/bin/time -f '%U %S %M' -o "$tf" $(cmd_for "$1" "$2") >/dev/null 2>"$work/last-$1.log"; then
        echo "!! $1 failed building into $2; see $work/last-$1.log" >&2
        tail -5 "$work/last-$1.log" >&2
        rm -f "$tf"
        return 1
    fi
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000000 )) $(tail -1 "$tf")" >> "$3"
    rm -f "$tf"
}

# Median (and min/max) of columns, printed as one table row.
summarise() { # $1 pages, $2 where, $3 tool, $4 file
    python3 - "$@" <<'PY'
import statistics, sys
n, where, tool, path = sys.argv[1:5]
rows = [l.split() for l in open(path) if l.strip()]
wall = [int(r[0]) / 1000 for r in rows]
user = [float(r[1]) for r in rows]
sys_ = [float(r[2]) for r in rows]
rss = [int(r[3]) / 1024 for r in rows]
med = statistics.median
print("%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f\t%.0f\t%d" % (
    n, where, tool, med(wall), min(wall), max(wall), med(user), med(sys_), med(rss), max(rss), len(rows)))
PY
}

# Sanity check: loa builds the corpus (exit status, errors, warnings).
check_loa() { # $1 paginate_by, $2 output dir
    local log="$work/check-loa-$n-p$1.log" status=0
    "$loa" build --root "$(site_of "$1")" --output "$2" >"$log" 2>&1 || status=$?
    local errors warnings
    errors=$(grep -c ': error' "$log" || true)
    warnings=$(grep -c ': warning' "$log" || true)
    echo "== loa check on $n pages, paginate_by $1: exit $status, $errors error lines, $warnings warnings ($(grep -o 'warning: .*' "$log" | sort | uniq -c | sort -rn | head -3 | sed 's/^ *//' | paste -sd';' -)); log: $log"
    tail -1 "$log" | sed 's/^/   /'
    if [ "$status" != 0 ]; then
        echo "!! loa failed on the corpus; first lines:" >&2
        grep -m 20 -E 'error' "$log" >&2 || head -20 "$log" >&2
        return 1
    fi
}

printf 'pages\toutput\ttool\twall_med_s\twall_min_s\twall_max_s\tuser_med_s\tsys_med_s\trss_med_mib\trss_max_mib\truns\n' > "$results"

for n in "${sizes[@]}"; do
    prepare
    wheres=()
    [ "$do_disk" = 1 ] && wheres+=(disk)
    [ "$do_tmpfs" = 1 ] && wheres+=(tmpfs)
    for where in "${wheres[@]}"; do
        if [ "$where" = disk ]; then base="$work/out-$n"; else base="$shm/out-$n"; fi
        mkdir -p "$base"
        if [ "$where" = disk ]; then
            for k in "${paginates[@]}"; do check_loa "$k" "$base/loa-p$k"; done
        fi
        declare -A files=()
        for tool in "${tools[@]}"; do
            files[$tool]=$(mktemp)
            measure "$tool" "$base/$tool" /dev/null # warm-up (also creates the output)
        done
        for ((i = 1; i <= runs; i++)); do
            for tool in "${tools[@]}"; do
                measure "$tool" "$base/$tool" "${files[$tool]}"
            done
        done
        for tool in "${tools[@]}"; do
            summarise "$n" "$where" "$tool" "${files[$tool]}" >> "$results"
            rm -f "${files[$tool]}"
        done
        unset files
    done
done
rm -rf "$shm"

echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== raw figures: $results"
echo
python3 - "$results" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| pages | output | tool | wall median (min-max) | user | sys | peak RSS median (max) | loa/hugo wall | loa/hugo RSS |")
print("|---:|---|---|---|---:|---:|---:|---:|---:|")
by = {(r["pages"], r["output"], r["tool"]): r for r in rows}
for r in rows:
    h = by.get((r["pages"], r["output"], "hugo"))
    ratio_w = ratio_m = ""
    if r["tool"].startswith("loa") and h:
        ratio_w = "%.2f" % (float(r["wall_med_s"]) / float(h["wall_med_s"]))
        ratio_m = "%.2f" % (float(r["rss_med_mib"]) / float(h["rss_med_mib"]))
    print("| %s | %s | %s | %s s (%s-%s) | %s s | %s s | %s MiB (%s) | %s | %s |" % (
        r["pages"], r["output"], r["tool"], r["wall_med_s"], r["wall_min_s"], r["wall_max_s"],
        r["user_med_s"], r["sys_med_s"], r["rss_med_mib"], r["rss_max_mib"], ratio_w, ratio_m))
PY
