"""A `commons serve` process for the benchmarks: started on a free port, its log read line by line."""
import queue
import re
import signal
import subprocess
import threading
import time


class Server:
    def __init__(self, commons, folder, *arguments, timeout=600):
        self.process = subprocess.Popen([commons, "serve", "--port", "0", *arguments], cwd=folder,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        serving = self.wait_for("Serving ", timeout)
        self.url = re.search(r"http://\S+", serving).group(0)
        self.first_build = self.wait_for("Built ", timeout)

    def _read(self):
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, prefix, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise SystemExit(f"commons serve printed no line starting with {prefix!r} in {timeout} s")
            if line.startswith("Build failed"):
                raise SystemExit(f"commons serve: {line}")
            if line.startswith(prefix):
                return line

    @staticmethod
    def seconds(line):
        """The time a `Built ...` or `Rebuilt: ...` line reports."""
        return float(re.search(r" in ([0-9.]+) s", line).group(1))

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)
