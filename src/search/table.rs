//! Interned strings found by a hash the caller computes once (`hash`): a word's hash is
//! taken when a page is indexed and reused to find it in every table after that
//! (the thread's spellings, the merge shard it belongs to, the shard's terms).

/// A 32-bit hash of `bytes`, the same on every thread and in every run.
pub fn hash(bytes: &[u8]) -> u32 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let n = bytes.len();
    let u32_at =
        |i: usize| u64::from(u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]));
    let u64_at = |i: usize| u32_at(i) | u32_at(i + 4) << 32;
    let mut h = (n as u64).wrapping_mul(K);
    if n >= 8 {
        // Whole 8-byte blocks, then the last 8 bytes (overlapping the previous block).
        let mut i = 0;
        while i + 8 < n {
            h = (h ^ u64_at(i)).wrapping_mul(K).rotate_left(31);
            i += 8;
        }
        h = (h ^ u64_at(n - 8)).wrapping_mul(K);
    } else if n >= 4 {
        h = (h ^ (u32_at(0) | u32_at(n - 4) << 32)).wrapping_mul(K);
    } else if n > 0 {
        let x = u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16;
        h = (h ^ x).wrapping_mul(K);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (h ^ h >> 32) as u32
}

/// Which of `n` parts a string of hash `h` belongs to (the hash's high bits; a table
/// takes its slot from the low bits).
pub fn part(h: u32, n: usize) -> usize {
    ((u64::from(h) * n as u64) >> 32) as usize
}

/// Strings numbered 0, 1, 2… in the order they were added, each stored once.
#[derive(Default)]
pub struct Table {
    /// Open addressing: `hash << 32 | id + 1`, 0 for a free slot; a power of two long.
    slots: Vec<u64>,
    /// The strings, one after another.
    text: String,
    /// Per id: where its string is in `text`.
    spans: Vec<(u32, u32)>,
}

impl Table {
    /// How many strings the table holds.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// String `id`.
    pub fn name(&self, id: usize) -> &str {
        let (start, len) = self.spans[id];
        &self.text[start as usize..(start + len) as usize]
    }

    /// The id of `key`, whose hash is `h`, if the table holds it.
    // Always inlined: a word is looked up once per table, and the call cost a third.
    #[inline(always)]
    pub fn get(&self, h: u32, key: &[u8]) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = h as usize & mask;
        loop {
            // An empty table has no slot 0: nothing found.
            let slot = *self.slots.get(at)?;
            if slot == 0 {
                return None;
            }
            if (slot >> 32) as u32 == h {
                let id = (slot as u32 - 1) as usize;
                let (start, len) = self.spans[id];
                let name = self.text.as_bytes().get(start as usize..(start + len) as usize);
                if name.is_some_and(|name| same(name, key)) {
                    return Some(id);
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `key` (hash `h`), and whether it was added now.
    #[inline]
    pub fn intern(&mut self, h: u32, key: &str) -> (usize, bool) {
        match self.get(h, key.as_bytes()) {
            Some(id) => (id, false),
            None => (self.push(h, key), true),
        }
    }

    /// Adds `key` (hash `h`), which the table does not hold, and returns its id.
    #[inline(never)]
    pub fn push(&mut self, h: u32, key: &str) -> usize {
        // At most half full, so a search meets a free slot soon.
        if 2 * (self.spans.len() + 1) > self.slots.len() {
            self.grow();
        }
        let id = self.spans.len();
        self.spans.push((self.text.len() as u32, key.len() as u32));
        self.text.push_str(key);
        self.place(h, id);
        id
    }

    fn place(&mut self, h: u32, id: usize) {
        let mask = self.slots.len() - 1;
        let mut at = h as usize & mask;
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = u64::from(h) << 32 | (id as u64 + 1);
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for slot in old.into_iter().filter(|&s| s != 0) {
            self.place((slot >> 32) as u32, (slot as u32 - 1) as usize);
        }
    }
}

/// `a == b`, by whole words: the strings are words, a few bytes long, and a call to
/// `memcmp` cost more than the comparison.
#[inline]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u64_at = |s: &[u8], i: usize| {
        s.get(i..i + 8).map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
    };
    let u32_at = |s: &[u8], i: usize| s.get(i..i + 4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]));
    if n >= 8 {
        // Whole 8-byte blocks, then the last 8 bytes (overlapping the previous block).
        let mut i = 0;
        while i + 8 < n {
            if u64_at(a, i) != u64_at(b, i) {
                return false;
            }
            i += 8;
        }
        u64_at(a, n - 8) == u64_at(b, n - 8)
    } else if n >= 4 {
        u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4)
    } else {
        n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_their_first_id() {
        let mut t = Table::default();
        let mut seen = std::collections::HashSet::new();
        for k in 0..1000 {
            let w = format!("w{}", k % 300);
            let (id, new) = t.intern(hash(w.as_bytes()), &w);
            assert_eq!((t.name(id), new), (w.as_str(), seen.insert(w.clone())));
            assert_eq!(id, k % 300);
        }
        assert_eq!(t.len(), 300);
        assert_eq!(t.get(hash(b"w7"), b"w7"), Some(7));
        assert_eq!(t.get(hash(b"w300"), b"w300"), None);
        // A wrong hash finds nothing, whatever the string.
        assert_eq!(Table::default().get(0, b""), None);
    }

    #[test]
    fn words_compare_equal_only_when_equal() {
        let words =
            ["", "a", "b", "ab", "ba", "abc", "abd", "abcd", "abce", "xbcd", "khuyen", "khuyến", "khuyếm"];
        let long = [
            "0123456789abcdef",
            "0123456789abcdeg",
            "0123456789abcdef0",
            "1123456789abcdef",
            "0123456x89abcdef0",
        ];
        for a in words.iter().chain(&long) {
            for b in words.iter().chain(&long) {
                assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn hashes_tell_short_and_long_strings_apart() {
        let texts = ["", "a", "b", "ab", "ba", "abc", "abcd", "abce", "khuyen", "khuyến", "hoc", "họcx"];
        let long = ["0123456789abcdef", "0123456789abcdeg", "0123456789abcdef0", "1123456789abcdef"];
        let hashes: std::collections::BTreeSet<u32> =
            texts.iter().chain(&long).map(|t| hash(t.as_bytes())).collect();
        assert_eq!(hashes.len(), texts.len() + long.len());
        for n in [1, 2, 3, 7] {
            assert!(texts.iter().all(|t| part(hash(t.as_bytes()), n) < n));
        }
    }
}
