#!/usr/bin/env python3
"""Measures the main thread's long tasks on a built site's graph page in headless Chromium, while the
whole commons' graph settles.

The page fetches graph/data.json, runs the force layout in a worker (assets/graph-layout.js) and draws
each step it reports on a canvas, on the main thread. A reader can scroll, click or type only between
the main thread's tasks, so none should last over 100 ms, even at ten thousand notes. The Long Tasks
API reports every task over 50 ms: an observer is registered before any of the page's scripts runs,
and read once neither the canvas has been drawn on nor a long task has run for 3 s (the layout is
done), or after --seconds if that never happens. Each run is a new browser, so that no cache carries
over from one run to the next, its window always 1280 × 800, so that runs compare.

    python3 Benchmarks/graph_tasks.py <site folder> [--runs 3] [--seconds 25] [--limit 100] [--json]

Prints a line a run and a summary, or with --json one JSON object. Exits 0 whatever the figures (this
is a benchmark, not a test) unless --limit is given and a run's longest task is over it; 1 when the
page cannot be loaded or its graph is never drawn.
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "site"))
import browser  # noqa: E402

# A laptop's viewport, the same every run: the canvas's size decides what a drawing costs.
browser.SIZES["benchmark"] = (1280, 800)
QUIET = 3.0
OVER = 100

# Run in the page before its own scripts. `buffered` also reports tasks that ended before the observer
# was made. Every call that paints the canvas is timed, whichever way the theme draws (paths, or an
# image put at once), so the benchmark can tell when the graph has stopped moving.
OBSERVER = """
(() => {
  const record = window.__graphTasks = { tasks: [], paints: 0, lastPaint: -1 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record.tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
  const canvas = CanvasRenderingContext2D.prototype;
  for (const name of ["clearRect", "fillRect", "fill", "stroke", "putImageData", "drawImage"]) {
    const paint = canvas[name];
    canvas[name] = function (...args) {
      record.paints++;
      record.lastPaint = performance.now();
      return paint.apply(this, args);
    };
  }
})();
"""

STATE = """
const record = window.__graphTasks;
if (!record) return null;
const lastTask = Math.max(-1, ...record.tasks.map((task) => task.start + task.duration));
return { now: performance.now(), paints: record.paints, lastPaint: record.lastPaint, lastTask, tasks: record.tasks };
"""


def run(server, seconds):
    """One load of the graph page in a new browser: its long tasks, and when the canvas was last drawn
    (in ms from the navigation), or None if it was still moving after `seconds`."""
    from selenium.common.exceptions import WebDriverException

    with browser.Browser(size="benchmark") as session:
        driver = session.driver
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})
        try:
            driver.get(server.url("graph/"))
        except WebDriverException as error:
            sys.exit(f"graph long tasks: the graph page did not load: {error.msg}")
        deadline = time.monotonic() + seconds
        settled = None
        while True:
            state = driver.execute_script(STATE)
            if state and state["paints"] and state["now"] - max(state["lastPaint"], state["lastTask"]) >= QUIET * 1000:
                settled = state["lastPaint"]
                break
            if time.monotonic() >= deadline:
                break
            time.sleep(0.25)
        if not state or not state["paints"]:
            errors = "".join("\n  " + message for message in session.console_errors())
            sys.exit(f"graph long tasks: the graph was not drawn within {seconds:g} s{errors}")
    tasks = [{"start": round(task["start"], 1), "duration": round(task["duration"], 1)} for task in state["tasks"]]
    return {
        "longest": round(max((task["duration"] for task in tasks), default=0)),
        f"over{OVER}": sum(task["duration"] > OVER for task in tasks),
        # What the long tasks held the main thread for, all of each (not only its part over 50 ms).
        "blocked": round(sum(task["duration"] for task in tasks)),
        "settled": None if settled is None else round(settled),
        "tasks": tasks,
    }


def longest(ms):
    # The API reports no task of 50 ms or less, so without any the longest is only known to be shorter.
    return f"longest {ms:,.0f} ms" if ms else "none over 50 ms"


def describe(figures):
    settled = f"settled after {figures['settled'] / 1000:.1f} s" if figures["settled"] is not None else "still drawing when read"
    return (f"{longest(figures['longest'])}, {figures[f'over{OVER}']} over {OVER} ms, "
            f"{figures['blocked']:,} ms blocked in total (tasks over 50 ms), {settled}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=25, help="the longest to wait for the graph to settle")
    parser.add_argument("--limit", type=float, help="exit 1 if a run's longest task is over this many ms")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    data = os.path.join(arguments.site, "graph", "data.json")
    if not os.path.isfile(data):
        sys.exit(f"graph long tasks: {data} not found; is {arguments.site} a built site?")
    notes = len(json.load(open(data, encoding="utf-8"))["nodes"])

    runs = []
    with browser.StaticServer(arguments.site) as server:
        for number in range(1, arguments.runs + 1):
            runs.append(run(server, arguments.seconds))
            if not arguments.json:
                print(f"graph long tasks: run {number}: {describe(runs[-1])}", flush=True)

    if arguments.json:
        print(json.dumps({"notes": notes, "runs": runs}, indent=1))
    else:
        longests = [figures["longest"] for figures in runs]
        print(f"graph long tasks, {notes:,} notes, {len(runs)} run{'s' * (len(runs) != 1)}: {longest(max(longests))} "
              f"(median of runs {statistics.median(longests):,.0f} ms), {sum(figures[f'over{OVER}'] for figures in runs)} over {OVER} ms "
              f"in all, median {statistics.median(figures['blocked'] for figures in runs):,.0f} ms blocked")
    if arguments.limit is not None and max(figures["longest"] for figures in runs) > arguments.limit:
        print(f"graph long tasks: a task took over the limit of {arguments.limit:g} ms", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
