/*
 * itasite search worker: Thai-aware search behind Material's own search box.
 *
 * Material for MkDocs lets a site provide its own search worker (see `setupSearchWorker` in Material's source):
 * the page sends SETUP (0) and QUERY (2) messages and expects READY (1) and RESULT (3). This worker answers
 * them from the index that generator/search.py writes under search/itasite/:
 *   meta.json          {v, shards, docs}
 *   s/<hex>.json       bigram -> [page-id delta, weight, ...]   (weight = count * 2 + 1 if in the title)
 *   p/<id>.json        {u: url, t: title, k: chunk number, s: [[anchor, heading, text], ...]}
 * A document is one chunk of a page (long pages are split so a query fetches only what can match); chunks of
 * the same page are merged into one result.
 * A query term matches a page when its compact form (letters, marks, digits; Thai digits as Arabic; ASCII lower
 * case) is a substring of the page's compact text, so Thai words inside unspaced text, phrases typed with or
 * without spaces and both digit styles are found with no word segmenter. Keep normalize/compact/shardOf in step
 * with generator/search.py.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const BASE = new URL("../../search/itasite/", self.location.href)
const THAI_ZERO = 0x0e50
const MAX_VERIFIED = 12
const MAX_FETCHED = 40
const KEEP = /[\p{L}\p{M}\p{N}]/u
const MARK = /\p{M}/u

let meta = null
let latest = 0
const cache = new Map()

function fetchJSON(path) {
  if (!cache.has(path))
    cache.set(path, fetch(new URL(path, BASE)).then(r => r.ok ? r.json() : {}))
  return cache.get(path)
}

/* One-to-one per character, so positions map back to the original text. */
function normalizeChar(c) {
  const code = c.codePointAt(0)
  if (code >= THAI_ZERO && code <= THAI_ZERO + 9) return String.fromCharCode(48 + code - THAI_ZERO)
  if (code >= 65 && code <= 90) return String.fromCharCode(code + 32)
  return c
}

/* Compact form and, for each of its characters, the index of the original character it came from. */
function compactWithMap(text) {
  const chars = []
  const map = []
  let i = 0
  for (const c of text) {  // page text is NFC already (generator/search.py)
    const n = normalizeChar(c)
    if (KEEP.test(n)) { chars.push(n); map.push(i) }
    i += c.length
  }
  return { text: chars.join(""), map }
}

function compact(text) { return compactWithMap(text.normalize("NFC")).text }

function shardOf(bigram, shards) {
  let h = 0x811c9dc5
  for (const c of bigram) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0
  return h % shards
}

function bigramsOf(term) {
  const cps = Array.from(term)
  const out = new Set()
  for (let i = 0; i + 1 < cps.length; i++) out.add(cps[i] + cps[i + 1])
  return [...out]
}

async function postingsOf(bigram) {
  const table = await fetchJSON(`s/${shardOf(bigram, meta.shards).toString(16)}.json`)
  const flat = table[bigram] || []
  const out = new Map()
  let id = 0
  for (let i = 0; i < flat.length; i += 2) { id += flat[i]; out.set(id, flat[i + 1]) }
  return out
}

/* Candidate pages containing every bigram of every term, with an estimated score. */
async function candidates(terms) {
  let result = null
  for (const term of terms) {
    const grams = bigramsOf(term)
    if (!grams.length) continue
    const lists = await Promise.all(grams.map(postingsOf))
    lists.sort((a, b) => a.size - b.size)
    const scores = new Map()
    for (const [id, weight] of lists[0]) {
      let count = weight >> 1, title = weight & 1
      let ok = true
      for (const other of lists.slice(1)) {
        const w = other.get(id)
        if (w === undefined) { ok = false; break }
        count = Math.min(count, w >> 1)
        title = title & w
      }
      if (ok) scores.set(id, Math.log2(1 + count) + 8 * title)
    }
    if (result === null) result = scores
    else for (const id of [...result.keys()]) {
      if (scores.has(id)) result.set(id, result.get(id) + scores.get(id))
      else result.delete(id)
    }
  }
  return result || new Map()
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
}

/* Ranges [start, end) of the original text where any term matches. */
function matchRanges(text, terms) {
  const { text: flat, map } = compactWithMap(text)
  const ranges = []
  for (const term of terms) {
    let at = flat.indexOf(term)
    while (at !== -1) {
      const last = at + term.length - 1
      ranges.push([map[at], map[last] + (text.codePointAt(map[last]) > 0xffff ? 2 : 1)])
      at = flat.indexOf(term, at + term.length)
    }
  }
  ranges.sort((a, b) => a[0] - b[0])
  const merged = []
  for (const r of ranges) {
    if (merged.length && r[0] <= merged[merged.length - 1][1])
      merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], r[1])
    else merged.push([...r])
  }
  return merged
}

function highlight(text, ranges, from = 0, to = text.length) {
  let out = "", at = from
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue
    out += escapeHTML(text.slice(at, Math.max(s, from))) + "<mark>" + escapeHTML(text.slice(Math.max(s, from), Math.min(e, to))) + "</mark>"
    at = Math.min(e, to)
  }
  return out + escapeHTML(text.slice(at, to))
}

/* A cut point moved past combining marks, so no Thai vowel or tone mark is cut off its consonant. */
function clusterEdge(text, at) {
  while (at < text.length && MARK.test(text[at])) at++
  return at
}

function snippet(text, ranges) {
  if (!ranges.length) {
    const end = clusterEdge(text, Math.min(text.length, 200))
    return escapeHTML(text.slice(0, end)) + (end < text.length ? " …" : "")
  }
  const start = clusterEdge(text, Math.max(0, ranges[0][0] - 60))
  let end = Math.min(text.length, start + 260)
  for (const [s, e] of ranges) if (s < end && e > end) end = e  // never cut a match in two
  end = clusterEdge(text, end)
  return (start > 0 ? "… " : "") + highlight(text, ranges, start, end) + (end < text.length ? " …" : "")
}

function pageUrl(url, anchor) {
  return anchor ? `${url}#${anchor}` : url
}

/* Verify a candidate chunk and turn it into Material's result shape (page first, then matching sections). */
function resultFor(page, terms, estimate, typed) {
  const whole = compact([page.t, ...page.s.map(([, h, t]) => `${h} ${t}`)].join(" "))
  if (!terms.every(term => whole.includes(term))) return null
  const titleFlat = compact(page.t)
  const inTitle = terms.filter(t => titleFlat.includes(t)).length
  const score = 100 * inTitle / terms.length + estimate
  // Material puts these keys in the result link (?h=) to highlight the words on the page: use what was typed.
  const termMap = Object.fromEntries(typed.map(t => [t, true]))
  const first = page.s.find(([, h, t]) => matchRanges(`${h} ${t}`, terms).length) || page.s[0]
  const items = [{
    location: page.u,
    title: highlight(page.t, matchRanges(page.t, terms)),
    text: snippet(first[2], matchRanges(first[2], terms)),
    score, terms: termMap
  }]
  for (const [anchor, heading, text] of page.s) {
    if (!anchor) continue  // the page's introduction is the page item itself
    const ranges = matchRanges(text, terms)
    const headingRanges = matchRanges(heading, terms)
    if (!ranges.length && !headingRanges.length) continue
    items.push({
      location: pageUrl(page.u, anchor),
      title: highlight(heading, headingRanges),
      text: snippet(text, ranges),
      score: score / 2 + ranges.length, terms: termMap
    })
  }
  return { url: page.u, chunk: page.k || 0, score, items }
}

/* Chunks of one page become one result: the best chunk's page item, then every matching section in page order. */
function mergeChunks(found) {
  const byUrl = new Map()
  for (const r of found) {
    if (!byUrl.has(r.url)) byUrl.set(r.url, [])
    byUrl.get(r.url).push(r)
  }
  return [...byUrl.values()].map(chunks => {
    const best = chunks.reduce((a, b) => (b.score > a.score ? b : a))
    const sections = chunks.sort((a, b) => a.chunk - b.chunk).flatMap(c => c.items.slice(1))
    return { score: best.score, items: [best.items[0], ...sections] }
  })
}

async function search(query) {
  const typed = query.split(/\s+/).filter(t => compact(t).length > 0)
  const terms = [...new Set(typed.map(compact))]
  if (!terms.length) return { items: [], total: 0 }
  const indexed = terms.filter(t => Array.from(t).length > 1)
  if (!indexed.length) return { items: [], total: 0 }
  const ranked = [...(await candidates(indexed)).entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])
  const found = []
  for (let i = 0; i < ranked.length && i < MAX_FETCHED && found.length < MAX_VERIFIED; i += 10) {
    const batch = ranked.slice(i, i + 10)
    const pages = await Promise.all(batch.map(([id]) => fetchJSON(`p/${id}.json`)))
    pages.forEach((page, k) => {
      const result = page.s ? resultFor(page, terms, batch[k][1], typed) : null
      if (result) found.push(result)
    })
  }
  const results = mergeChunks(found).sort((a, b) => b.score - a.score)
  return { items: results.map(r => r.items), total: results.length }
}

self.addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    meta = await fetchJSON("meta.json")
    self.postMessage({ type: READY })
  } else if (message.type === QUERY) {
    const id = ++latest
    const data = await search(message.data)
    if (id === latest) self.postMessage({ type: RESULT, data })
  }
})
