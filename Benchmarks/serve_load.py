#!/usr/bin/env python3
"""A load test of `commons serve` with wrk, on this repository's own commons (content/).

Only 127.0.0.1, and bounded in time. The baseline, measured in the same run on the same machine, is
Python's `http.server` serving the same site built by `commons build`: the server the README
suggests for looking at a built site. Each server gets a page and a stylesheet, `--seconds` each.

    serve_load.py --commons .build/release/commons [--seconds 10] [--connections 16]
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from serve import Server

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ["getting-started/", "assets/style.css"]


def wrk(url, seconds, connections):
    result = subprocess.run(["wrk", "--latency", "-t2", f"-c{connections}", f"-d{seconds}s", url],
                            check=True, capture_output=True, text=True).stdout
    requests = float(re.search(r"Requests/sec:\s+([0-9.]+)", result).group(1))
    p99 = re.search(r"99%\s+([0-9.]+)(us|ms|s)", result)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} failed responses")
    return requests, float(p99.group(1)) * scale


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commons", required=True, help="the commons executable (a release build)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    commons = os.path.abspath(arguments.commons)
    results = []
    with tempfile.TemporaryDirectory(prefix="commons-load-") as work:
        site = os.path.join(work, "site")
        subprocess.run([commons, "build", ROOT, "-o", site, "-q"], check=True)
        port = free_port()
        baseline = subprocess.Popen([sys.executable, "-m", "http.server", "-b", "127.0.0.1", "-d", site, str(port)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(1)
            for target in TARGETS:
                results.append(("python3 -m http.server", target, *wrk(f"http://127.0.0.1:{port}/{target}", arguments.seconds, arguments.connections)))
        finally:
            baseline.terminate()
            baseline.wait()
        server = Server(commons, ROOT)
        try:
            for target in TARGETS:
                results.append(("commons serve", target, *wrk(server.url + target, arguments.seconds, arguments.connections)))
        finally:
            server.stop()
    base = {target: requests for name, target, requests, _ in results if name == "python3 -m http.server"}
    print(f"{'server':<24} {'path':<20} {'requests/s':>11} {'p99 latency':>12}  ratio")
    for name, target, requests, p99 in results:
        print(f"{name:<24} {target:<20} {requests:>11.0f} {p99:>9.2f} ms  {requests / base[target]:.2f} × http.server")


if __name__ == "__main__":
    main()
