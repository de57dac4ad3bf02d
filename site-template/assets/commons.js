// The default theme's script. Every page reads well without it; it adds the theme toggle, search, the
// explorer and link previews, loading only the small files commons wrote for each (no other host).
"use strict";
(function () {
  const script = document.currentScript;
  const root = new URL("../", script.src);
  const jsonCache = new Map();

  function json(url) {
    const key = url.toString();
    if (!jsonCache.has(key)) {
      jsonCache.set(key, fetch(key).then((response) => {
        if (!response.ok) throw new Error(response.status + " " + key);
        return response.json();
      }));
    }
    return jsonCache.get(key);
  }

  function element(name, attributes, ...children) {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  }

  // Theme: the system's setting until the reader picks one, remembered on this device.
  function setUpThemeToggle() {
    const button = document.querySelector(".theme-toggle");
    if (!button) return;
    const system = window.matchMedia("(prefers-color-scheme: dark)");
    const isDark = () => (document.documentElement.dataset.theme || (system.matches ? "dark" : "light")) === "dark";
    // The button names the theme it switches to.
    const show = () => {
      button.textContent = isDark() ? "Light" : "Dark";
      button.setAttribute("aria-label", isDark() ? "Use the light theme" : "Use the dark theme");
    };
    button.hidden = false;
    show();
    system.addEventListener("change", show);
    button.addEventListener("click", () => {
      const theme = isDark() ? "light" : "dark";
      document.documentElement.dataset.theme = theme;
      try { localStorage.setItem("commons-theme", theme); } catch (error) { /* private browsing */ }
      show();
    });
  }

  // Search: the words as commons splits them (letters and digits, without case or accents), looked up
  // in the pieces of the index that hold them. Every word must match; three letters or more also match
  // the longer words they start, which count half.
  const searchRoot = new URL("search/", root);

  function words(text) {
    return (text.match(/[\p{L}\p{N}\p{M}]+/gu) || []).map(fold).filter((word) => word.length > 0);
  }

  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function matches(word, term) {
    return word === term || (term.length >= 3 && word.startsWith(term));
  }

  async function scoresOf(term, manifest) {
    const pieces = manifest.pieces;
    let low = 0, high = pieces.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pieces[middle] <= term) low = middle + 1; else high = middle;
    }
    const wanted = [Math.max(0, low - 1)];
    for (let next = low; next < pieces.length && term.length >= 3 && pieces[next].startsWith(term); next++) wanted.push(next);
    const scores = new Map();
    for (const entries of await Promise.all(wanted.map((piece) => json(new URL("words/" + piece + ".json", searchRoot))))) {
      for (const [word, flat] of Object.entries(entries)) {
        if (!matches(word, term)) continue;
        const weight = word === term ? 1 : 0.5;
        let note = 0;
        for (let index = 0; index < flat.length; index += 3) {
          note += flat[index];
          const score = weight * flat[index + 2];
          const current = scores.get(note);
          if (!current) scores.set(note, { score, section: flat[index + 1], best: score });
          else {
            current.score += score;
            if (score > current.best) Object.assign(current, { section: flat[index + 1], best: score });
          }
        }
      }
    }
    return scores;
  }

  async function search(query) {
    const terms = [...new Set(words(query))].sort();
    if (terms.length === 0) return [];
    const manifest = await json(new URL("index.json", searchRoot));
    const perTerm = await Promise.all(terms.map((term) => scoresOf(term, manifest)));
    const hits = [];
    for (const [note, first] of perTerm[0]) {
      let score = first.score, section = first.section, best = first.best;
      if (!perTerm.every((scores) => scores.has(note))) continue;
      for (const scores of perTerm.slice(1)) {
        const other = scores.get(note);
        score += other.score;
        if (other.best > best) ({ section, best } = other);
      }
      hits.push({ note, score, section, terms, manifest });
    }
    // Equal scores keep the index's order, the order of the notes' ids, as `commons mcp` ranks them.
    return hits.sort((a, b) => b.score - a.score || a.note - b.note);
  }

  async function describe(hit) {
    const table = await json(new URL("notes/" + Math.floor(hit.note / hit.manifest.notesPerTable) + ".json", searchRoot));
    const [path, title] = table[hit.note % hit.manifest.notesPerTable];
    const page = new URL(path, root);
    const fragment = await json(new URL("index.json", page)).catch(() => null);
    const section = fragment && (fragment.sections[hit.section - 1] || fragment.sections[0]);
    if (section && section.anchor && hit.section > 0) page.hash = section.anchor;
    return { url: page.href, title, heading: hit.section > 0 && section ? section.heading : null,
             snippet: section ? snippet(section.text, hit.terms) : [] };
  }

  // About thirty words around the first match, as `commons mcp` cuts its snippets, with matches marked.
  function snippet(text, terms) {
    const ranges = [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((match) => [match.index, match.index + match[0].length]);
    if (ranges.length === 0) return [];
    const isMatch = ([start, end]) => terms.some((term) => matches(fold(text.slice(start, end)), term));
    const first = Math.max(0, ranges.findIndex(isMatch));
    const start = Math.max(0, first - 10), end = Math.min(ranges.length - 1, first + 20);
    const parts = start > 0 ? ["…"] : [];
    let position = start === 0 ? 0 : ranges[start][0];
    for (const range of ranges.slice(start, end + 1)) {
      parts.push(text.slice(position, range[0]).replace(/\s+/g, " "));
      parts.push(isMatch(range) ? element("mark", {}, text.slice(range[0], range[1])) : text.slice(range[0], range[1]));
      position = range[1];
    }
    if (end === ranges.length - 1) parts.push(text.slice(position).replace(/\s+/g, " ")); else parts.push("…");
    return parts;
  }

  function setUpSearch(input, results, status) {
    let latest = 0, hits = [], shown = 0;
    const more = element("button", { type: "button", class: "search-more", hidden: "" }, "More results");
    results.after(more);

    async function showMore() {
      const page = hits.slice(shown, shown + 10);
      shown += page.length;
      const serial = latest;
      const described = await Promise.all(page.map(describe));
      if (serial !== latest) return;
      for (const hit of described) {
        const heading = hit.heading ? [" ", element("span", { class: "search-heading" }, "› " + hit.heading)] : [];
        results.append(element("li", {}, element("a", { href: hit.url }, hit.title, ...heading), element("p", {}, ...hit.snippet)));
      }
      more.hidden = shown >= hits.length;
    }

    async function run() {
      const serial = ++latest;
      const query = input.value;
      try {
        const found = await search(query);
        if (serial !== latest) return;
        results.replaceChildren();
        hits = found;
        shown = 0;
        status.textContent = query.trim() === "" ? "" : found.length === 0 ? "No note matches." : found.length === 1 ? "1 note matches." : found.length + " notes match.";
        await showMore();
      } catch (error) {
        if (serial === latest) status.textContent = "Search could not load its index.";
      }
    }

    let timer;
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
    more.addEventListener("click", showMore);
    // Arrow keys walk from the field through the results.
    input.closest("form, dialog").addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const links = [...results.querySelectorAll("a")];
      if (links.length === 0) return;
      const index = links.indexOf(document.activeElement);
      event.preventDefault();
      if (event.key === "ArrowDown") links[Math.min(links.length - 1, index + 1)].focus();
      else if (index <= 0) input.focus();
      else links[index - 1].focus();
    });
    input.form?.addEventListener("submit", (event) => { event.preventDefault(); run(); });
    return run;
  }

  function setUpSearchDialog() {
    const pageInput = document.getElementById("search-page-input");
    if (pageInput) {
      const run = setUpSearch(pageInput, document.querySelector(".search-results"), document.querySelector(".search-status"));
      const query = new URLSearchParams(location.search).get("q");
      if (query) { pageInput.value = query; run(); }
    }
    const opener = document.querySelector(".search-open");
    if (!opener) return;
    let dialog = null;
    function open() {
      if (pageInput) { pageInput.focus(); return; }
      if (!dialog) {
        const input = element("input", { type: "search", "aria-label": "Search the notes", placeholder: "Search the notes", autocomplete: "off", spellcheck: "false" });
        const status = element("p", { class: "search-status", role: "status" });
        const results = element("ol", { class: "search-results" });
        const close = element("button", { type: "submit", class: "search-close" }, "Close");
        dialog = element("dialog", { class: "search-dialog", "aria-label": "Search" },
          element("form", { method: "dialog", class: "search-form", role: "search" }, input, close), status, results);
        document.body.append(dialog);
        setUpSearch(input, results, status);
        dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
      }
      dialog.showModal();
      dialog.querySelector("input").focus();
    }
    opener.addEventListener("click", (event) => { event.preventDefault(); open(); });
    document.addEventListener("keydown", (event) => {
      const typing = event.target.closest("input, textarea, select, [contenteditable]");
      if ((event.key === "k" && (event.ctrlKey || event.metaKey)) || (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey)) {
        event.preventDefault();
        open();
      }
    });
  }

  // Explorer: the folders from the top down to this page's, each loaded when it opens.
  function setUpExplorer() {
    const explorer = document.querySelector(".explorer[data-folders]");
    if (!explorer) return;
    const folders = new URL(explorer.dataset.folders, location.href);
    const chain = explorer.dataset.chain.split(" ").map(Number);
    const here = location.pathname;

    async function list(number) {
      const data = await json(new URL(number + ".json", folders));
      const items = data.folders.map((folder) => {
        const details = element("details", {}, element("summary", {}, folder.name, " ", element("span", { class: "tag-count" }, String(folder.count))));
        const load = () => { if (!details.dataset.loaded) { details.dataset.loaded = "yes"; list(folder.number).then((child) => details.append(child)); } };
        details.addEventListener("toggle", () => { if (details.open) load(); });
        if (chain.includes(folder.number)) details.open = true;
        return element("li", {}, details);
      });
      for (const [title, path] of data.notes) {
        const url = new URL(path, root);
        const link = element("a", { href: url.href }, title);
        if (url.pathname === here) link.setAttribute("aria-current", "page");
        items.push(element("li", {}, link));
      }
      return element("ul", { class: "explorer-tree" }, ...items);
    }

    list(chain[0]).then((tree) => {
      explorer.querySelector(".explorer-fallback").hidden = true;
      explorer.append(tree);
    }).catch(() => {});
  }

  // Link previews: hovering or focusing a link to a note shows its first section, or the section its
  // anchor names, from the note's small text fragment.
  function setUpPreviews() {
    const popup = element("div", { class: "preview", role: "tooltip", id: "commons-preview", hidden: "" });
    document.body.append(popup);
    let timer, current = null;

    function fragmentURL(link) {
      const url = new URL(link.href, location.href);
      if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname) || !url.pathname.endsWith("/")) return null;
      if (url.pathname === location.pathname) return null;
      // The site's own pages have no fragment; asking would only fill the server's log with misses.
      const inSite = url.pathname.slice(root.pathname.length);
      if (/^(tags|all-notes|recent-changes|wanted|search|assets|home-history)\//.test(inSite) || /\/history\/$/.test(inSite)) return null;
      return url;
    }

    async function show(link, url) {
      const fragment = await json(new URL("index.json", url)).catch(() => null);
      if (!fragment || current !== link) return;
      const anchor = decodeURIComponent(url.hash.slice(1));
      const section = fragment.sections.find((section) => anchor && section.anchor === anchor)
        || fragment.sections.find((section) => section.text.trim() !== "") || { text: "" };
      const text = section.text.length > 400 ? section.text.slice(0, 400).replace(/\s+\S*$/, "") + "…" : section.text;
      popup.replaceChildren(element("strong", {}, fragment.title + (section.heading && anchor ? " › " + section.heading : "")),
        element("p", {}, text.replace(/\s+/g, " ")));
      const box = link.getBoundingClientRect();
      popup.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 400)) + "px";
      popup.style.top = window.scrollY + box.bottom + 6 + "px";
      popup.hidden = false;
      link.setAttribute("aria-describedby", popup.id);
    }

    function hide() {
      clearTimeout(timer);
      if (current) current.removeAttribute("aria-describedby");
      current = null;
      popup.hidden = true;
    }

    function enter(event) {
      const link = event.target.closest && event.target.closest(".note-body a[href], .backlinks a[href]");
      if (!link || link === current) return;
      const url = fragmentURL(link);
      if (!url) return;
      hide();
      current = link;
      timer = setTimeout(() => show(link, url), 250);
    }

    document.addEventListener("mouseover", enter);
    document.addEventListener("focusin", enter);
    document.addEventListener("mouseout", (event) => { if (current && !current.contains(event.relatedTarget)) hide(); });
    document.addEventListener("focusout", hide);
    document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
  }

  setUpThemeToggle();
  setUpSearchDialog();
  setUpExplorer();
  setUpPreviews();
})();
