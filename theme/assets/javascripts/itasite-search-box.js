/*
 * itasite search box on Zensical's theme: the site's own search dialog (theme/partials/search.html) driven by the
 * same worker and the same index as on Material (itasite-search.js, Material's worker protocol: SETUP 0 -> READY 1,
 * QUERY 2 with the typed text -> RESULT 3 with {items, total}), so every engine finds and ranks alike. Zensical's
 * own search box is not mounted, so its bundle never downloads the whole-site search.json.
 *
 * It opens from the header's search button (wide screens) or icon (the theme's #__search toggle), with "/" or "s" or Ctrl/Cmd+K, and with
 * ?q=words in the address (the 404 page's form, shared links), as Material's box does. Results use Material's markup
 * (md-search-result__*), styled in itasite.css. With the search.highlight feature the result links carry ?h=words
 * and the page they open marks those words, as Material's does.
 */
"use strict"

;(() => {
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  const dialog = document.querySelector("dialog.itasite-search")
  if (!dialog) return
  const input = dialog.querySelector(".itasite-search__input")
  const meta = dialog.querySelector(".md-search-result__meta")
  const list = dialog.querySelector(".md-search-result__list")
  const toggle = document.getElementById("__search")
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}")
  const t = config.translations || {}
  const base = new URL(String(config.base || ".").replace(/\/?$/, "/"), location.href)
  const highlight = (config.features || []).includes("search.highlight")

  let worker = null
  let ready = false
  let pending = null

  function startWorker() {
    if (worker) return
    worker = new Worker(dialog.dataset.itasiteWorker)
    worker.addEventListener("message", ({ data: message }) => {
      if (message.type === READY) {
        ready = true
        if (pending !== null) ask(pending)
      } else if (message.type === RESULT) {
        show(message.data)
      }
    })
    worker.postMessage({ type: SETUP })
  }

  function ask(query) {
    pending = query
    if (!query.trim()) {
      meta.textContent = t["search.result.placeholder"] || ""
      list.replaceChildren()
      return
    }
    startWorker()
    if (ready) { worker.postMessage({ type: QUERY, data: query }); pending = null }
  }

  function countText(total) {
    if (total === 0) return t["search.result.none"] || ""
    if (total === 1) return t["search.result.one"] || ""
    return (t["search.result.other"] || "#").replace("#", String(total))
  }

  /* One article: the worker's title and text are HTML it escaped itself (only <mark> added), as Material shows them. */
  function article(item, heading) {
    const link = document.createElement("a")
    link.className = "md-search-result__link"
    const url = new URL(item.location, base)
    if (highlight && item.terms) url.searchParams.set("h", Object.keys(item.terms).join(" "))
    link.href = url.href
    const body = document.createElement("article")
    body.className = "md-search-result__article md-typeset"
    const title = document.createElement(heading)
    title.innerHTML = item.title
    body.append(title)
    if (item.text) {
      const text = document.createElement("p")
      text.innerHTML = item.text
      body.append(text)
    }
    link.append(body)
    return link
  }

  function show(data) {
    if (!input.value.trim()) return
    meta.textContent = countText(data.total)
    list.replaceChildren(...data.items.map(([page, ...sections]) => {
      const entry = document.createElement("li")
      entry.className = "md-search-result__item"
      entry.append(article(page, "h1"))
      if (sections.length) {
        const more = document.createElement("details")
        more.className = "md-search-result__more"
        const summary = document.createElement("summary")
        summary.textContent = sections.length === 1
          ? t["search.result.more.one"] || ""
          : (t["search.result.more.other"] || "#").replace("#", String(sections.length))
        more.append(summary, ...sections.map(section => article(section, "h2")))
        entry.append(more)
      }
      return entry
    }))
  }

  function open(query) {
    if (!dialog.open) dialog.showModal()
    if (toggle) toggle.checked = true
    if (typeof query === "string") input.value = query
    startWorker()
    ask(input.value)
    input.focus()
  }

  function links() { return [...list.querySelectorAll(".md-search-result__item > .md-search-result__link")] }

  input.addEventListener("input", () => ask(input.value))
  input.addEventListener("keydown", event => {
    if (event.key === "ArrowDown" && links().length) { event.preventDefault(); links()[0].focus() }
  })
  list.addEventListener("keydown", event => {
    const all = links()
    const at = all.indexOf(document.activeElement)
    if (at === -1 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return
    event.preventDefault()
    if (event.key === "ArrowUp" && at === 0) input.focus()
    else all[Math.max(0, Math.min(all.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus()
  })
  document.querySelector(".itasite-search-open .md-search__button")?.addEventListener("click", () => open())
  dialog.querySelector(".itasite-search__close").addEventListener("click", () => dialog.close())
  dialog.addEventListener("click", event => { if (event.target === dialog) dialog.close() })  // the backdrop
  dialog.addEventListener("close", () => { if (toggle) toggle.checked = false })
  if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) open(); else if (dialog.open) dialog.close() })

  document.addEventListener("keydown", event => {
    if (dialog.open || event.isComposing || event.altKey) return
    const target = event.target
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
    const shortcut = (event.ctrlKey || event.metaKey) ? event.key === "k" : !event.shiftKey && ["/", "s", "S"].includes(event.key)
    if (shortcut) { event.preventDefault(); open() }
  })

  const query = new URLSearchParams(location.search).get("q")
  if (query) open(query)
  if (highlight) markTerms(new URLSearchParams(location.search).get("h"))

  /* Material's search.highlight: a result's page marks the words that found it (?h=words), case aside. */
  function markTerms(words) {
    const terms = [...new Set((words || "").split(/\s+/).filter(w => Array.from(w).length > 1))]
    const article = document.querySelector(".md-content article")
    if (!terms.length || !article) return
    const source = terms.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")
    const pattern = new RegExp(source, "giu"), any = new RegExp(source, "iu")
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT)
    const nodes = []
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (any.test(node.data) && !node.parentElement.closest("script, style, mark")) nodes.push(node)
    for (const node of nodes) {
      const parts = []
      let at = 0
      for (const found of node.data.matchAll(pattern)) {
        parts.push(node.data.slice(at, found.index))
        const mark = document.createElement("mark")
        mark.dataset.mdHighlight = ""
        mark.textContent = found[0]
        parts.push(mark)
        at = found.index + found[0].length
      }
      parts.push(node.data.slice(at))
      node.replaceWith(...parts)
    }
  }
})()
