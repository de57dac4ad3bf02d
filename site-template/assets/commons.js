// The default theme's script. Every page reads well without it; it adds the theme toggle, search, the
// explorer, link previews, the graph view and code colours, loading only the small files commons wrote for each (no
// other host).
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

  // Search runs from assets/search.js, loaded when a reader first searches: most pages never need it.
  let engine = null;
  function loadSearch() {
    engine ??= new Promise((resolve, reject) => {
      const tag = element("script", { src: new URL("assets/search.js", root).href });
      tag.addEventListener("load", () => resolve(window.commonsSearch(root, json, element)));
      tag.addEventListener("error", () => { engine = null; reject(new Error("no search")); });
      document.head.append(tag);
    });
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

  // Graph view: a force layout (assets/graph-layout.js, in a worker) drawn on a canvas, for a note's
  // neighbourhood or the whole commons, each note coloured by its top folder.
  function startLayout(count, links, ticks, update) {
    const script = new URL("assets/graph-layout.js", root);
    // Where no worker can start, the layout runs here, a few milliseconds between frames.
    function here() {
      const run = (layOut) => {
        const layout = layOut(count, links, ticks);
        const frame = () => {
          const started = performance.now();
          while (!layout.done() && performance.now() - started < 12) layout.step();
          update(layout.x, layout.y, layout.done());
          if (!layout.done()) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      };
      if (window.commonsLayOut) return run(window.commonsLayOut);
      const tag = element("script", { src: script.href });
      tag.addEventListener("load", () => run(window.commonsLayOut));
      document.head.append(tag);
    }
    let worker;
    try {
      worker = new Worker(script);
    } catch (error) {
      return here();
    }
    let heard = false;
    worker.addEventListener("message", (event) => {
      heard = true;
      update(event.data.x, event.data.y, event.data.done);
      if (event.data.done) worker.terminate();
    });
    worker.addEventListener("error", () => { if (!heard) { worker.terminate(); here(); } });
    worker.postMessage({ count, links, ticks });
  }

  // A colour for each top folder, the same on every visit: a hue from the folder's name, spread by the
  // golden ratio so that names a letter apart ("topic-01", "topic-02") get hues far apart.
  function folderHue(path) {
    const slash = path.indexOf("/");
    if (slash < 0 || slash === path.length - 1) return null;
    let hash = 0;
    for (const character of path.slice(0, slash)) hash = (hash * 31 + character.codePointAt(0)) >>> 0;
    return Math.floor((hash * 0.6180339887) % 1 * 360);
  }

  function drawGraph(container, data) {
    const count = data.nodes.length, links = data.links;
    const degree = new Uint32Array(count);
    for (const node of links) degree[node]++;
    const canvas = element("canvas", { role: "img", "aria-label": "A graph of " + count + " notes and " + links.length / 2 + " links between them" });
    const zoomIn = element("button", { type: "button", "aria-label": "Zoom in" }, "+");
    const zoomOut = element("button", { type: "button", "aria-label": "Zoom out" }, "−");
    const fit = element("button", { type: "button" }, "Fit");
    const label = element("p", { class: "graph-label", "aria-live": "polite" });
    const probe = element("span", { hidden: "" });
    container.append(canvas, element("div", { class: "graph-controls" }, zoomIn, zoomOut, fit), label, probe);
    container.hidden = false;
    // Positions come from the layout as it settles; until the first, every note sits at the middle.
    const layout = { x: new Float64Array(count), y: new Float64Array(count), done: false };
    const hues = data.nodes.map((node) => folderHue(node[1]));
    const view = { scale: 1, x: 0, y: 0 };
    let hovered = -1, fitted = false, pending = false;
    const context = canvas.getContext("2d");

    function size() {
      const ratio = window.devicePixelRatio || 1, width = container.clientWidth, height = canvas.clientHeight;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
    }

    function fitView() {
      let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      for (let i = 0; i < count; i++) {
        minX = Math.min(minX, layout.x[i]); maxX = Math.max(maxX, layout.x[i]);
        minY = Math.min(minY, layout.y[i]); maxY = Math.max(maxY, layout.y[i]);
      }
      const width = canvas.clientWidth, height = canvas.clientHeight;
      view.scale = Math.min(2, 0.9 * Math.min(width / (maxX - minX + 40), height / (maxY - minY + 40)));
      view.x = width / 2 - view.scale * (minX + maxX) / 2;
      view.y = height / 2 - view.scale * (minY + maxY) / 2;
    }

    function draw() {
      // The theme's colours are light-dark() pairs: an element resolves them to the one in force.
      const colour = (name) => { probe.style.color = "var(" + name + ")"; return getComputedStyle(probe).color; };
      // Resolved once a drawing: asked of the style for every node, they cost seconds at ten thousand.
      const dark = colour("--background").match(/\d+/g).slice(0, 3).reduce((sum, part) => sum + Number(part), 0) < 384;
      const accent = colour("--accent"), muted = colour("--muted"), linked = colour("--link"), text = colour("--text");
      const folderColours = new Map();
      const fillOf = (hue) => {
        if (hue === null) return linked;
        if (!folderColours.has(hue)) folderColours.set(hue, "hsl(" + hue + " 55% " + (dark ? "65%" : "40%") + ")");
        return folderColours.get(hue);
      };
      const width = canvas.clientWidth, height = canvas.clientHeight;
      context.clearRect(0, 0, width, height);
      // In the canvas's own pixels, so that links are one-pixel hairlines, which the browser draws
      // far faster than lines of a scaled width; nodes in one path for each colour, for the same reason.
      const sx = (i) => view.x + view.scale * layout.x[i], sy = (i) => view.y + view.scale * layout.y[i];
      // While a big graph settles its links cross the whole canvas, which costs the most to draw:
      // they come once it has settled.
      if (layout.done || count <= 2000) {
        context.strokeStyle = colour("--border");
        context.lineWidth = 1;
        context.beginPath();
        for (let k = 0; k < links.length; k += 2) {
          context.moveTo(sx(links[k]), sy(links[k]));
          context.lineTo(sx(links[k + 1]), sy(links[k + 1]));
        }
        context.stroke();
      }
      const radiusOf = (i) => (data.depths ? [7, 5, 3.5][data.depths[i]] : 3 + Math.sqrt(degree[i])) * Math.sqrt(view.scale);
      const groups = new Map();
      for (let i = 0; i < count; i++) {
        const far = data.depths && data.depths[i] === 2;
        const fill = i === hovered || (data.depths && data.depths[i] === 0) ? accent : far ? muted : fillOf(hues[i]);
        (groups.get(fill) || groups.set(fill, []).get(fill)).push(i);
      }
      for (const [fill, members] of groups) {
        context.fillStyle = fill;
        context.beginPath();
        for (const i of members) {
          const radius = radiusOf(i);
          context.moveTo(sx(i) + radius, sy(i));
          context.arc(sx(i), sy(i), radius, 0, 2 * Math.PI);
        }
        context.fill();
      }
      // A note's own graph names it and its neighbours; the whole graph names notes once zoomed in.
      const labelled = (i) => i === hovered || (data.depths ? data.depths[i] <= 1 : view.scale > 1.6);
      context.font = "12px " + getComputedStyle(document.body).fontFamily;
      context.textAlign = "center";
      context.fillStyle = text;
      for (let i = 0; i < count; i++) {
        if (labelled(i)) context.fillText(data.nodes[i][0], sx(i), sy(i) - radiusOf(i) - 3);
      }
    }

    // Each settling the layout reports is drawn at the next frame, the view fitted to it until the
    // layout is done or the reader moves the view.
    function update(x, y, done) {
      Object.assign(layout, { x, y, done });
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (!fitted) fitView();
        fitted ||= layout.done;
        draw();
      });
    }

    function nodeAt(event) {
      const box = canvas.getBoundingClientRect();
      const px = (event.clientX - box.left - view.x) / view.scale, py = (event.clientY - box.top - view.y) / view.scale;
      let best = -1, bestDistance = (12 / view.scale) ** 2;
      for (let i = 0; i < count; i++) {
        const distance = (layout.x[i] - px) ** 2 + (layout.y[i] - py) ** 2;
        if (distance < bestDistance) { best = i; bestDistance = distance; }
      }
      return best;
    }

    function zoom(factor, cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2) {
      view.x = cx - (cx - view.x) * factor;
      view.y = cy - (cy - view.y) * factor;
      view.scale *= factor;
      fitted = true;
      draw();
    }

    let drag = null;
    canvas.addEventListener("pointerdown", (event) => { drag = { x: event.clientX, y: event.clientY, moved: false }; canvas.setPointerCapture(event.pointerId); });
    canvas.addEventListener("pointermove", (event) => {
      if (drag) {
        const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) { view.x += dx; view.y += dy; drag.x = event.clientX; drag.y = event.clientY; fitted = true; draw(); }
        return;
      }
      const node = nodeAt(event);
      if (node !== hovered) {
        hovered = node;
        canvas.style.cursor = node >= 0 ? "pointer" : "grab";
        label.textContent = node >= 0 ? data.nodes[node][0] : "";
        draw();
      }
    });
    canvas.addEventListener("pointerup", (event) => {
      const wasDrag = drag && drag.moved;
      drag = null;
      if (wasDrag) return;
      const node = nodeAt(event);
      if (node >= 0) location.href = new URL(data.nodes[node][1], root).href;
    });
    canvas.addEventListener("wheel", (event) => {
      event.preventDefault();
      const box = canvas.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1.2 : 1 / 1.2, event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
    zoomIn.addEventListener("click", () => zoom(1.3));
    zoomOut.addEventListener("click", () => zoom(1 / 1.3));
    fit.addEventListener("click", () => { fitView(); draw(); });
    window.addEventListener("resize", () => { size(); draw(); });
    new MutationObserver(draw).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
    size();
    startLayout(count, links, count > 2000 ? 200 : 300, update);
  }

  function setUpGraphs() {
    const local = document.querySelector(".local-graph .graph[data-graph]");
    if (local) {
      const data = JSON.parse(local.dataset.graph);
      if (data.nodes.length > 1) {
        local.closest(".local-graph").hidden = false;
        drawGraph(local, data);
      }
    }
    const whole = document.querySelector(".graph[data-graph-src]");
    if (whole) json(new URL(whole.dataset.graphSrc, location.href)).then((data) => drawGraph(whole, data)).catch(() => {});
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
