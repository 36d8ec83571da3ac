/* The reader's site (issue 11): the search box (Pagefind, loaded only when the box is used), the
   highlight of the searched words on the page a result opens, and the reading mode for older
   readers. No library, nothing from outside the site. */
(function () {
  "use strict"

  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"
  var TOKEN = new RegExp("[" + HAN + "]|[0-9A-Za-z]+|[^\\s" + HAN + "0-9A-Za-z]", "g")
  var WORD = new RegExp("^(?:[" + HAN + "]|[0-9A-Za-z]+)$")
  var PUNCT = /[\s\p{P}\p{S}]+/u
  var MAX_TERMS = 4      // index chunks fetched per query: each term lives in one chunk
  var BATCH = 10

  function siteRoot() {
    var config = document.getElementById("__config")
    var base = "."
    try { base = JSON.parse(config.textContent).base || "." } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href)
  }

  function plain(text) { return (text || "").replace(/[\u200b\s]+/g, "") }

  /* ------------------------------------------------------------ reading mode for older readers */
  function elderMode() {
    var button = document.querySelector(".bl-elder-toggle")
    if (!button) return
    var root = document.documentElement
    var show = function () { button.setAttribute("aria-pressed", String(root.classList.contains("bl-elder"))) }
    show()
    button.addEventListener("click", function () {
      var on = !root.classList.contains("bl-elder")
      root.classList.toggle("bl-elder", on)
      try { on ? localStorage.setItem("bl-elder", "1") : localStorage.removeItem("bl-elder") } catch (e) { /* private mode */ }
      show()
    })
  }

  /* ------------------------------------------------------------ the query as the index sees it */
  /* The index holds every Han character, every run of digits or letters and every punctuation mark
     as one position (site/search.py), so a query is read the same way: 青政办函〔2026〕8号 is
     青 政 办 函 〔 2026 〕 8 号 at offsets 0…8. Pagefind is asked for at most MAX_TERMS distinct words
     (each costs an index chunk: numbers first, then characters from both ends), and a page holds the
     query as written when those words stand at the query's offsets from one another. */
  function plan(query) {
    var phrases = query.split(/\s+/).filter(Boolean).map(function (phrase) {
      var offset = 0
      return (phrase.match(TOKEN) || []).map(function (text) {
        return { text: text.toLowerCase(), offset: offset++, word: WORD.test(text) }
      }).filter(function (t) { return t.word })
    }).filter(function (words) { return words.length })
    var chosen = []
    var take = function (t) { if (t && chosen.indexOf(t.text) < 0 && chosen.length < MAX_TERMS) chosen.push(t.text) }
    phrases.forEach(function (words) { words.filter(function (t) { return !/^[^0-9a-z]$/.test(t.text) }).forEach(take) })
    for (var step = 0; chosen.length < MAX_TERMS && step < 64; step++) {
      phrases.forEach(function (words) {
        var end = step % 2 ? words.length - 1 - (step >> 1) : step >> 1
        take(words[end])
      })
    }
    var checks = phrases.map(function (words) {
      return words.filter(function (t) { return chosen.indexOf(t.text) >= 0 })
    })
    var exact = !/[^\s\p{Script=Han}A-Za-z]/u.test(query) && phrases.every(function (words, n) {
      return checks[n].length === words.length
    })
    return { terms: chosen.join(" "), checks: checks, exact: exact }
  }

  /* Does a page (or one of its sections) hold every phrase: its chosen words at their offsets? */
  function together(positions, checks) {
    var at = {}
    positions.forEach(function (p) { at[p] = true })
    return checks.every(function (words) {
      return !words.length || positions.some(function (p) {
        var anchor = p - words[0].offset
        return words.every(function (t) { return at[anchor + t.offset] })
      })
    })
  }

  var pagefind = null
  function loadPagefind() {
    if (!pagefind) {
      var root = siteRoot()
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ noWorker: true, excerptLength: 36, baseUrl: root.pathname })
          .then(function () { return pf.init() }).then(function () { return pf })
      })
    }
    return pagefind
  }

  /* ------------------------------------------------------------ results */
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
  }

  function unescapeHtml(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&")
  }

  /* The query's terms as a reader sees them on a page: each term whole where the text has it, else
     its parts between punctuation (〔2026〕8号 → 2026, 8号), longest first. */
  function needles(query, text) {
    var found = []
    query.split(/\s+/).filter(Boolean).forEach(function (term) {
      if (text.indexOf(term) >= 0) found.push(term)
      else term.split(PUNCT).forEach(function (part) { if (part && text.indexOf(part) >= 0) found.push(part) })
    })
    return found.sort(function (a, b) { return b.length - a.length })
  }

  function pattern(found) {
    return new RegExp(found.map(function (n) { return n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") }).join("|"), "g")
  }

  /* Pagefind marks every matching character (each is a word of the index); the excerpt marks the
     query's terms instead where the text holds them, and keeps Pagefind's marks otherwise. */
  function excerptHtml(excerpt, query) {
    var raw = (excerpt || "").replace(/\u200b/g, "")
    var text = unescapeHtml(raw.replace(/<\/?mark>/g, ""))
    var found = needles(query, text)
    if (found.length) {
      return escapeHtml(text).replace(pattern(found.map(escapeHtml)), function (m) { return "<mark>" + m + "</mark>" })
    }
    return raw.split(/(<\/?mark>)/).map(function (part) {
      return part === "<mark>" || part === "</mark>" ? part : escapeHtml(unescapeHtml(part))
    }).join("").replace(/<\/mark><mark>/g, "")
  }

  function withQuery(url, query) {
    var target = new URL(url, location.href)
    target.searchParams.set("h", query)
    return target.pathname + target.search + target.hash
  }

  /* The article of the page the query was found in: the first section holding the query as written,
     else the one with most matches. */
  function bestSection(data, checks) {
    var subs = (data.sub_results || []).filter(function (s) { return s.url })
    var holding = subs.filter(function (s) { return together(s.locations || [], checks) })
    var pool = holding.length ? holding.slice(0, 1) : subs
    return pool.reduce(function (best, s) {
      return !best || (s.locations || []).length > (best.locations || []).length ? s : best
    }, null)
  }

  function literal(data, query) {
    var text = plain(data.content)
    return query.split(/\s+/).filter(Boolean).every(function (term) { return text.indexOf(plain(term)) >= 0 })
  }

  /* Pagefind's excerpt is where most matching characters are; when that misses the query as written,
     the excerpt is cut from the page's text around its first occurrence. */
  function bestExcerpt(excerpt, data, query) {
    var shown = unescapeHtml((excerpt || "").replace(/<\/?mark>|\u200b/g, ""))
    if (needles(query, shown).length) return excerpt
    var text = (data.content || "").replace(/\u200b/g, "")
    var found = needles(query, text)
    if (!found.length) return excerpt
    var at = text.indexOf(found[0])
    var start = Math.max(0, at - 24), end = Math.min(text.length, at + found[0].length + 40)
    return (start ? "…" : "") + escapeHtml(text.slice(start, end)) + (end < text.length ? "…" : "")
  }

  function resultItem(data, query, checks) {
    var meta = data.meta || {}
    var pageTitle = plain(meta.title) || data.url
    var section = bestSection(data, checks)
    var inArticle = section && section.url.indexOf("#") > 0 && plain(section.title) !== pageTitle
    var li = document.createElement("li")
    li.className = "md-search-result__item"
    var link = document.createElement("a")
    link.className = "md-search-result__link"
    link.href = withQuery(inArticle ? section.url : data.url, query)
    var article = document.createElement("article")
    article.className = "md-search-result__article md-typeset"
    var context = document.createElement("p")
    context.className = "bl-result-context"
    ;[plain(meta.series), plain(meta.number), plain(meta.date)].filter(Boolean).forEach(function (part) {
      var span = document.createElement("span")
      span.textContent = part
      context.append(span)
    })
    var title = document.createElement("h2")
    title.textContent = inArticle ? plain(section.title) : pageTitle
    var excerpt = document.createElement("p")
    excerpt.innerHTML = excerptHtml(bestExcerpt(section ? section.excerpt : data.excerpt, data, query), query)
    article.append(context, title, excerpt)
    link.append(article)
    li.append(link)
    return li
  }

  function searchBox() {
    var box = document.querySelector("[data-bl-search]")
    if (!box) return
    var toggle = document.getElementById("__search")
    var input = box.querySelector("input[name=q]")
    var form = box.querySelector("form")
    var status = box.querySelector(".md-search-result__meta")
    var list = box.querySelector(".md-search-result__list")
    var current = 0, timer = null, composing = false

    function open() { if (toggle && !toggle.checked) toggle.checked = true; loadPagefind() }

    function moreButton(ranked, query, checks, from, run) {
      var li = document.createElement("li")
      li.className = "md-search-result__item bl-more"
      var button = document.createElement("button")
      button.type = "button"
      button.className = "bl-more-button"
      button.textContent = "显示更多结果"
      button.addEventListener("click", function () {
        li.remove()
        show(ranked, query, checks, from, run).then(function () {
          var next = list.querySelectorAll(".md-search-result__link")[from]
          if (next) next.focus()
        })
      })
      li.append(button)
      return li
    }

    /* One batch of results, each under its article's title. Only pages holding the query word for
       word are shown: the index matches words, not the punctuation between them, and a number also
       matches longer numbers (8 → 80). A batch with none of them goes on to the next one. Resolves to
       the number shown. */
    function show(ranked, query, checks, from, run, tries) {
      var batch = ranked.slice(from, from + BATCH)
      return Promise.all(batch.map(function (r) { return r.data() })).then(function (datas) {
        if (run !== current) return 0
        var holding = datas.filter(function (d) { return literal(d, query) })
        holding.forEach(function (data) { list.append(resultItem(data, query, checks)) })
        var more = from + BATCH < ranked.length
        if (!holding.length && more && (tries || 0) < 2) return show(ranked, query, checks, from + BATCH, run, (tries || 0) + 1)
        if (more) list.append(moreButton(ranked, query, checks, from + BATCH, run))
        return holding.length
      })
    }

    /* The status line's last word on a query, which it names in data-query: while the 120 ms pause
       after a keystroke runs, the line still speaks of the query before it. */
    function settle(text, query) { status.textContent = text; status.dataset.query = query }

    function search() {
      var query = input.value.trim()
      var run = ++current
      if (!query) { settle("输入文号、标题或正文中的词语", query); list.textContent = ""; return }
      var asked = plan(query)
      if (!asked.terms) { settle("请输入文字或数字", query); list.textContent = ""; return }
      delete status.dataset.query
      status.textContent = "正在搜索…"
      loadPagefind().then(function (pf) { return pf.search(asked.terms) }).then(function (found) {
        if (run !== current) return
        var ranked = found.results.filter(function (r) { return together(r.words, asked.checks) })
        list.textContent = ""
        var none = "没有找到包含“" + query + "”的内容"
        if (!ranked.length) { settle(none, query); return }
        status.textContent = "正在搜索…"
        return show(ranked, query, asked.checks, 0, run).then(function (shown) {
          if (run !== current) return
          /* the words' positions settle a query of characters and letters; with numbers or punctuation
             only the pages read so far are certain */
          var certain = asked.exact || ranked.length <= BATCH
          settle(!shown ? none : certain ? "找到 " + (asked.exact ? ranked.length : shown) + " 个结果"
            : "以下是包含“" + query + "”的结果", query)
        })
      }).catch(function () {
        if (run === current) settle("搜索暂时无法使用，请稍后再试", query)
      })
    }

    function later() { clearTimeout(timer); if (!composing) timer = setTimeout(search, 120) }

    input.addEventListener("focus", open)
    input.addEventListener("compositionstart", function () { composing = true })
    input.addEventListener("compositionend", function () { composing = false; later() })
    input.addEventListener("input", later)
    form.addEventListener("submit", function (event) {
      event.preventDefault()
      var first = list.querySelector(".md-search-result__link")
      if (first) location.href = first.href
      else search()
    })
    form.addEventListener("reset", function () { setTimeout(function () { search(); input.focus() }) })
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus() })

    box.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link, .bl-more-button"))
      var at = links.indexOf(document.activeElement)
      if (event.key === "Escape") {
        toggle.checked = false
        input.blur()
      } else if (event.key === "ArrowDown" && links.length) {
        links[Math.min(at + 1, links.length - 1)].focus()
        event.preventDefault()
      } else if (event.key === "ArrowUp" && links.length) {
        (at <= 0 ? input : links[at - 1]).focus()
        event.preventDefault()
      }
    })
    document.addEventListener("keydown", function (event) {
      var active = document.activeElement
      var typing = /^(input|textarea|select|button)$/i.test(active.tagName) || active.isContentEditable
      if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        open()
        input.focus()
        event.preventDefault()
      }
    })

    var asked = new URLSearchParams(location.search).get("q")   // ?q= from the 404 page or a form
    if (asked !== null) { input.value = asked; open(); input.focus(); search() }
  }

  /* ------------------------------------------------------------ highlight on the opened page */
  function highlight() {
    var query = new URLSearchParams(location.search).get("h")
    var root = document.querySelector("article.md-content__inner")
    if (!query || !root) return
    var found = needles(query, root.textContent)
    if (!found.length) return
    var terms = pattern(found)
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("script, style, mark, .bl-breadcrumbs, .bl-doc-tools, .bl-issue-pager, .headerlink")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
      }
    })
    var nodes = []
    while (walker.nextNode()) nodes.push(walker.currentNode)
    var marks = []
    nodes.forEach(function (node) {
      var value = node.nodeValue
      terms.lastIndex = 0
      if (!terms.test(value)) return
      var fragment = document.createDocumentFragment(), last = 0
      value.replace(terms, function (match, offset) {
        fragment.append(value.slice(last, offset))
        var mark = document.createElement("mark")
        mark.className = "bl-hl"
        mark.textContent = match
        fragment.append(mark)
        marks.push(mark)
        last = offset + match.length
      })
      fragment.append(value.slice(last))
      node.replaceWith(fragment)
    })
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null
    var first = marks.filter(function (m) {
      return !target || target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING
    })[0] || marks[0]
    if (first) first.scrollIntoView({ block: "center" })
  }

  function start() { elderMode(); searchBox(); highlight() }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
