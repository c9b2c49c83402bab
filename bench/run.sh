#!/usr/bin/env bash
# Benchmark: loa against Hugo and Zola on the shared corpus, side by side.
#
#   bench/run.sh [--pages N]... [--runs R] [--work DIR] [--conditions LIST] [--no-build]
#                [--quiet-wait S] [--busy PCT] [--keep-fresh]
#
#   --keep-fresh leaves the fresh-build folders in place (delete them later yourself),
#   so that another run can follow at once (see "fresh" below on deletes).
#   --pages 50000 adds the 50k corpus (about 3 GB of output per tool and condition).
#   Quiet-machine check: before each round the CPU use of the whole machine is sampled
#   for a second while nothing of ours runs; the round waits (up to S seconds, default
#   300) until it is below PCT percent (default 10), else it runs anyway and is counted
#   as loaded: the summary then warns that the wall times are not meaningful.
#
#   ZOLA_BIN=/path/to/zola   Zola binary (default: `zola` on PATH; skipped if none).
#   HUGO_BIN=/path/to/hugo   Hugo binary (default: `hugo` on PATH; Debian: apt-get install hugo).
#
# Zola has no Debian package and is not on crates.io. Build it from its source:
#   git clone https://github.com/getzola/zola && cd zola     (or `git archive` of a copy)
#   cargo build --release --locked                           (~15 min on 2 cores)
#   ZOLA_BIN=$PWD/target/release/zola bench/run.sh
#
# For each corpus size (default 1000 and 10000; add --pages 50000) it:
#   1. generates the corpus with ../shared/bench/gen_corpus.py (cached in --work),
#   2. makes two loa sites from the corpus's zola/content:
#      loa-like: `paginate_by: 0`, `build_search_index: false` (one list page per
#                section and tag and no index, like the Hugo and Zola anchor templates),
#      loa-def:  loa's defaults (default theme, `paginate_by: 10`, search index on),
#   3. checks once that loa builds it (exit status, errors and warnings counted),
#   4. times every tool side by side, round-robin (loa-like, loa-def, hugo, zola,
#      loa-like, ...), one warm-up then R measured runs, condition by condition (each
#      for every size before the next condition starts):
#      disk   rebuild over the tool's previous output on disk (Zola: --force),
#      tmpfs  the same on /dev/shm,
#      fresh  a clean build into a never-used folder on disk. Never-used, not emptied:
#             on this machine's disk (ext4, no journal, `discard`) creating files
#             soon after a mass delete makes the kernel scan the deleted inodes, and a
#             build right after `rm -rf` measures the filesystem. The fresh folders are
#             deleted only at the very end, and by default this condition runs first,
#             before the rebuild rounds delete anything. ext4 avoids reusing freed inodes
#             for one to six minutes: start a run six minutes after deleting many
#             files on that disk (an earlier run's final clean-up included).
#   5. prints medians of wall time, user and system CPU, peak RSS, and for each loa
#      variant its ratio to the faster anchor; the load average is printed before each
#      round (a quiet machine shows < 0.3 with 2 cores idle).
#
# Every build starts after a `sync`, so none pays for the writeback of the one before.
# This is a benchmark, not a test: it never fails because something is slow.
# Raw figures go to WORK/results-<date>.tsv, one line per run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# The generator sits in ../shared next to the repository (../../shared from a worktree).
gen=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
[ -f "$gen" ] || gen="$repo/../../shared/bench/gen_corpus.py"

sizes=()
runs=5
work=/tmp/loa-bench
shm=/dev/shm/loa-bench-out
# Fresh first: the rebuild rounds delete whole outputs (Zola's --force does every time),
# and files created in the minutes after a mass delete are slow on this disk (see above).
conditions=fresh,tmpfs,disk
do_build=1
keep_fresh=0
quiet_wait=300
busy_max=10

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --pages) sizes+=("$2"); shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --conditions) conditions="$2"; shift 2 ;;
        --no-build) do_build=0; shift ;;
        --keep-fresh) keep_fresh=1; shift ;;
        --quiet-wait) quiet_wait="$2"; shift 2 ;;
        --busy) busy_max="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
[ "$runs" -ge 1 ] || { echo "--runs must be at least 1" >&2; exit 2; }
[ -f "$gen" ] || { echo "corpus generator not found: $gen" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y time" >&2; exit 2; }
hugo=${HUGO_BIN:-$(command -v hugo || true)}
zola=${ZOLA_BIN:-$(command -v zola || true)}
[ -n "$hugo" ] || { echo "hugo missing: apt-get install -y hugo, or set HUGO_BIN" >&2; exit 2; }
IFS=, read -r -a conds <<< "$conditions"

mkdir -p "$work"
work=$(cd "$work" && pwd)
stamp=$(date +%Y%m%d-%H%M%S)
results="$work/results-$stamp.tsv"
fresh_root="$work/fresh-$stamp"

# ---------------------------------------------------------------- build loa
loa="$repo/target/release/loa"
if [ "$do_build" = 1 ]; then
    echo "== cargo build --release" >&2
    (cd "$repo" && cargo build --release --quiet)
fi
[ -x "$loa" ] || { echo "no $loa; run without --no-build" >&2; exit 2; }

tools=(loa-like loa-def hugo)
[ -n "$zola" ] && tools+=(zola)

# ---------------------------------------------------------------- machine
mem_total=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
echo "== machine: $(nproc) CPUs ($cpu), $mem_total RAM, $(uname -sr)"
echo "== loa:  $("$loa" --version 2>/dev/null || echo loa) ($(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet HEAD -- src 2>/dev/null || echo ', src modified'))"
echo "== hugo: $("$hugo" version | awk '{print $2}')"
if [ -n "$zola" ]; then echo "== zola: $("$zola" --version)"; else echo "== zola: not found (set ZOLA_BIN; not measured)"; fi
echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== runs: 1 warm-up + $runs measured per tool and condition, round-robin; tools: ${tools[*]}; conditions: ${conds[*]}"

# ---------------------------------------------------------------- corpora
site_of() { echo "$work/loa-site-$n-$1"; } # $1 = like | def

prepare() { # uses $n; sets corpus and makes the two loa sites
    corpus="$work/corpus-$n"
    if [ ! -f "$corpus/corpus.json" ]; then
        echo "== generating $n pages into $corpus" >&2
        python3 "$gen" --pages "$n" --out "$corpus" --force >&2
    fi
    local v site
    for v in like def; do
        site=$(site_of "$v")
        if ! cmp -s "$corpus/corpus.json" "$site/corpus.json" 2>/dev/null; then
            echo "== making loa site $site" >&2
            rm -rf "$site"
            mkdir -p "$site"
            # Hard links: loa only reads content/, and the copy is instant.
            cp -al "$corpus/zola/content" "$site/content" 2>/dev/null ||
                cp -r "$corpus/zola/content" "$site/content"
            cp "$corpus/corpus.json" "$site/corpus.json"
        fi
        {
            echo 'title: "Văn bản chỉ đạo, điều hành"'
            echo 'base_url: "https://example.org"'
            if [ "$v" = like ]; then echo 'paginate_by: 0'; echo 'build_search_index: false'; fi
            echo 'taxonomies:'
            echo '  - name: tags'
        } > "$site/config.yaml"
    done
}

# The command of one tool building into $2.
cmd_for() { # $1 tool, $2 output dir
    case "$1" in
        loa-like) echo "$loa build --root $(site_of like) --output $2" ;;
        loa-def) echo "$loa build --root $(site_of def) --output $2" ;;
        hugo) echo "$hugo --quiet -s $corpus/hugo -d $2" ;;
        zola) echo "$zola --root $corpus/zola build --force --output-dir $2" ;;
    esac
}

# One timed run; appends "pages condition tool wall_ms user sys rss_kib load1" to $results.
measure() { # $1 tool, $2 output dir, $3 1 = record
    local t0 t1 tf load
    tf=$(mktemp)
    # Nothing of the previous build left to write back: on a 2-core machine its
    # writeback (gigabytes at 50k) would run during this one, and slow whichever tool
    # comes next in the round.
    sync
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s%N)
    # shellcheck disable=SC2046
    if ! /usr/bin/time -f '%U %S %M' -o "$tf" $(cmd_for "$1" "$2") >/dev/null 2>"$work/last-$1.log"; then
        echo "!! $1 failed building into $2; see $work/last-$1.log" >&2
        tail -5 "$work/last-$1.log" >&2
        rm -f "$tf"
        return 1
    fi
    t1=$(date +%s%N)
    [ "$3" = 1 ] && echo "$n $cond $1 $(( (t1 - t0) / 1000000 )) $(tail -1 "$tf") $load" >> "$results"
    rm -f "$tf"
}

# Percent of the machine's CPU time busy over one second (while we run nothing).
busy_now() {
    local a b
    a=$(awk '/^cpu / {print $2+$3+$4+$6+$7+$8, $5}' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / {print $2+$3+$4+$6+$7+$8, $5}' /proc/stat)
    echo "$a $b" | awk '{ busy = $3 - $1; idle = $4 - $2; t = busy + idle; printf "%d", (t > 0 ? 100 * busy / t : 0) }'
}

# Waits until the machine is quiet (see --busy, --quiet-wait); counts loaded rounds.
loaded_rounds=0
wait_quiet() {
    local waited=0 busy
    busy=$(busy_now)
    while [ "$busy" -gt "$busy_max" ] && [ "$waited" -lt "$quiet_wait" ]; do
        [ "$waited" = 0 ] && echo "== machine busy ($busy% CPU by others): waiting up to ${quiet_wait}s" >&2
        sleep 4
        waited=$((waited + 5))
        busy=$(busy_now)
    done
    if [ "$busy" -gt "$busy_max" ]; then
        echo "!! still $busy% busy after ${quiet_wait}s: this round runs on a loaded machine" >&2
        loaded_rounds=$((loaded_rounds + 1))
    fi
}

# Where tool $1 builds in condition $cond, run $2.
out_for() {
    case "$cond" in
        disk) echo "$work/out-$n/$1" ;;
        tmpfs) echo "$shm/out-$n/$1" ;;
        fresh) echo "$fresh_root/$n-$1-$2" ;;
    esac
}

# Sanity check: loa builds the corpus (exit status, errors, warnings).
check_loa() { # $1 variant
    local log="$work/check-loa-$n-$1.log" status=0
    # Into a never-used folder too: a rebuild here would delete a whole output just
    # before the fresh rounds (see "Never-used" above).
    "$loa" build --root "$(site_of "$1")" --output "$fresh_root/check-$n-$1" >"$log" 2>&1 || status=$?
    local errors warnings
    errors=$(grep -c ': error' "$log" || true)
    warnings=$(grep -c ': warning' "$log" || true)
    echo "== loa check on $n pages ($1): exit $status, $errors error lines, $warnings warning lines shown; log: $log"
    tail -1 "$log" | sed 's/^/   /'
    if [ "$status" != 0 ]; then
        echo "!! loa failed on the corpus; first lines:" >&2
        grep -m 20 -E 'error' "$log" >&2 || head -20 "$log" >&2
        return 1
    fi
}

: > "$results"
for n in "${sizes[@]}"; do
    prepare
    mkdir -p "$work/out-$n" "$shm/out-$n" "$fresh_root"
    check_loa like
    check_loa def
done
# Condition by condition, every size in each: all fresh builds run before any rebuild deletes.
for cond in "${conds[@]}"; do
    for n in "${sizes[@]}"; do
        corpus="$work/corpus-$n"
        for tool in "${tools[@]}"; do measure "$tool" "$(out_for "$tool" 0)" 0; done # warm-up
        for ((i = 1; i <= runs; i++)); do
            wait_quiet
            echo "== $n pages, $cond, round $i: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
            for tool in "${tools[@]}"; do measure "$tool" "$(out_for "$tool" "$i")" 1; done
        done
    done
done
rm -rf "$shm"

echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$loaded_rounds" -gt 0 ]; then
    echo "!! $loaded_rounds round(s) ran while other processes used over $busy_max% of the CPU:"
    echo "!! their wall times are not meaningful; compare user + sys CPU, or rerun on a quiet machine."
else
    echo "== every round started on a quiet machine (under $busy_max% CPU used by others)"
fi
echo "== raw figures: $results"
if [ "$keep_fresh" = 1 ]; then
    echo "== fresh-build folders: $fresh_root (kept: --keep-fresh)"
else
    echo "== fresh-build folders: $fresh_root (deleted now, after the last run)"
    rm -rf "$fresh_root"
fi
echo
python3 - "$results" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
order = []
for line in open(sys.argv[1]):
    n, cond, tool, wall, user, sys_, rss, load = line.split()
    key = (int(n), cond)
    if key not in order:
        order.append(key)
    runs[key + (tool,)].append((int(wall) / 1000, float(user), float(sys_), int(rss) / 1024, float(load)))
# Run condition by condition; shown size by size, in the order the conditions ran.
order.sort(key=lambda k: k[0])
med = statistics.median
print("| pages | condition | tool | wall median (min-max) | user | sys | peak RSS | load avg (median) | / faster anchor |")
print("|---:|---|---|---|---:|---:|---:|---:|---:|")
for n, cond in order:
    anchors = [med(r[0] for r in runs[(n, cond, t)]) for t in ("hugo", "zola") if runs.get((n, cond, t))]
    best = min(anchors) if anchors else None
    for tool in ("loa-like", "loa-def", "hugo", "zola"):
        rs = runs.get((n, cond, tool))
        if not rs:
            continue
        wall = [r[0] for r in rs]
        ratio = "%.2f" % (med(wall) / best) if best and tool.startswith("loa") else ""
        print("| %d | %s | %s | %.2f s (%.2f-%.2f) | %.2f s | %.2f s | %.0f MiB | %.1f | %s |" % (
            n, cond, tool, med(wall), min(wall), max(wall), med(r[1] for r in rs),
            med(r[2] for r in rs), med(r[3] for r in rs), med(r[4] for r in rs), ratio))

# The issue's table: one row per size and condition, median wall time of each tool,
# and each loa variant's ratio to the faster anchor (target: at most 0.5).
names = {"disk": "rebuild on disk", "tmpfs": "on tmpfs", "fresh": "into a new folder"}
print()
print("| condition | loa-like | loa-def | Hugo | Zola | loa-like / faster | loa-def / faster |")
print("|---|---:|---:|---:|---:|---:|---:|")
for n, cond in order:
    wall = {t: med(r[0] for r in runs[(n, cond, t)]) for t in ("loa-like", "loa-def", "hugo", "zola") if runs.get((n, cond, t))}
    best = min([wall[t] for t in ("hugo", "zola") if t in wall] or [0])
    cell = lambda t: "%.2f s" % wall[t] if t in wall else "-"
    ratio = lambda t: "%.2f" % (wall[t] / best) if best and t in wall else "-"
    label = "%s %s" % ("%dk" % (n // 1000) if n % 1000 == 0 else n, names.get(cond, cond))
    print("| %s | %s | %s | %s | %s | %s | %s |" % (label, cell("loa-like"), cell("loa-def"), cell("hugo"),
          cell("zola"), ratio("loa-like"), ratio("loa-def")))
PY
