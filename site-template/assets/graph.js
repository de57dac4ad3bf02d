// The default theme's graph view, loaded by commons.js when a graph is to be drawn: a force layout
// (assets/graph-layout.js, in a worker) drawn on a canvas, for a note's neighbourhood or the whole
// commons, each note coloured by its top folder.
"use strict";
window.commonsGraph = (root, element) => {
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
      const resolve = (css) => { probe.style.color = css; return getComputedStyle(probe).color; };
      const colour = (name) => resolve("var(" + name + ")");
      // Resolved once a drawing: asked of the style for every node, they cost seconds at ten thousand.
      const dark = colour("--background").match(/\d+/g).slice(0, 3).reduce((sum, part) => sum + Number(part), 0) < 384;
      const accent = colour("--accent"), muted = colour("--muted"), linked = colour("--link"), text = colour("--text");
      const folderColours = new Map();
      const fillOf = (hue) => {
        if (hue === null) return linked;
        if (!folderColours.has(hue)) folderColours.set(hue, resolve("hsl(" + hue + " 55% " + (dark ? "65%" : "40%") + ")"));
        return folderColours.get(hue);
      };
      const fill = (i) => {
        const far = data.depths && data.depths[i] === 2;
        return i === hovered || (data.depths && data.depths[i] === 0) ? accent : far ? muted : fillOf(hues[i]);
      };
      const width = canvas.clientWidth, height = canvas.clientHeight;
      const sx = (i) => view.x + view.scale * layout.x[i], sy = (i) => view.y + view.scale * layout.y[i];
      const radiusOf = (i) => (data.depths ? [7, 5, 3.5][data.depths[i]] : 3 + Math.sqrt(degree[i])) * Math.sqrt(view.scale);
      // While a big graph settles its links cross the whole canvas, which costs the most to draw:
      // they come once it has settled.
      const withLinks = layout.done || count <= 2000;
      if (count > 2000) drawPixels(sx, sy, radiusOf, fill, withLinks && colour("--border"));
      else {
        context.clearRect(0, 0, width, height);
        // In the canvas's own pixels, so that links are one-pixel hairlines, which the browser draws
        // far faster than lines of a scaled width; nodes in one path for each colour, for the same reason.
        context.strokeStyle = colour("--border");
        context.lineWidth = 1;
        context.beginPath();
        for (let k = 0; k < links.length; k += 2) {
          context.moveTo(sx(links[k]), sy(links[k]));
          context.lineTo(sx(links[k + 1]), sy(links[k + 1]));
        }
        context.stroke();
        const groups = new Map();
        for (let i = 0; i < count; i++) {
          const shade = fill(i);
          (groups.get(shade) || groups.set(shade, []).get(shade)).push(i);
        }
        for (const [shade, members] of groups) {
          context.fillStyle = shade;
          context.beginPath();
          for (const i of members) {
            const radius = radiusOf(i);
            context.moveTo(sx(i) + radius, sy(i));
            context.arc(sx(i), sy(i), radius, 0, 2 * Math.PI);
          }
          context.fill();
        }
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

    // A big graph is set pixel by pixel in one image, put on the canvas at once: a canvas without a
    // GPU took over 100 ms to draw ten thousand anti-aliased circles, or their links, stalling the page
    // on every step of the settling. Circles are filled a row at a time; links are one-pixel lines.
    let image = null, pixels = null;
    const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
    function drawPixels(sx, sy, radiusOf, fill, linkColour) {
      const w = canvas.width, h = canvas.height, ratio = w / Math.max(1, canvas.clientWidth);
      if (!image || image.width !== w || image.height !== h) {
        image = context.createImageData(w, h);
        pixels = new Uint32Array(image.data.buffer);
      }
      pixels.fill(0);
      const packed = new Map();
      // "rgb(r, g, b)" or "rgba(r, g, b, a)", as the style resolves colours, in the image's byte order.
      const pack = (css) => {
        if (!packed.has(css)) {
          const [r, g, b, a = 1] = (css.match(/[\d.]+/g) || [128, 128, 128]).map(Number);
          const alpha = Math.round(a * 255);
          packed.set(css, (littleEndian ? (alpha << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | alpha) >>> 0);
        }
        return packed.get(css);
      };
      if (linkColour) {
        const value = pack(linkColour);
        for (let k = 0; k < links.length; k += 2) {
          line(Math.round(sx(links[k]) * ratio), Math.round(sy(links[k]) * ratio),
               Math.round(sx(links[k + 1]) * ratio), Math.round(sy(links[k + 1]) * ratio), value, w, h);
        }
      }
      for (let i = 0; i < count; i++) {
        const cx = sx(i) * ratio, cy = sy(i) * ratio, radius = radiusOf(i) * ratio, value = pack(fill(i));
        if (cx + radius < 0 || cy + radius < 0 || cx - radius >= w || cy - radius >= h) continue;
        for (let dy = Math.ceil(-radius); dy <= radius; dy++) {
          const y = Math.round(cy + dy);
          if (y < 0 || y >= h) continue;
          const half = Math.sqrt(radius * radius - dy * dy);
          const from = Math.max(0, Math.round(cx - half)), to = Math.min(w, Math.round(cx + half) + 1);
          if (from < to) pixels.fill(value, y * w + from, y * w + to);
        }
      }
      context.putImageData(image, 0, 0);
    }

    // Bresenham's line, its pixels outside the image left out.
    function line(x0, y0, x1, y1, value, w, h) {
      if ((x0 < 0 && x1 < 0) || (y0 < 0 && y1 < 0) || (x0 >= w && x1 >= w) || (y0 >= h && y1 >= h)) return;
      const dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0), stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1;
      let error = dx + dy;
      for (;;) {
        if (x0 >= 0 && y0 >= 0 && x0 < w && y0 < h) pixels[y0 * w + x0] = value;
        if (x0 === x1 && y0 === y1) return;
        const twice = 2 * error;
        if (twice >= dy) { error += dy; x0 += stepX; }
        if (twice <= dx) { error += dx; y0 += stepY; }
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

  return drawGraph;
};
