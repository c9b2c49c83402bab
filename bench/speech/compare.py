"""Exact-match rates of loa, vietnormalizer and g2p-hamster on the same tables.

Usage: compare.py LOA_BINARY SITE_ROOT TABLE.tsv [TABLE.tsv ...]
loa reads inside SITE_ROOT (bench/speech/site), so the documents it knows are named as
the site names them, as in `cargo test --lib speech`.
Rows are `category<TAB>written<TAB>spoken`; `{a|b}` are accepted alternatives. The
comparison is the one in src/speech/tests.rs: word by word, case and punctuation
ignored, with the spelling variants listed in tests/speech/table.tsv folded.
"""
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

FOLDS = [(" ngàn ", " nghìn "), (" trăm lẻ ", " trăm linh "), (" linh tư ", " linh bốn "),
         (" mươi bốn ", " mươi tư "), (" mồng ", " "), (" mùng ", " ")]
TONES = [("uỷ", "ủy"), ("uý", "úy"), ("uỳ", "ùy"), ("uỹ", "ũy"), ("uỵ", "ụy"), ("oà", "òa"),
         ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"), ("oè", "òe"), ("oé", "óe")]


def canonical(s):
    s = unicodedata.normalize("NFC", s.lower())
    s = "".join(c if c.isalnum() or c in "{|}" else " " for c in s)
    s = " " + " ".join(s.split()) + " "
    for a, b in FOLDS:
        while a in s:
            s = s.replace(a, b)
    for a, b in TONES:
        s = s.replace(a, b)
    return s.strip()


def accepts(want, got):
    canon = canonical(want)
    pattern = "^"
    rest = canon
    while "{" in rest:
        i = rest.index("{")
        j = rest.index("}", i)
        pattern += re.escape(rest[:i])
        pattern += "(?:" + "|".join(re.escape(a) for a in rest[i + 1:j].split("|")) + ")"
        rest = rest[j + 1:]
    pattern += re.escape(rest) + "$"
    pattern = pattern.replace("\\ ", " ").replace(" ", r"\s*")
    return re.match(pattern, canonical(got)) is not None


def rows(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 3:
                out.append(parts[:3])
    return out


def run_loa(binary, texts, root):
    """All cases in one run, as paragraphs kept apart by an HTML comment (which also
    ends a Markdown list); one run per case if the blocks do not line up."""
    sep = "\n\n<!-- -->\n\n"
    cmd = [binary, "read-aloud", "--root", root, "-"]
    r = subprocess.run(cmd, input=sep.join(texts) + "\n", capture_output=True, text=True)
    blocks = r.stdout.strip("\n").split("\n\n")
    if len(blocks) == len(texts):
        return blocks
    out = []
    for t in texts:
        r = subprocess.run(cmd, input=t, capture_output=True, text=True)
        out.append(r.stdout.strip().replace("\n\n", " "))
    return out


def run_vietnormalizer(texts):
    from vietnormalizer import VietnameseNormalizer
    n = VietnameseNormalizer()
    out = []
    for t in texts:
        try:
            out.append(n.normalize(t))
        except Exception as e:  # a crash counts as a miss
            out.append(f"<error {e}>")
    return out


def run_hamster(texts):
    from g2p_hamster import text_to_profile_v2_full
    out = []
    for t in texts:
        try:
            r = text_to_profile_v2_full(t)
            out.append(" ".join(u["word"] for u in r["units"]))
        except Exception as e:
            out.append(f"<error {e}>")
    return out


def main():
    binary, root, tables = sys.argv[1], sys.argv[2], sys.argv[3:]
    for table in tables:
        cases = rows(table)
        texts = [c[1] for c in cases]
        results = {
            "loa": run_loa(binary, texts, root),
            "vietnormalizer": run_vietnormalizer(texts),
            "g2p-hamster": run_hamster(texts),
        }
        per = defaultdict(lambda: defaultdict(int))
        totals = defaultdict(int)
        for i, (cat, _, want) in enumerate(cases):
            totals[cat] += 1
            for name, got in results.items():
                if accepts(want, got[i]):
                    per[name][cat] += 1
        names = list(results)
        print(f"\n{table} ({len(cases)} cases)")
        print(f"{'category':<10} {'n':>4} " + " ".join(f"{n:>15}" for n in names))
        for cat in sorted(totals):
            print(f"{cat:<10} {totals[cat]:>4} " + " ".join(
                f"{100 * per[n][cat] / totals[cat]:>14.1f}%" for n in names))
        print(f"{'all':<10} {len(cases):>4} " + " ".join(
            f"{100 * sum(per[n].values()) / len(cases):>14.1f}%" for n in names))


if __name__ == "__main__":
    main()
