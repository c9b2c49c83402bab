/* loa search for the hoa-ban theme: offline, forgiving of missing diacritics.
 *
 * The index is a set of JavaScript files under search/ that call window.loaSearch.*
 * (meta.js, term shards t-*.js, phrase shards p-*.js, text chunks x-*.js); they are
 * loaded with <script> tags, never fetch, so search works from file:// (a USB stick)
 * as well as over HTTP. Words are folded as in loa's src/search/fold.rs: keep the two
 * in step. No build tool, no external resources.
 */
(function () {
  'use strict';

  /* Letters, digits and any combining mark: Tai Viet vowel signs are marks too. */
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MAX_WORD = 40;
  var TONES = { '\u0300': 'f', '\u0301': 's', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j' };
  /* Where a word occurs (bits of a posting, see src/search/mod.rs). */
  var HEADING = 2, META = 4, TITLE = 8, NUMBER = 16;
  var EXACT_BONUS = 10;    /* the word as typed, diacritics and all */
  var PHRASE_BONUS = 12;   /* two query words next to each other: beats one word in a title */
  var NUMBER_BONUS = 30;   /* the page's own document number, typed whole ("11-CT/TW") */
  var CITED_BONUS = 5;     /* a whole document number in the page's title */
  var PREFIX_FACTOR = 0.7; /* "khuy" completed to "khuyến" */
  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 150;

  /* ---------- Folding (same as src/search/fold.rs) ---------- */

  function fold(w) {
    /* ð: the lowercase of Ð (U+00D0), which OCR puts for Đ. */
    return w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đð]/g, 'd');
  }

  function exact(w) {
    var base = '', tone = '';
    for (var c of w.toLowerCase().normalize('NFD')) {
      if (TONES[c]) tone = TONES[c]; else base += c;
    }
    return base.normalize('NFC') + tone;
  }

  function words(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (Array.from(m[0]).length <= MAX_WORD) out.push({ raw: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /* ---------- Loading the index ---------- */

  var store = { meta: null, t: {}, p: {}, x: {} };
  window.loaSearch = {
    m: function (d) { store.meta = d; },
    t: function (name, d) { store.t[name] = d; },
    p: function (name, d) { store.p[name] = d; },
    x: function (n, d) { store.x[n] = d; }
  };

  var base = '';
  var loading = {};
  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve) {
        var s = document.createElement('script');
        s.src = base + file;
        s.onload = function () { resolve(true); };
        s.onerror = function () { resolve(false); };
        document.head.appendChild(s);
      });
    }
    return loading[file];
  }

  function shardFile(kind, names, i) {
    var name = names[i];
    return kind + '-' + (name === '' ? 'all' : /^[a-z0-9]+$/.test(name) ? name : '_' + i) + '.js';
  }

  /* Shards that may hold `key` (and, for a prefix, every key that starts with it):
     the one with the longest name that starts `key`, plus, for a prefix, those whose
     name starts with `key`. */
  function shardsFor(names, key, prefix) {
    var out = [], best = -1;
    for (var i = 0; i < names.length; i++) {
      var n = names[i];
      if (key.startsWith(n) && (best < 0 || n.length > names[best].length)) best = i;
      else if (prefix && n.startsWith(key)) out.push(i);
    }
    if (best >= 0) out.push(best);
    return out;
  }

  /* ---------- Searching ---------- */

  function parse(q) {
    q = q.normalize('NFC');
    /* "11CT/TW" typed without its dash: the number and the code are two words. */
    var split = [];
    words(q).forEach(function (w) {
      var m = /^(\d+)(\p{L}.*)$/u.exec(w.raw);
      if (m) split.push({ raw: m[1] }, { raw: m[2] }); else split.push(w);
    });
    var ws = split.map(function (w) {
      var f = fold(w.raw), e = exact(w.raw);
      return { raw: w.raw, folded: f, exact: e === f ? null : e };
    });
    /* "số" before a number ("Chỉ thị số 11-CT/TW") is how numbers are cited, not a
       word the document itself must contain. */
    /* Nor is "của" after one ("Chỉ thị số 11 của Bộ Chính trị"): the issuer follows. */
    ws = ws.filter(function (w, i) {
      if (w.folded === 'so' && i + 1 < ws.length && /^\d/.test(ws[i + 1].folded)) return false;
      return !(w.folded === 'cua' && i > 0 && /^\d/.test(ws[i - 1].folded) && i + 1 < ws.length);
    });
    /* While typing, the last word is a prefix: "khuy" already finds "khuyến". */
    var typing = /[\p{L}\p{N}\p{M}]$/u.test(q);
    /* One letter just typed after other words says too little: wait for the next one. */
    if (typing && ws.length > 1 && Array.from(ws[ws.length - 1].folded).length < 2) ws.pop();
    var last = ws.length - 1;
    var prefix = typing && last >= 0 && Array.from(ws[last].folded).length >= 2;
    var numbers = [];
    for (var i = 0; i < ws.length; i++) {
      if (!/^\d+$/.test(ws[i].folded)) continue;
      var key = ws[i].folded;
      for (var j = i + 1; j < ws.length && j < i + 5; j++) {
        key += ws[j].folded;
        numbers.push(key);
      }
    }
    return { words: ws, prefix: prefix, numbers: numbers };
  }

  function isPrefix(P, i) { return P.prefix && i === P.words.length - 1; }

  function pairKey(P, i) { return P.words[i].folded + ' ' + P.words[i + 1].folded; }

  function need(P) {
    var meta = store.meta, files = {};
    function add(kind, names, key, prefix) {
      shardsFor(names, key, prefix).forEach(function (i) { files[shardFile(kind, names, i)] = true; });
    }
    P.words.forEach(function (w, i) { add('t', meta.terms, w.folded, isPrefix(P, i)); });
    for (var i = 0; i + 1 < P.words.length; i++) add('p', meta.pairs, pairKey(P, i), isPrefix(P, i + 1));
    P.numbers.forEach(function (k) { add('t', meta.terms, k, false); });
    return Object.keys(files);
  }

  /* Entries of the loaded shards: exact key, or every key starting with a prefix. */
  function entries(kind, key, prefix) {
    var out = [], shards = store[kind];
    for (var name in shards) {
      if (!(key.startsWith(name) || (prefix && name.startsWith(key)))) continue;
      var shard = shards[name];
      if (!prefix) {
        if (Object.prototype.hasOwnProperty.call(shard, key)) out.push([key, shard[key]]);
        continue;
      }
      for (var k in shard) if (k.startsWith(key)) out.push([k, shard[k]]);
    }
    return out;
  }

  function weight(mask) {
    return mask & NUMBER ? 20 : mask & TITLE ? 10 : mask & META ? 5 : mask & HEADING ? 3 : 1;
  }

  /* page → score for one query word. */
  function wordScores(w, prefix) {
    var scores = new Map();
    entries('t', w.folded, prefix).forEach(function (e) {
      var key = e[0], variants = e[1];
      for (var v = 0; v < variants.length; v += 2) {
        var ex = variants[v] || key, list = variants[v + 1], page = 0;
        for (var n = 0; n < list.length; n++) {
          var x = list[n];
          page += Math.floor(x / 128);
          var s = weight(x & 31) + 0.25 * ((x >> 5) & 3);
          if (w.exact && (ex === w.exact || (prefix && ex.startsWith(w.exact)))) s += EXACT_BONUS;
          if (key !== w.folded) s *= PREFIX_FACTOR;
          if (!(scores.get(page) >= s)) scores.set(page, s);
        }
      }
    });
    return scores;
  }

  /* page → bonus for holding the phrase of pair `key`; a phrase completed from a
     prefix ("bản tin" → "bàn tỉnh") counts less than the phrase as typed. */
  function phrasePages(key, prefix) {
    var bonus = new Map();
    entries('p', key, prefix).forEach(function (e) {
      var page = 0, list = e[1], b = e[0] === key ? PHRASE_BONUS : PHRASE_BONUS * PREFIX_FACTOR;
      for (var m = 0; m < list.length; m++) {
        page += list[m];
        if (!(bonus.get(page) >= b)) bonus.set(page, b);
      }
    });
    return bonus;
  }

  /* page → bonus for a whole document number ("11cttw"). */
  function numberPages(key) {
    var bonus = new Map();
    entries('t', key, false).forEach(function (e) {
      var variants = e[1];
      for (var v = 1; v < variants.length; v += 2) {
        var page = 0, list = variants[v];
        for (var n = 0; n < list.length; n++) {
          page += Math.floor(list[n] / 128);
          var b = list[n] & NUMBER ? NUMBER_BONUS : list[n] & TITLE ? CITED_BONUS : 0;
          if (b > (bonus.get(page) || 0)) bonus.set(page, b);
        }
      }
    });
    return bonus;
  }

  /* Titles in the index's language; a code the browser does not know falls back to Vietnamese. */
  function compareTitles(a, b, lang) {
    try { return a.localeCompare(b, lang || 'vi'); } catch (e) { return a.localeCompare(b, 'vi'); }
  }

  function rank(P) {
    var meta = store.meta, total = null;
    for (var i = 0; i < P.words.length; i++) {
      var s = wordScores(P.words[i], isPrefix(P, i));
      if (total === null) {
        total = s;
      } else {
        var next = new Map();
        total.forEach(function (v, page) { if (s.has(page)) next.set(page, v + s.get(page)); });
        total = next;
      }
      if (!total.size) return [];
    }
    for (var k = 0; k + 1 < P.words.length; k++) {
      phrasePages(pairKey(P, k), isPrefix(P, k + 1)).forEach(function (b, page) {
        if (total.has(page)) total.set(page, total.get(page) + b);
      });
    }
    P.numbers.forEach(function (key) {
      numberPages(key).forEach(function (b, page) {
        if (total.has(page)) total.set(page, total.get(page) + b);
      });
    });
    var list = Array.from(total.keys());
    list.sort(function (a, b) {
      var d = total.get(b) - total.get(a);
      if (d) return d;
      var da = meta.pages[a][3], db = meta.pages[b][3];
      if (da !== db) return da < db ? 1 : -1;
      return compareTitles(meta.pages[a][1], meta.pages[b][1], meta.lang);
    });
    return list;
  }

  /* ---------- Showing results ---------- */

  function escapeHtml(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function matcher(P) {
    return function (f) {
      for (var i = 0; i < P.words.length; i++) {
        var w = P.words[i].folded;
        if (f === w || (isPrefix(P, i) && f.startsWith(w))) return i;
      }
      return -1;
    };
  }

  /* `text` as HTML, matched words in <mark>; only words `from`..`to` when given. */
  function highlight(text, toks, match, from, to) {
    var out = '', pos = from > 0 ? toks[from].start : 0;
    var end = to < toks.length ? toks[to - 1].end : text.length;
    for (var i = from; i < to; i++) {
      var t = toks[i];
      if (match(t.f) < 0) continue;
      out += escapeHtml(text.slice(pos, t.start)) + '<mark>' + escapeHtml(text.slice(t.start, t.end)) + '</mark>';
      pos = t.end;
    }
    return out + escapeHtml(text.slice(pos, end));
  }

  function tokens(text) {
    return words(text).map(function (w) { w.f = fold(w.raw); return w; });
  }

  var SNIPPET_WORDS = 28;

  function snippet(text, P) {
    var toks = tokens(text), match = matcher(P);
    if (!toks.length) return '';
    var hits = [];
    toks.forEach(function (t, i) { var m = match(t.f); if (m >= 0) hits.push([i, m]); });
    var from = 0, best = -1;
    /* The window with the most different query words, then the most matches. */
    for (var h = 0; h < hits.length; h++) {
      var seen = {}, distinct = 0, count = 0;
      for (var g = h; g < hits.length && hits[g][0] < hits[h][0] + SNIPPET_WORDS; g++) {
        count++;
        if (!seen[hits[g][1]]) { seen[hits[g][1]] = true; distinct++; }
      }
      var score = distinct * 100 + count;
      if (score > best) { best = score; from = hits[h][0]; }
    }
    from = Math.max(0, from - 4);
    var to = Math.min(toks.length, from + SNIPPET_WORDS);
    return (from > 0 ? '… ' : '') + highlight(text, toks, match, from, to) + (to < toks.length ? ' …' : '');
  }

  function vnDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    return m ? m[3] + '/' + m[2] + '/' + m[1] : '';
  }

  function href(url) {
    var link = root + url.slice(1);
    if (url.endsWith('/') && !store.meta.pretty) link += 'index.html';
    return link || './';
  }

  var root = '';
  var els = {};
  var shown = 0, current = null, seq = 0;

  function resultItem(page, P) {
    var meta = store.meta, row = meta.pages[page];
    var url = row[0], title = row[1], label = row[2], date = row[3], section = meta.sections[row[4]];
    var li = document.createElement('li');
    li.className = 'search-result';
    var titleToks = tokens(title);
    var line;
    if (label) {
      var parts = label.split(' · ');
      line = '<p class="doc-line"><span class="doc-kind">' + escapeHtml(parts[0]) + '</span>' +
        (parts[1] ? '<span class="sep" aria-hidden="true"> · </span><span class="doc-number">' + escapeHtml(parts[1]) + '</span>' : '') +
        (date ? '<span class="sep" aria-hidden="true"> · </span><time datetime="' + date + '">' + vnDate(date) + '</time>' : '') + '</p>';
    } else {
      line = '<p class="meta">' + (section ? '<span>' + escapeHtml(section) + '</span>' : '') +
        (date ? '<span><time datetime="' + date + '">' + vnDate(date) + '</time></span>' : '') + '</p>';
    }
    li.innerHTML = '<h2 class="item-title"><a href="' + escapeHtml(href(url)) + '">' +
      highlight(title, titleToks, matcher(P), 0, titleToks.length) + '</a></h2>' + line +
      '<p class="search-snippet"></p>';
    li.dataset.page = page;
    return li;
  }

  function fillSnippets(items, P, mySeq) {
    var chunk = store.meta.chunk;
    var files = {};
    items.forEach(function (li) { files['x-' + Math.floor(li.dataset.page / chunk) + '.js'] = true; });
    return Promise.all(Object.keys(files).map(load)).then(function () {
      if (mySeq !== seq) return;
      items.forEach(function (li) {
        var p = +li.dataset.page, texts = store.x[Math.floor(p / chunk)];
        var text = texts ? texts[p % chunk] : '';
        li.querySelector('.search-snippet').innerHTML = text ? snippet(text, P) : '';
      });
    });
  }

  function showMore() {
    var P = current.P, list = current.list, items = [];
    var end = Math.min(list.length, shown + PAGE_SIZE);
    for (var i = shown; i < end; i++) {
      var li = resultItem(list[i], P);
      els.results.appendChild(li);
      items.push(li);
    }
    shown = end;
    els.moreWrap.hidden = shown >= list.length;
    return fillSnippets(items, P, seq);
  }

  function status(html) { els.status.innerHTML = html; }

  /* The page's strings (search.html writes them with trans(), in the page's language). */
  var texts = {};
  /* For a site's own search.html written before the strings moved to data-* attributes. */
  var FALLBACK = {
    none: 'Không tìm thấy kết quả nào cho “{q}”.',
    found: 'Tìm thấy {n} kết quả cho “{q}”.',
    noIndex: 'Không tải được dữ liệu tìm kiếm ({file}).',
    type: 'Hãy gõ chữ hoặc số để tìm.',
    tips: ''
  };
  function say(name, values) {
    var t = texts[name] || '';
    for (var k in values) t = t.split('{' + k + '}').join(values[k]);
    return t;
  }

  function noResults(q) {
    var tips = (texts.tips || '').split('|').filter(Boolean).map(function (t) { return '<li>' + escapeHtml(t) + '</li>'; });
    status('<p>' + escapeHtml(say('none', { q: q })) + '</p>' +
      (tips.length ? '<ul class="search-tips">' + tips.join('') + '</ul>' : ''));
  }

  function run(q) {
    var mySeq = ++seq;
    var t0 = performance.now();
    var P = parse(q);
    els.results.innerHTML = '';
    els.moreWrap.hidden = true;
    shown = 0;
    current = null;
    if (!store.meta) { status(escapeHtml(say('noIndex', { file: base + 'meta.js' }))); return Promise.resolve(); }
    if (!P.words.length) {
      status(q.trim() ? escapeHtml(say('type', {})) : '');
      return Promise.resolve();
    }
    return Promise.all(need(P).map(load)).then(function () {
      if (mySeq !== seq) return;
      var list = rank(P);
      if (!list.length) {
        noResults(q);
      } else {
        status(escapeHtml(say('found', { n: list.length, q: q.trim() })));
      }
      current = { P: P, list: list };
      var done = list.length ? showMore() : Promise.resolve();
      var t1 = performance.now();
      els.status.dataset.searchMs = Math.round(t1 - t0);
      els.status.dataset.pageMs = Math.round(t1);
      els.status.dataset.query = q;
      return done.then(function () {
        if (mySeq === seq) els.status.dataset.snippetMs = Math.round(performance.now() - t0);
      });
    });
  }

  function setUrl(q) {
    try {
      var url = q ? '?q=' + encodeURIComponent(q).replace(/%20/g, '+') : location.pathname;
      history.replaceState(null, '', url);
    } catch (e) { /* Some browsers refuse this for file:// pages; the search still works. */ }
  }

  function queryFromUrl() {
    var m = /[?&]q=([^&#]*)/.exec(location.search);
    if (!m) return '';
    try { return decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { return ''; }
  }

  function links() { return Array.prototype.slice.call(els.results.querySelectorAll('.item-title a')); }

  function start() {
    els.form = document.getElementById('search-form');
    els.input = document.getElementById('search-q');
    els.status = document.getElementById('search-status');
    els.results = document.getElementById('search-results');
    els.moreWrap = document.getElementById('search-more-wrap');
    if (!els.form || !els.input || !els.results) return;
    root = els.form.getAttribute('data-root') || '';
    ['none', 'found', 'noIndex', 'type', 'tips'].forEach(function (k) { texts[k] = els.form.dataset[k] || FALLBACK[k]; });
    var metaScript = document.querySelector('script[data-search-meta]');
    if (metaScript) base = metaScript.src.replace(/meta\.js(\?.*)?$/, '');

    var timer = null;
    els.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        setUrl(els.input.value);
        run(els.input.value);
      }, DEBOUNCE_MS);
    });
    els.form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      setUrl(els.input.value);
      run(els.input.value).then(function () {
        var first = links()[0];
        if (first) first.focus();
      });
    });
    document.getElementById('search-more').addEventListener('click', function () {
      var before = links().length;
      showMore();
      var next = links()[before];
      if (next) next.focus();
    });
    /* ↓ from the box to the results, ↑/↓ between them, Esc back to the box. */
    els.input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        var first = links()[0];
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
    els.results.addEventListener('keydown', function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === 'ArrowDown' && i + 1 < all.length) { e.preventDefault(); all[i + 1].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? all[i - 1] : els.input).focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); els.input.focus(); }
    });

    var q = queryFromUrl();
    els.input.value = q;
    if (q) run(q); else els.input.focus();
  }

  /* Deferred scripts run before DOMContentLoaded, in order: meta.js (after this file)
     has run by then. */
  if (document.readyState === 'complete') start();
  else document.addEventListener('DOMContentLoaded', start);
})();
