#!/usr/bin/env python3
"""Flood: what a crowd of new chart addresses and of large uploads does to
kompass (issue 24), against the release build on the bundled data.

1. A reader of uncached pages alone (a comparison of a random pair of
   municipalities: a new address each time), as the reference.
2. The same reader while wrk asks for a new PNG chart address at 64
   connections for 60 s (random municipality, chart and ?bredd=): the
   reader's p99 and its 503s, kompass's peak RSS during the flood, and its
   RSS 10 s after it.
3. Eight concurrent uploads of a 19 MB report text to /bidra: the peak RSS
   while they are read and checked, and the RSS 10 s after.

Prints the figures and the ratios against the reference, and the targets:
reader p99 <= 500 ms and no 503; peak RSS <= 256 MB, and <= 128 MB 10 s
after; uploads peak <= 256 MB. Every loop is bounded in time; only
127.0.0.1 is used.

Usage: python3 bench/flood.py [--seconds 60] [--connections 64]
"""

import argparse
import csv
import http.client
import os
import random
import tempfile
import threading
import time

from common import ROOT, Kompass, require_tools, say, wrk

CHARTS = ("omraden", "utveckling")


def codes():
    with open(os.path.join(ROOT, "data-import", "municipalities.csv"), encoding="utf-8") as f:
        return [row["code"] for row in csv.DictReader(f)]


def flood_script(all_codes):
    """A wrk script asking for a new PNG address each time."""
    listed = ", ".join(f'"{c}"' for c in all_codes)
    text = f"""
local codes = {{ {listed} }}
local charts = {{ "omraden", "utveckling" }}
init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
request = function()
  local a = codes[math.random(#codes)]
  local w = math.random(600, 2400)
  if math.random() < 0.5 then
    local chart = charts[math.random(#charts)]
    return wrk.format("GET", "/kommun/" .. a .. "/diagram/" .. chart .. ".png?bredd=" .. w)
  end
  local b = codes[math.random(#codes)]
  return wrk.format("GET", "/jamfor/diagram.png?kommun=" .. a .. "," .. b .. "&bredd=" .. w)
end
"""
    f = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    f.write(text)
    f.close()
    return f.name


class Reader(threading.Thread):
    """Asks for uncached pages one after another until told to stop (at most
    `limit` seconds): each answer's status and time."""

    def __init__(self, port, all_codes, limit):
        super().__init__(daemon=True)
        self.port, self.codes, self.limit = port, all_codes, limit
        self.times, self.statuses = [], []
        self.stop = threading.Event()

    def run(self):
        rng = random.Random(7)
        ends = time.time() + self.limit
        while not self.stop.is_set() and time.time() < ends:
            a, b = rng.sample(self.codes, 2)
            path = f"/jamfor?kommun={a},{b}"
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
                res = conn.getresponse()
                res.read()
                status = res.status
                conn.close()
            except OSError:
                status = 0
            self.times.append((time.perf_counter() - started) * 1000)
            self.statuses.append(status)
            time.sleep(0.05)

    def p99(self):
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]

    def count(self, status):
        return sum(1 for s in self.statuses if s == status)


def read_pages(k, all_codes, seconds):
    reader = Reader(k.port, all_codes, seconds + 30)
    reader.start()
    time.sleep(seconds)
    reader.stop.set()
    reader.join(timeout=60)
    return reader


class Sampler(threading.Thread):
    """kompass's RSS every 0.2 s, until stopped (at most `limit` seconds)."""

    def __init__(self, k, limit):
        super().__init__(daemon=True)
        self.k, self.limit, self.peak = k, limit, 0.0
        self.stop = threading.Event()

    def run(self):
        ends = time.time() + self.limit
        while not self.stop.is_set() and time.time() < ends:
            self.peak = max(self.peak, self.k.rss_mb())
            time.sleep(0.2)


def report_text(size):
    with open(os.path.join(ROOT, "tests", "fixtures", "reports", "kumla-2020.txt"), encoding="utf-8") as f:
        text = f.read()
    return (text * (size // len(text.encode()) + 1)).encode()[:size]


def upload(port, body, boundary, client, results):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        conn.request("POST", "/bidra", body=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            # Eight clients behind the trusted proxy (this machine).
            "X-Forwarded-For": client})
        res = conn.getresponse()
        res.read()
        results.append(res.status)
        conn.close()
    except OSError as e:
        results.append(str(e))


def uploads(k, count, size):
    boundary = "kompass-flood-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"rapport\"; "
            f"filename=\"stor.txt\"\r\n\r\n").encode() + report_text(size) + \
        f"\r\n--{boundary}--\r\n".encode()
    results = []
    threads = [threading.Thread(target=upload, args=(k.port, body, boundary, f"203.0.113.{i + 1}",
                                                     results), daemon=True)
               for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--connections", type=int, default=64)
    args = ap.parse_args()
    require_tools()
    all_codes = codes()
    script = flood_script(all_codes)
    k = Kompass(extra=("--trusted-proxy", "127.0.0.1"))
    try:
        start_rss = k.rss_mb()
        alone = read_pages(k, all_codes, 15)
        say(f"reader alone: {len(alone.times)} pages, p99 {alone.p99():.0f} ms, "
            f"503s {alone.count(503)}; RSS {start_rss:.1f} MB")

        k.reset_peak()
        sampler = Sampler(k, args.seconds + 60)
        sampler.start()
        reader = Reader(k.port, all_codes, args.seconds + 30)
        reader.start()
        flood = wrk(k.base + "/", args.seconds, args.connections, script=script)
        reader.stop.set()
        reader.join(timeout=60)
        sampler.stop.set()
        sampler.join(timeout=10)
        flood_peak = max(sampler.peak, k.peak_rss_mb())
        time.sleep(10)
        after = k.rss_mb()
        say(f"flood: {flood.rps:.0f} req/s, non-2xx/3xx {flood.non2xx}, "
            f"errors {flood.errors}, time-outs {flood.timeouts}")
        say(f"reader during the flood: {len(reader.times)} pages, p99 {reader.p99():.0f} ms "
            f"({reader.p99() / alone.p99():.1f}x alone), 503s {reader.count(503)}, "
            f"other failures {sum(1 for s in reader.statuses if s != 200 and s != 503)}")
        say(f"RSS: peak during the flood {flood_peak:.1f} MB, 10 s after {after:.1f} MB "
            f"(at start {start_rss:.1f} MB)")

        k.reset_peak()
        sampler = Sampler(k, 400)
        sampler.start()
        statuses = uploads(k, 8, 19 * 1024 * 1024)
        sampler.stop.set()
        sampler.join(timeout=10)
        upload_peak = max(sampler.peak, k.peak_rss_mb())
        time.sleep(10)
        upload_after = k.rss_mb()
        say(f"eight 19 MB uploads: answers {sorted(map(str, statuses))}; peak RSS "
            f"{upload_peak:.1f} MB, 10 s after {upload_after:.1f} MB")

        ok = (reader.p99() <= 500 and reader.count(503) == 0 and flood_peak <= 256
              and after <= 128 and upload_peak <= 256 and k.proc.poll() is None)
        say("flood: " + ("within the targets" if ok else "OUTSIDE the targets"))
    finally:
        k.stop()
        os.unlink(script)


if __name__ == "__main__":
    main()
