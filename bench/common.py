"""Shared by the bench scripts: tools (installed when missing), the release
build, a kompass server on a fresh database, wrk runs and peak RSS.

Only loopback addresses are used; every load run is bounded in time.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BROWSER_ACCEPT = "gzip, deflate, br, zstd"


def say(*args):
    print(*args, flush=True)


def apt_install(*packages):
    cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], stdout=subprocess.DEVNULL, check=True)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)


def require_tools(nginx=False):
    """wrk (and nginx with the brotli static module) from Debian, when missing."""
    if not shutil.which("wrk"):
        apt_install("wrk")
    if nginx:
        module = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
        if not shutil.which("nginx") and not os.path.exists("/usr/sbin/nginx"):
            apt_install("nginx-light")
        if not os.path.exists(module):
            apt_install("libnginx-mod-http-brotli-static")


def kompass_binary():
    """The release build, built when missing or older than the sources; or
    the binary `KOMPASS_BIN` names (to compare two builds in one session)."""
    if os.environ.get("KOMPASS_BIN"):
        return os.environ["KOMPASS_BIN"]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "kompass")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=60, alive=None):
    """Waits for `url` to answer; gives up at once if the process `alive`
    ended (say, its start-up import refused the data)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if alive is not None and alive.poll() is not None:
            raise RuntimeError(f"the server ended (exit {alive.returncode}) before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class Kompass:
    """`kompass serve` on a database of its own (imported from `data`)."""

    def __init__(self, data=None, db=None, extra=(), start_timeout=60, env=None):
        self.dir = tempfile.mkdtemp(prefix="kompass-bench-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.db = db or os.path.join(self.dir, "kompass.db")
        args = [kompass_binary(), "serve", "--addr", f"127.0.0.1:{self.port}",
                "--db", self.db, "--data", data or os.path.join(ROOT, "data-import"),
                "--public-url", self.base, *extra]
        self.log_path = os.path.join(self.dir, "serve.log")
        self.log = open(self.log_path, "w")
        self.started = time.time()
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **(env or {})})
        wait_for(self.base + "/om", timeout=start_timeout, alive=self.proc)

    def peak_rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def reset_peak(self):
        """Starts the kernel's peak RSS (VmHWM) afresh: what is measured
        after is from now on (needs the right to write clear_refs)."""
        try:
            with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
                f.write("5")
            return True
        except OSError:
            return False

    def import_peak_mb(self):
        """The start-up import's own peak RSS, as its process logged it
        (with RUST_LOG=info), or NaN."""
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            text = re.sub(r"\x1b\[[0-9;]*m", "", f.read())
            m = re.search(r"peak_rss_mb=(\d+)", text)
        return float(m.group(1)) if m else float("nan")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def fetch(url, accept_encoding=None):
    req = urllib.request.Request(url)
    if accept_encoding:
        req.add_header("Accept-Encoding", accept_encoding)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read(), r.headers


class WrkResult:
    def __init__(self, text):
        self.text = text
        self.rps = self._number(r"Requests/sec:\s+([\d.]+)")
        self.errors = 0
        m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
        self.timeouts = int(m.group(4)) if m else 0
        if m:
            self.errors += sum(int(m.group(i)) for i in (1, 2, 3))
        m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        self.non2xx = int(m.group(1)) if m else 0
        self.p99 = self._latency("99%")
        self.bytes_per_sec = self._transfer()

    def _number(self, pattern):
        m = re.search(pattern, self.text)
        return float(m.group(1)) if m else 0.0

    def _latency(self, pct):
        m = re.search(rf"^\s+{re.escape(pct)}\s+([\d.]+)(us|ms|s)\s*$", self.text, re.M)
        if not m:
            return None
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
        return float(m.group(1)) * scale

    def _transfer(self):
        m = re.search(r"Transfer/sec:\s+([\d.]+)([KMG]?B)", self.text)
        if not m:
            return 0.0
        scale = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[m.group(2)]
        return float(m.group(1)) * scale


def wrk(url, seconds, connections, accept_encoding=None, script=None, threads=2):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if accept_encoding:
        cmd += ["-H", f"Accept-Encoding: {accept_encoding}"]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    return WrkResult(out.stdout + out.stderr)


def main_guard(fn):
    try:
        fn()
    except KeyboardInterrupt:
        sys.exit(130)
