#!/usr/bin/env bash
# Benchmark: time from a saved edit to the reload event at a browser's event stream,
# in `loa serve`, on the shared corpus (default 10,000 pages).
#
#   bench/serve.sh [--pages N] [--edits K] [--work DIR] [--no-build] [--loa PATH]
#
# It starts `loa serve` (release build) on a copy of the corpus, listens to
# /__loa/events as a browser does, and for each kind of edit, K times, writes the
# file as editors save (a temporary file, then a rename) and measures from just before
# the rename to the `event: reload` line arriving at the client. The 60 ms debounce is
# included. Kinds:
#   body         the text of a different page each time, edits 1.5 s apart;
#   body-quick   two body edits 0.3 s apart (the second arrives while the search
#                index of the first is still being made); the second is timed;
#   title        a front-matter change (the title);
#   tags         a front-matter change of the tags (term pages move);
#   new          a new page (renamed into place, as editors save);
#   delete       a page removed (one made by `new`: no page links to it; removing
#                a page others link to is an error, shown over the page).
# It prints every figure and the median per kind, with the load average. A benchmark,
# not a test: nothing fails for being slow.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
gen=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
[ -f "$gen" ] || gen="$repo/../../shared/bench/gen_corpus.py"
pages=10000
edits=7
work=/tmp/loa-bench
do_build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --pages) pages="$2"; shift 2 ;;
        --edits) edits="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --no-build) do_build=0; shift ;;
        --loa) loa_bin="$2"; do_build=0; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

[ "$do_build" = 1 ] && (cd "$repo" && cargo build --release --quiet)
loa="${loa_bin:-$repo/target/release/loa}"
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
port=""
for _ in $(seq 1 1200); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/.*://' || true)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "loa serve did not start; see $log" >&2; exit 1; }
grep "Built" "$log" || true
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$port" "$site/content" "$edits" "$pid" <<'PY'
import glob, os, socket, statistics, sys, time
port, content, edits, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
tick = os.sysconf("SC_CLK_TCK")

def cpu():
    """CPU seconds (user + system) loa used so far, every thread."""
    fields = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick
sock = socket.create_connection(("127.0.0.1", port))
sock.sendall(b"GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
sock.settimeout(30)
buf = b""

def wait_reload(timeout=60):
    """Waits for the next reload event; its arrival time, or None after `timeout` s."""
    global buf
    sock.settimeout(timeout)
    try:
        while b"event: reload" not in buf:
            chunk = sock.recv(65536)
            if not chunk:
                raise SystemExit("event stream closed")
            buf += chunk
    except socket.timeout:
        return None
    buf = buf.split(b"event: reload", 1)[1]
    return time.monotonic()

def save(path, text):
    tmp = path + ".tmp~"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    global c0
    c0 = cpu()
    t0 = time.monotonic()
    os.rename(tmp, path)
    return t0

files = sorted(glob.glob(os.path.join(content, "*", "van-ban-*.md")))
time.sleep(2)  # let the first search index finish
results = {}
cpus = {}
c0 = 0.0
k = 0
for kind in ("body", "body-quick", "title", "tags", "new", "delete"):
    ms = []
    cs = []
    for i in range(edits):
        k += 1
        path = files[k * 37 % len(files)]
        text = open(path, encoding="utf-8").read()
        if kind == "body":
            t0 = save(path, text + "\nMột câu mới được thêm khi đo tốc độ.\n")
        elif kind == "body-quick":
            save(path, text + "\nCâu thứ nhất.\n")
            time.sleep(0.3)
            path2 = files[(k * 37 + 11) % len(files)]
            t0 = save(path2, open(path2, encoding="utf-8").read() + "\nCâu thứ hai.\n")
        elif kind == "title":
            t0 = save(path, text.replace('title: "', 'title: "Sửa ', 1))
        elif kind == "tags":
            t0 = save(path, text.replace("tags: [", 'tags: ["đo tốc độ %d", ' % i, 1))
        elif kind == "delete":
            c0 = cpu()
            t0 = time.monotonic()
            os.remove(os.path.join(os.path.dirname(files[(k - edits) * 37 % len(files)]), "bench-new-%d.md" % i))
        else:
            new = os.path.join(os.path.dirname(path), "bench-new-%d.md" % i)
            t0 = save(new, '---\ntitle: "Trang mới %d"\ndate: 2024-05-01\n---\nNội dung mới.\n' % i)
        t1 = wait_reload()
        c1 = cpu()
        if kind == "body-quick":
            # The two saves may come as one rebuild or two: the last reload counts.
            while (later := wait_reload(3)) is not None:
                t1, c1 = later, cpu()
        ms.append((t1 - t0) * 1000)
        cs.append((c1 - c0) * 1000)
        time.sleep(1.5)
    results[kind] = ms
    cpus[kind] = cs
hwm = [l.split()[1] for l in open("/proc/%s/status" % pid) if l.startswith("VmHWM")]
print("== loa's peak RSS: %d MiB" % (int(hwm[0]) // 1024))
for kind, ms in results.items():
    print("== %-10s rename -> reload at client (ms): %s; median %.0f; loa CPU meanwhile (ms): %s; median %.0f" % (
        kind, " ".join("%.0f" % m for m in ms), statistics.median(ms),
        " ".join("%.0f" % c for c in cpus[kind]), statistics.median(cpus[kind])))
PY
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep "Rebuilt" "$log" | sed 's/.* in \([0-9]*\) ms/\1/' | sort -n | tr '\n' ' ' | sed 's/^/== loa'"'"'s own rebuild times (ms): /'; echo
