#!/bin/sh
# Compares loa's read-aloud normaliser with the PyPI front-ends vietnormalizer and
# g2p-hamster on the public table and the held-out sentences (tests/speech/):
# exact-match rate per category, side by side. Needs python3 with venv and network
# access to PyPI the first time. Usage: bench/speech/run.sh [VENV_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
venv=${1:-"$repo/target/speech-bench-venv"}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet vietnormalizer g2p-hamster
fi
(cd "$repo" && cargo build --quiet --locked)
"$venv/bin/pip" list 2>/dev/null | grep -i -E '^(vietnormalizer|g2p-hamster) ' || true
echo "loa $(cd "$repo" && git rev-parse --short HEAD)"
# A copy, so a rebuild during the run does not change what is measured.
bin=$(mktemp)
cp "$repo/target/debug/loa" "$bin"
chmod +x "$bin"
"$venv/bin/python" "$here/compare.py" "$bin" "$here/site" \
    "$repo/tests/speech/table.tsv" "$repo/tests/speech/heldout.tsv" "$repo/tests/speech/heldout-2.tsv" \
    "$repo/tests/speech/heldout-3.tsv" "$repo/tests/speech/heldout-4.tsv" "$repo/tests/speech/heldout-5.tsv" \
    "$repo/tests/speech/heldout-6.tsv" "$repo/tests/speech/heldout-7.tsv" "$repo/tests/speech/heldout-8.tsv" \
    "$repo/tests/speech/heldout-9.tsv" "$repo/tests/speech/heldout-10.tsv" \
    "$repo/tests/speech/heldout-11.tsv" "$repo/tests/speech/heldout-12.tsv"
rm -f "$bin"
