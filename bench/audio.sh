#!/usr/bin/env bash
# Benchmark: synthesis time per bulletin (`broadcast.audio`), on this repository's own
# site (content/ban-tin/: the real bulletins), with the default engine and encoder.
#
#   bench/audio.sh [--runs R] [--format mp3|opus] [--work DIR] [--loa PATH]
#
# For each run it copies the site to WORK, turns audio on, empties the audio cache and
# times `loa build` (every bulletin spoken and encoded), then times a second build (all
# audio from the cache, no engine run) and the same site with audio off. It prints, per
# run, the cold and cached build times, synthesis time per bulletin ((cold - off) / N),
# the audio length made, and the real-time factor (seconds of work per second of audio),
# then the medians. A benchmark, not a test: nothing fails for being slow.
# Needs: apt-get install espeak-ng lame opus-tools (and ffprobe is not needed).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
runs=3
format=mp3
work=/tmp/loa-bench-audio
loa=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --format) format="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --loa) loa="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
for t in espeak-ng lame opusenc; do
    command -v "$t" >/dev/null || { echo "$t missing: apt-get install -y espeak-ng lame opus-tools" >&2; exit 2; }
done
if [ -z "$loa" ]; then
    (cd "$repo" && cargo build --release --quiet)
    loa="$repo/target/release/loa"
fi

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {print b - a}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

site="$work/site"
n=$(ls "$repo"/content/ban-tin/*.md | grep -vc '_index.md')
echo "== $n bulletins, format $format, $runs runs, loa: $loa"
printf 'run\tcold_s\tcached_s\toff_s\tper_bulletin_s\taudio_s\trealtime_factor\n'
rows=()
for r in $(seq 1 "$runs"); do
    rm -rf "$site" && mkdir -p "$site"
    cp -r "$repo/content" "$repo/config.yaml" "$site/"
    cp "$site/config.yaml" "$site/config-off.yaml"
    printf 'broadcast:\n  audio:\n    format: %s\n' "$format" >> "$site/config.yaml"
    t0=$(now); "$loa" build --root "$site" >/dev/null 2>&1; t1=$(now)
    "$loa" build --root "$site" >/dev/null 2>&1; t2=$(now)
    audio=0
    for f in "$site"/.loa-cache/audio/*.json; do
        s=$(sed 's/.*"seconds":\([0-9.]*\).*/\1/' "$f"); audio=$(awk -v a="$audio" -v b="$s" 'BEGIN {print a + b}')
    done
    mv "$site/config-off.yaml" "$site/config.yaml"
    t3=$(now); "$loa" build --root "$site" >/dev/null 2>&1; t4=$(now)
    cold=$(secs "$t0" "$t1"); cached=$(secs "$t1" "$t2"); off=$(secs "$t3" "$t4")
    per=$(awk -v c="$cold" -v o="$off" -v n="$n" 'BEGIN {print (c - o) / n}')
    rtf=$(awk -v c="$cold" -v o="$off" -v a="$audio" 'BEGIN {print (c - o) / a}')
    row=$(printf '%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%.3f' "$r" "$cold" "$cached" "$off" "$per" "$audio" "$rtf")
    echo "$row"; rows+=("$row")
done
col() { printf '%s\n' "${rows[@]}" | cut -f"$1" | median; }
printf 'median\t%.2f\t%.2f\t%.2f\t%.2f\t%.1f\t%.3f\n' "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)" "$(col 6)" "$(col 7)"
