// The search page: search as you type (debounced), filters, results with highlighted snippets
// and the retrievers that found them; a result opens the file's extracted text at its chunk.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const fields = ["q", "mode", "k", "path", "type", "after", "before"];
  let results = [], selected = -1, timer = null, generation = 0, currentQuery = "";

  function parameters() {
    const query = new URLSearchParams();
    for (const name of fields) {
      const value = $(name).value.trim();
      if (value && !(name === "mode" && value === "hybrid") && !(name === "k" && value === "10")) query.set(name, value);
    }
    return query;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  }

  async function run() {
    const query = parameters();
    history.replaceState(null, "", query.toString() ? "/?" + query : "/");
    const q = $("q").value.trim();
    const mine = ++generation;
    if (!q) { render([]); $("status").textContent = ""; return; }
    $("status").textContent = "Searching…";
    try {
      const response = await Seek.json("/api/search?" + query);
      if (mine !== generation) return;
      currentQuery = q;
      render(response.results);
      $("status").textContent = `${response.results.length} results · ${response.mode} · ${Math.round(response.took_ms)} ms`
        + (response.warnings && response.warnings.length ? " · " + response.warnings.join("; ") : "");
      document.body.dataset.searched = q;
    } catch (error) {
      if (mine !== generation) return;
      render([]);
      $("status").innerHTML = "";
      $("status").append(Seek.element("span", { class: "error" }, error.message));
    }
  }

  /** The snippet with its highlight ranges (Unicode scalar offsets) marked; without ranges, the query's words. */
  function snippet(text, highlights, query) {
    const scalars = Array.from(text);
    let ranges = (highlights || []).slice().sort((a, b) => a.start - b.start);
    if (!ranges.length) ranges = wordRanges(scalars, query);
    const node = Seek.element("p", { class: "snippet" });
    let position = 0;
    for (const range of ranges) {
      if (range.start < position || range.end > scalars.length) continue;
      node.append(scalars.slice(position, range.start).join(""));
      node.append(Seek.element("mark", {}, scalars.slice(range.start, range.end).join("")));
      position = range.end;
    }
    node.append(scalars.slice(position).join(""));
    return node;
  }

  /** Ranges of the query's words in `scalars` (case-insensitive; words of 3+ letters whole, of 4+ also as a prefix: "keep" marks "keeps"). */
  function wordRanges(scalars, query) {
    const words = (query || "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
    if (!words.length) return [];
    const lower = scalars.map((c) => c.toLowerCase());
    const isWord = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
    const ranges = [];
    for (let start = 0; start < lower.length; start++) {
      if (isWord(lower[start - 1]) || !isWord(lower[start])) continue;
      for (const word of words) {
        const letters = Array.from(word);
        if (letters.every((letter, offset) => lower[start + offset] === letter)) {
          let end = start + letters.length;
          if (isWord(lower[end]) && letters.length < 4) continue;
          while (isWord(lower[end])) end++;
          ranges.push({ start, end });
          start = end - 1;
          break;
        }
      }
    }
    return ranges;
  }

  function render(list) {
    results = list;
    selected = -1;
    const container = $("results");
    container.replaceChildren(...list.map((result, index) => {
      const item = Seek.element("div", { class: "result", role: "option", tabindex: "-1", "data-index": index },
        Seek.element("h2", {}, result.title || result.path.split("/").pop()),
        Seek.element("div", { class: "path" }, result.path),
        snippet(result.snippet, result.highlights, currentQuery),
        Seek.element("div", { class: "meta" },
          ...(result.found_by || []).map((retriever) => Seek.element("span", { class: "badge" }, retriever)),
          result.page ? Seek.element("span", {}, "page " + result.page) : null,
          Seek.element("span", {}, "chunk " + result.chunk.ordinal),
          Seek.element("span", {}, "score " + Number(result.score).toFixed(4))));
      item.addEventListener("click", () => { select(index); open(index); });
      return item;
    }));
  }

  function select(index) {
    const items = $("results").children;
    if (!items.length) return;
    selected = Math.max(0, Math.min(index, items.length - 1));
    for (const item of items) item.classList.toggle("selected", Number(item.dataset.index) === selected);
    items[selected].scrollIntoView({ block: "nearest" });
    items[selected].focus({ preventScroll: true });
  }

  async function open(index) {
    const result = results[index];
    if (!result) return;
    const viewer = $("viewer");
    viewer.hidden = false;
    $("layout").classList.add("viewing");
    viewer.replaceChildren(Seek.element("p", { class: "muted" }, "Loading…"));
    try {
      const documentJSON = await Seek.json("/api/file?path=" + encodeURIComponent(result.path));
      viewer.replaceChildren(
        Seek.element("h2", {}, documentJSON.title || documentJSON.path),
        Seek.element("div", { class: "path" }, documentJSON.path),
        ...documentJSON.chunks.map((chunk) => Seek.element("section",
          { class: "chunk" + (chunk.ordinal === result.chunk.ordinal ? " target" : ""), id: "chunk-" + chunk.ordinal },
          Seek.element("div", { class: "chunk-label" }, `chunk ${chunk.ordinal}` + (chunk.page ? ` · page ${chunk.page}` : "")
            + (chunk.heading_path && chunk.heading_path.length ? " · " + chunk.heading_path.join(" › ") : "")),
          chunk.text)));
      const target = document.getElementById("chunk-" + result.chunk.ordinal);
      if (target) target.scrollIntoView({ block: "start" });
    } catch (error) {
      viewer.replaceChildren(Seek.element("p", { class: "error" }, error.message));
    }
  }

  function close() {
    $("viewer").hidden = true;
    $("layout").classList.remove("viewing");
  }

  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement && document.activeElement.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); $("q").focus(); $("q").select(); return; }
    if (event.key === "Escape") {
      if (!$("viewer").hidden) close(); else if (typing) document.activeElement.blur();
      return;
    }
    if (typing && event.key !== "ArrowDown") return;
    if (event.key === "j" || event.key === "ArrowDown") { event.preventDefault(); select(selected + 1); }
    else if (event.key === "k" || event.key === "ArrowUp") { event.preventDefault(); select(selected - 1); }
    else if (event.key === "Enter" && selected >= 0) { event.preventDefault(); open(selected); }
  });

  $("form").addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
  for (const name of fields) {
    $(name).addEventListener(name === "q" || name === "path" || name === "type" ? "input" : "change", schedule);
  }
  // A URL like /?q=boundary+layer&mode=keyword runs that search on load.
  const initial = new URLSearchParams(location.search);
  for (const name of fields) if (initial.get(name)) $(name).value = initial.get(name);
  if ($("q").value) run();
})();
