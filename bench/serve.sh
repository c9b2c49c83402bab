#!/usr/bin/env bash
# Benchmark: time from a saved edit of one page to the reload message in `loa serve`,
# on the shared corpus (default 10,000 pages), excluding the debounce delay.
#
#   bench/serve.sh [--pages N] [--edits K] [--work DIR]
#
# It starts `loa serve` (release build) on a copy of the corpus, edits the body of one
# page K times (a different page each time, written as an editor does: to a temporary
# file, then renamed), and reads loa's own log line "Rebuilt N files in X ms", which
# measures from the moment the debounced save reaches the rebuild thread to the moment
# the reload message is sent. It prints every figure and the median. A benchmark, not
# a test: nothing fails for being slow.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
gen="$repo/../shared/bench/gen_corpus.py"
pages=10000
edits=15
work=/tmp/loa-bench
while [ $# -gt 0 ]; do
    case "$1" in
        --pages) pages="$2"; shift 2 ;;
        --edits) edits="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

(cd "$repo" && cargo build --release --quiet)
loa="$repo/target/release/loa"
corpus="$work/corpus-$pages"
[ -d "$corpus" ] || python3 "$gen" --pages "$pages" --out "$corpus" >/dev/null
site="$work/serve-site-$pages"
rm -rf "$site"
mkdir -p "$site"
cp -r "$corpus/zola/content" "$site/content"
printf 'title: "Bench"\nbase_url: "https://example.org"\ntaxonomies:\n  - name: tags\n' > "$site/config.yaml"

log="$work/serve-$pages.log"
LANG=C "$loa" serve --root "$site" --port 0 >"$log" 2>"$work/serve-err.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "Serving at" "$log" && break; sleep 0.1; done
grep "Built" "$log" || true

mapfile -t files < <(find "$site/content" -name 'van-ban-*.md' | sort | head -n "$edits")
for f in "${files[@]}"; do
    before=$(grep -c "Rebuilt" "$log" || true)
    tmp="$f.tmp~"
    cp "$f" "$tmp"
    printf '\nMột câu mới được thêm khi đo tốc độ.\n' >> "$tmp"
    mv "$tmp" "$f"
    for _ in $(seq 1 300); do
        [ "$(grep -c "Rebuilt" "$log" || true)" -gt "$before" ] && break
        sleep 0.05
    done
    sleep 0.3
done
grep "Rebuilt" "$log" | sed 's/.* in \([0-9]*\) ms/\1/' | sort -n > "$work/serve-ms.txt"
echo "== loa serve, $pages pages: edit-to-reload times (ms), debounce excluded:"
tr '\n' ' ' < "$work/serve-ms.txt"; echo
n=$(wc -l < "$work/serve-ms.txt")
echo "== median: $(sed -n "$(( (n + 1) / 2 ))p" "$work/serve-ms.txt") ms over $n edits"
