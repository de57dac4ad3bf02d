// The default theme's script. Every page reads well without it; it adds the theme toggle, search, the
// explorer, link previews, the graph view and code colours, loading only the small files commons wrote for each (no
// other host).
"use strict";
(function () {
  const script = document.currentScript;
  const root = new URL("../", script.src);
  const fetched = new Map();

  // Each file once a visit, as `read` makes it of the response: JSON, or a page's document.
  function fetchOnce(url, read) {
    const key = url.toString();
    if (!fetched.has(key)) {
      fetched.set(key, fetch(key).then((response) => {
        if (!response.ok) throw new Error(response.status + " " + key);
        return read(response);
      }));
    }
    return fetched.get(key);
  }

  function json(url) {
    return fetchOnce(url, (response) => response.json());
  }

  // A script of the theme, loaded when first needed; `made` reads what it defines.
  function loadScript(name, made) {
    return new Promise((resolve, reject) => {
      const tag = element("script", { src: new URL("assets/" + name, root).href });
      tag.addEventListener("load", () => resolve(made()));
      tag.addEventListener("error", reject);
      document.head.append(tag);
    });
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

  // Search runs from assets/search.js, loaded when a reader first searches: most pages never need it.
  let engine = null;
  function loadSearch() {
    engine ??= loadScript("search.js", () => window.commonsSearch(root, json, element))
      .catch(() => { engine = null; throw new Error("no search"); });
    return engine;
  }

  function setUpSearch(input, results, status) {
    let latest = 0, hits = [], shown = 0;
    const more = element("button", { type: "button", class: "search-more", hidden: "" }, "More results");
    results.after(more);

    async function showMore() {
      const page = hits.slice(shown, shown + 10);
      shown += page.length;
      const serial = latest;
      const { describe } = await loadSearch();
      const described = await Promise.all(page.map(describe));
      if (serial !== latest) return;
      for (const hit of described) {
        const heading = hit.heading ? [" ", element("span", { class: "search-heading" }, "› " + hit.heading)] : [];
        const folders = hit.folders ? [element("span", { class: "search-folder" }, hit.folders)] : [];
        results.append(element("li", {}, ...folders, element("a", { href: hit.url }, hit.title, ...heading), element("p", {}, ...hit.snippet)));
      }
      more.hidden = shown >= hits.length;
    }

    async function run() {
      const serial = ++latest;
      const query = input.value;
      try {
        const found = await (await loadSearch()).search(query);
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
        const load = () => { if (!details.dataset.loaded) { details.dataset.loaded = "yes"; list(folder.number).then((child) => { details.append(child); reveal(); }); } };
        details.addEventListener("toggle", () => { if (details.open) load(); });
        if (chain.includes(folder.number)) details.open = true;
        return element("li", {}, details);
      });
      let marked = false;
      for (const [title, path] of data.notes) {
        const url = new URL(path, root);
        const link = element("a", { href: url.href }, title);
        if (url.pathname === here) { link.setAttribute("aria-current", "page"); marked = true; }
        items.push(element("li", {}, link));
      }
      if (data.more) {
        // A big folder lists its first notes, then this page's own if it is further on, then the way
        // to the folder's page, which lists them all.
        const heading = document.querySelector("article.note h1");
        if (!marked && number === chain[chain.length - 1] && heading) {
          items.push(element("li", {}, element("a", { href: location.href, "aria-current": "page" }, heading.textContent)));
        }
        items.push(element("li", { class: "explorer-more" }, element("a", { href: new URL(data.more.page, root).href }, data.more.count + " more…")));
      }
      return element("ul", { class: "explorer-tree" }, ...items);
    }

    // Beside the page the explorer scrolls on its own: once this page's entry is loaded, bring it
    // into the explorer's view.
    let revealed = false;
    function reveal() {
      const current = explorer.querySelector('[aria-current="page"]');
      if (revealed || !current) return;
      revealed = true;
      if (explorer.scrollHeight > explorer.clientHeight) explorer.scrollTop = current.offsetTop - explorer.clientHeight / 2;
    }

    list(chain[0]).then((tree) => {
      explorer.querySelector(".explorer-fallback").hidden = true;
      explorer.append(tree);
      reveal();
    }).catch(() => {});
  }

  // Link previews: hovering or focusing a link to a note shows the note as its page renders it (its
  // opening, or the section or block its anchor names), read from the page itself, as Obsidian's
  // page preview shows it.
  function setUpPreviews() {
    const popup = element("div", { class: "preview", role: "tooltip", id: "commons-preview", hidden: "" });
    document.body.append(popup);
    let timer, current = null;

    function pageURL(link) {
      const url = new URL(link.href, location.href);
      if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname) || !url.pathname.endsWith("/")) return null;
      if (url.pathname === location.pathname) return null;
      // Only notes' pages have a body to show; the site's own pages are not fetched for nothing.
      const inSite = url.pathname.slice(root.pathname.length);
      if (/^(tags|all-notes|recent-changes|wanted|search|graph|assets|home-history)\//.test(inSite) || /\/history\/$/.test(inSite)) return null;
      return url;
    }

    function page(url) {
      return fetchOnce(url.origin + url.pathname,
        (response) => response.text().then((html) => new DOMParser().parseFromString(html, "text/html")));
    }

    // The part of a page's body an anchor names: a heading with what follows it up to the next heading
    // of its level or higher, or the block with the id; without one, the body's first few blocks.
    function part(body, anchor) {
      const target = anchor && body.querySelector("#" + CSS.escape(anchor));
      if (target) {
        const level = /^H([1-6])$/.exec(target.tagName);
        if (!level) return { nodes: [target.closest(".note-body > *") || target] };
        const nodes = [target];
        for (let next = target.nextElementSibling; next; next = next.nextElementSibling) {
          const other = /^H([1-6])$/.exec(next.tagName);
          if (other && other[1] <= level[1]) break;
          nodes.push(next);
        }
        return { nodes };
      }
      const nodes = [];
      let length = 0;
      for (const child of body.children) {
        if (nodes.length && length > 500) break;
        nodes.push(child);
        length += child.textContent.length;
      }
      return { nodes };
    }

    // Copies nodes of the page at `url` into this one: links and sources still lead where they did,
    // ids do not repeat this page's, and nothing in the preview takes the focus.
    function adopt(nodes, url) {
      return nodes.map((node) => {
        const copy = document.importNode(node, true);
        for (const item of [copy, ...copy.querySelectorAll("*")]) {
          item.removeAttribute("id");
          for (const name of ["href", "src"]) {
            if (item.hasAttribute(name)) item.setAttribute(name, new URL(item.getAttribute(name), url).href);
          }
          if (item.matches("a, button, input, summary")) item.setAttribute("tabindex", "-1");
        }
        return copy;
      });
    }

    async function show(link, url) {
      const doc = await page(url).catch(() => null);
      if (!doc || current !== link) return;
      const body = doc.querySelector("main .note-body");
      if (!body) return;
      const title = doc.querySelector('meta[property="og:title"]');
      const shown = part(body, decodeURIComponent(url.hash.slice(1)));
      const content = element("div", { class: "preview-body" }, ...adopt(shown.nodes, url));
      // A section's heading is shown as the part's first line, under the note's title.
      popup.replaceChildren(element("strong", {}, title ? title.content : ""), content);
      if (window.renderMathInElement) window.renderMathInElement(content);
      const box = link.getBoundingClientRect();
      popup.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - 420)) + "px";
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
      if (!link || link === current || link.closest(".preview")) return;
      const url = pageURL(link);
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

  // The graph view is drawn by assets/graph.js, loaded when a graph is to be drawn: on the graph page at
  // once, and for a note's own graph, at the foot of its page, once the reader comes near it.
  let graphDrawing = null;
  function graphs() {
    graphDrawing ||= loadScript("graph.js", () => window.commonsGraph(root, element));
    return graphDrawing;
  }

  function setUpGraphs() {
    const local = document.querySelector(".local-graph .graph[data-graph]");
    if (local) {
      const data = JSON.parse(local.dataset.graph);
      if (data.nodes.length > 1) {
        const section = local.closest(".local-graph");
        section.hidden = false;
        const near = new IntersectionObserver((entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          near.disconnect();
          graphs().then((drawGraph) => drawGraph(local, data)).catch(() => {});
        }, { rootMargin: "400px" });
        near.observe(section);
      }
    }
    const whole = document.querySelector(".graph[data-graph-src]");
    if (whole) {
      Promise.all([json(new URL(whole.dataset.graphSrc, location.href)), graphs()])
        .then(([data, drawGraph]) => drawGraph(whole, data)).catch(() => {});
    }
  }

  // Code: a small highlighter for the languages notes use most, by family: comments, strings, numbers
  // and keywords get a class each, the rest stays as written. Text is only ever set as text.
  const keywords = {
    c: "as async await break case catch class const continue default defer do else enum export extends false final fn for from func function go guard if impl import in interface let match mut new nil null package private protected pub public return self static struct super switch this throw throws true try type typeof undefined use var where while yield",
    hash: "and as break case class continue def del do done elif else esac except false fi finally for from function if import in is lambda local none None not or pass raise return then true True False try while with yield",
    sql: "add all alter and as asc by create delete desc distinct drop from group having in insert into is join key left limit not null on or order primary references right select set table union update values where with",
  };
  const families = {
    c: ["swift", "js", "javascript", "mjs", "ts", "typescript", "jsx", "tsx", "java", "kotlin", "kt", "c", "h", "cpp", "c++", "cc", "hpp", "cs", "csharp", "go", "rust", "rs", "scala", "dart", "php", "css", "scss", "less", "groovy", "zig"],
    hash: ["python", "py", "sh", "bash", "shell", "zsh", "fish", "console", "shellsession", "yaml", "yml", "toml", "ruby", "rb", "perl", "pl", "r", "make", "makefile", "dockerfile", "ini", "conf", "nix", "elixir", "ex", "julia", "jl", "powershell", "ps1"],
    sql: ["sql", "postgres", "postgresql", "mysql", "sqlite", "lua", "haskell", "hs"],
    json: ["json", "jsonc", "json5", "geojson"],
    markup: ["html", "xml", "svg", "xhtml", "vue", "svelte", "plist"],
  };
  const patterns = {
    c: /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|(\b(?:0x[\da-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)\b)|(\b[A-Za-z_]\w*\b)/g,
    hash: /(#[^\n]*)|("(?:\\.|[^"\\\n])*"|'[^'\n]*')|(\b\d+(?:\.\d+)?\b)|(\b[A-Za-z_][\w-]*\b)/g,
    sql: /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:''|[^'])*'|"[^"\n]*")|(\b\d+(?:\.\d+)?\b)|(\b[A-Za-z_]\w*\b)/g,
    json: /(\/\/[^\n]*)|("(?:\\.|[^"\\\n])*")|(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|(\b(?:true|false|null)\b)/g,
    markup: /(<!--[\s\S]*?-->)|("[^"]*"|'[^']*')|(&\w+;|&#\d+;)|(<\/?[\w:-]+|\/?>)/g,
  };
  const kinds = ["comment", "string", "number", "keyword"];

  function highlight(code, family) {
    const words = family in keywords ? new Set(keywords[family].split(" ")) : null;
    const text = code.textContent, parts = [];
    let position = 0;
    for (const match of text.matchAll(patterns[family])) {
      const group = match.slice(1).findIndex((part) => part !== undefined);
      if (group === 3 && words && !words.has(family === "sql" ? match[0].toLowerCase() : match[0])) continue;
      parts.push(text.slice(position, match.index), element("span", { class: "code-" + kinds[group] }, match[0]));
      position = match.index + match[0].length;
    }
    parts.push(text.slice(position));
    code.replaceChildren(...parts);
  }

  function setUpCode() {
    for (const code of document.querySelectorAll(".note-body pre > code[class^='language-']")) {
      const language = code.className.slice("language-".length).split(/\s/)[0].toLowerCase();
      const family = Object.keys(families).find((name) => families[name].includes(language));
      // Very long blocks stay plain: colour is not worth a slow page.
      if (family && code.textContent.length < 100000) highlight(code, family);
    }
    // A copy button on each code block, outside the block so that it stays put when the code scrolls.
    for (const pre of document.querySelectorAll(".note-body pre:not(:has(> code.language-mermaid))")) {
      const button = element("button", { type: "button", class: "copy-code" }, "Copy");
      button.addEventListener("click", async () => {
        const text = pre.textContent;
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Outside a secure context (a site served over plain http) the clipboard API is missing.
          const scratch = element("textarea", { readonly: "", class: "copy-scratch" });
          scratch.value = text;
          document.body.append(scratch);
          scratch.select();
          document.execCommand("copy");
          scratch.remove();
        }
        button.textContent = "Copied";
        setTimeout(() => { button.textContent = "Copy"; }, 2000);
      });
      const block = element("div", { class: "code-block" });
      pre.replaceWith(block);
      block.append(pre, button);
    }
  }

  // A link to each section beside its heading, to copy or share, as documentation sites have.
  function setUpSectionLinks() {
    for (const heading of document.querySelectorAll(".note-body :is(h2, h3, h4, h5, h6)[id]")) {
      heading.append(" ", element("a", { class: "heading-anchor", href: "#" + encodeURIComponent(heading.id), "aria-label": "Link to this section" }, "#"));
    }
  }

  // Code blocks and tables that scroll sideways take the keyboard focus, so they can be scrolled without
  // a mouse; the ones that fit stay out of the tab order.
  function setUpScrolling() {
    const mark = () => {
      for (const box of document.querySelectorAll("main pre, main table")) {
        if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
        else if (box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
      }
    };
    mark();
    window.addEventListener("resize", mark);
  }

  // Math is marked with the delimiters KaTeX's auto-render looks for; a page with math loads KaTeX,
  // from the site itself, before this script.
  function setUpMath() {
    if (typeof window.renderMathInElement !== "function") return;
    for (const math of document.querySelectorAll(".math")) {
      window.renderMathInElement(math, {
        delimiters: [{ left: "\\(", right: "\\)", display: false }, { left: "\\[", right: "\\]", display: true }],
        throwOnError: false,
      });
    }
  }

  // Mermaid's source blocks become diagrams where the theme brings Mermaid's script; elsewhere they
  // stay labelled source.
  function setUpMermaid() {
    if (!window.mermaid) return;
    const blocks = [...document.querySelectorAll(".note-body pre > code.language-mermaid")].map((code) => {
      const diagram = document.createElement("div");
      diagram.className = "mermaid";
      diagram.textContent = code.textContent;
      code.parentElement.replaceWith(diagram);
      return diagram;
    });
    window.mermaid.initialize({ startOnLoad: false, theme: document.documentElement.dataset.theme === "dark" ? "dark" : "default" });
    window.mermaid.run({ nodes: blocks });
  }

  setUpMath();
  setUpMermaid();
  setUpThemeToggle();
  setUpSearchDialog();
  setUpExplorer();
  setUpPreviews();
  setUpGraphs();
  setUpCode();
  setUpSectionLinks();
  setUpScrolling();
})();
