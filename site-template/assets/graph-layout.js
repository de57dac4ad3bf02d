// The default theme's graph layout: a force layout, which commons.js runs in a worker, off the page's
// main thread, so that a graph of ten thousand notes never stalls the page while it settles. It posts
// the positions as they settle. Where a page cannot start a worker (a site opened from files), the
// page loads this file as a script and steps it between frames.
"use strict";
(function () {
  // Repulsion looks only at nearby nodes (a grid of cells), so ten thousand notes lay out in seconds.
  // A cell is a number, not a string, which a grid of ten thousand would make anew at every step.
  const cellKey = (column, row) => (column + 32768) * 65536 + (row + 32768);

  function layOut(count, links, ticks) {
    const x = new Float64Array(count), y = new Float64Array(count), vx = new Float64Array(count), vy = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      // A sunflower spiral: the same start, so the same picture, on every visit.
      const radius = 12 * Math.sqrt(i + 0.5), angle = i * 2.399963;
      x[i] = radius * Math.cos(angle);
      y[i] = radius * Math.sin(angle);
    }
    const spacing = 30, cell = 2 * spacing;
    let tick = 0;
    return { x, y, done: () => tick >= ticks, step() {
      const heat = 1 - tick / ticks;
      const grid = new Map();
      for (let i = 0; i < count; i++) {
        const key = cellKey(Math.floor(x[i] / cell), Math.floor(y[i] / cell));
        (grid.get(key) || grid.set(key, []).get(key)).push(i);
      }
      for (let i = 0; i < count; i++) {
        const cx = Math.floor(x[i] / cell), cy = Math.floor(y[i] / cell);
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
          for (const j of grid.get(cellKey(cx + dx, cy + dy)) || []) {
            if (j <= i) continue;
            let ex = x[i] - x[j], ey = y[i] - y[j], distance2 = ex * ex + ey * ey;
            if (distance2 > cell * cell) continue;
            if (distance2 < 0.01) { ex = (i % 7) - 3 || 1; ey = (j % 5) - 2 || 1; distance2 = ex * ex + ey * ey; }
            const push = spacing * spacing / distance2 * 0.5;
            vx[i] += ex * push; vy[i] += ey * push; vx[j] -= ex * push; vy[j] -= ey * push;
          }
        }
      }
      for (let k = 0; k < links.length; k += 2) {
        const a = links[k], b = links[k + 1];
        const ex = x[b] - x[a], ey = y[b] - y[a], distance = Math.sqrt(ex * ex + ey * ey) || 1;
        const pull = (distance - spacing) / distance * 0.06;
        vx[a] += ex * pull; vy[a] += ey * pull; vx[b] -= ex * pull; vy[b] -= ey * pull;
      }
      for (let i = 0; i < count; i++) {
        vx[i] -= x[i] * 0.002; vy[i] -= y[i] * 0.002;
        const speed = Math.sqrt(vx[i] * vx[i] + vy[i] * vy[i]), limit = 8 * heat + 0.5;
        if (speed > limit) { vx[i] *= limit / speed; vy[i] *= limit / speed; }
        x[i] += vx[i]; y[i] += vy[i];
        vx[i] *= 0.6; vy[i] *= 0.6;
      }
      tick++;
    } };
  }

  if (typeof document === "undefined") {
    self.onmessage = (event) => {
      const { count, links, ticks } = event.data;
      const layout = layOut(count, links, ticks);
      let posted = 0;
      while (!layout.done()) {
        layout.step();
        if (layout.done() || performance.now() - posted > 150) {
          self.postMessage({ x: layout.x.slice(), y: layout.y.slice(), done: layout.done() });
          posted = performance.now();
        }
      }
    };
  } else {
    window.commonsLayOut = layOut;
  }
})();
