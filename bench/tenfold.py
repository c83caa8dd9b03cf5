#!/usr/bin/env python3
"""kompass at ten times the data: 2,900 synthetic evaluations, the bundled
Kumla 2020 file under each of the 290 municipality codes for each of ten
years (2011-2020), against the bundled data (1x) in the same run.

Measures, for each: the time from starting `kompass serve` (on a database
already imported) to its first answer to `/`, with its parts (the start-up
import finding nothing changed, reading the data, deriving the snapshot);
requests and bytes per second
on /rankning and /kommun/1881 (browser Accept-Encoding, 64 connections);
and the serving process's peak RSS from its first answer on, under load
(these and a mixed load), both for a `serve` that imported the data itself
at start-up (in a process of its own, whose peak is printed beside it) and
for one started on the database that first one imported. Prints the
10x/1x ratios.

Usage: python3 bench/tenfold.py [--seconds 5]
"""

import argparse
import csv
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

from common import BROWSER_ACCEPT, ROOT, Kompass, free_port, kompass_binary, require_tools, say, wrk

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS = range(2011, 2021)


def make_tenfold(target):
    """A copy of data-import whose evaluations are the Kumla file, 290 x 10."""
    source = os.path.join(ROOT, "data-import")
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("evaluations"))
    os.makedirs(os.path.join(target, "evaluations"))
    with open(os.path.join(source, "evaluations", "1881-kumla-2020.toml"), encoding="utf-8") as f:
        kumla = f.read()
    kumla = re.sub(r'^municipality_name = .*\n', "", kumla, flags=re.M)
    kumla = re.sub(r'^evaluation_number = .*\n', "", kumla, flags=re.M)
    # A change the source states holds for Kumla's own years only.
    kumla = re.sub(r'^\[\[stated_changes\]\]\n(?:[^\[\n].*\n)*\n?', "", kumla, flags=re.M)
    with open(os.path.join(source, "municipalities.csv"), encoding="utf-8") as f:
        codes = [row["code"] for row in csv.DictReader(f)]
    for code in codes:
        for year in YEARS:
            text = re.sub(r'^municipality = .*$', f'municipality = "{code}"', kumla, count=1, flags=re.M)
            text = re.sub(r'^year = .*$', f"year = {year}", text, count=1, flags=re.M)
            text = re.sub(r'^published = .*$', f"published = {year + 1}-05-10", text, count=1, flags=re.M)
            with open(os.path.join(target, "evaluations", f"{code}-x-{year}.toml"), "w", encoding="utf-8") as f:
                f.write(text)
    return len(codes) * len(YEARS)


def first_response_ms(db, data):
    """Milliseconds from starting `kompass serve` to its first 200 on /, and
    the load's own two parts as the server logs them: reading the data
    version from the database and deriving the snapshot (ms each)."""
    port = free_port()
    binary = kompass_binary()
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen([binary, "serve", "--addr", f"127.0.0.1:{port}", "--db", db,
                             "--data", data, "--public-url", f"http://127.0.0.1:{port}"],
                            stdout=log, stderr=log,
                            env={**os.environ, "RUST_LOG": "warn,kompass=info"})
    try:
        deadline = started + 120
        answered = float("nan")
        while time.perf_counter() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    r.read()
                    answered = (time.perf_counter() - started) * 1000
                    break
            except OSError:
                time.sleep(0.002)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    log.seek(0)
    text = re.sub(r"\x1b\[[0-9;]*m", "", log.read().decode("utf-8", "replace"))
    log.close()
    parts = [re.search(rf"{k}=(\d+)", text) for k in ("read_ms", "derive_ms")]
    read_ms, derive_ms = (float(m.group(1)) if m else float("nan") for m in parts)
    return answered, read_ms, derive_ms


def unchanged_import_ms(db, data):
    """Milliseconds the start-up import takes to find nothing changed (its
    process, `kompass sync-bundle`, as `serve` runs it first)."""
    started = time.perf_counter()
    subprocess.run([kompass_binary(), "sync-bundle", "--db", db, "--data", data],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=True)
    return (time.perf_counter() - started) * 1000


def measure(label, data, seconds):
    # The first server imports the data into a new database; its peak is
    # the import's. The load runs against a second one started on that
    # database, as a restart or a replica is: the memory serving takes.
    first = Kompass(data=data, start_timeout=900, env={"RUST_LOG": "warn,kompass=info"})
    import_peak = first.import_peak_mb()
    try:
        first.reset_peak()
        for path in ("/rankning", "/kommun/1881"):
            wrk(first.base + path, seconds, 64, BROWSER_ACCEPT)
        wrk(first.base + "/", seconds * 2, 64, script=os.path.join(HERE, "mix.lua"))
        self_import_peak = first.peak_rss_mb()
        keep = tempfile.mkdtemp(prefix="kompass-tenfold-db-")
        db = os.path.join(keep, "kompass.db")
        shutil.copy(first.db, db)
    finally:
        first.stop()
    k = Kompass(data=data, db=db, start_timeout=900)
    try:
        k.reset_peak()
        results = {}
        for path in ("/rankning", "/kommun/1881"):
            wrk(k.base + path, 1, 64, BROWSER_ACCEPT)
            results[path] = wrk(k.base + path, seconds, 64, BROWSER_ACCEPT)
        mix = wrk(k.base + "/", seconds * 2, 64, script=os.path.join(HERE, "mix.lua"))
        peak = k.peak_rss_mb()
    finally:
        k.stop()
    starts = sorted(first_response_ms(db, data) for _ in range(3))
    checks = sorted(unchanged_import_ms(db, data) for _ in range(3))
    shutil.rmtree(keep, ignore_errors=True)
    _, read_ms, derive_ms = starts[1]
    say(f"{label}: first response {starts[1][0]:.0f} ms (median of 3): the start-up import "
        f"finding nothing changed {checks[1]:.0f} ms, reading the data {read_ms:.0f} ms, "
        f"deriving the snapshot {derive_ms:.0f} ms, the rest (process starts, the first page)")
    say(f"{label}: peak RSS under load "
        f"{peak:.1f} MB; a serve that imported the data itself: {self_import_peak:.1f} MB "
        f"(its import process: {import_peak:.1f} MB); mix {mix.rps:.0f} req/s, "
        f"errors {mix.errors + mix.timeouts}")
    return results, starts[1][0], max(peak, self_import_peak)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=5)
    args = ap.parse_args()
    require_tools()
    work = tempfile.mkdtemp(prefix="kompass-tenfold-")
    try:
        data = os.path.join(work, "data-import")
        n = make_tenfold(data)
        say(f"10x data: {n} evaluations in {data}")
        one, one_start, one_peak = measure("1x", os.path.join(ROOT, "data-import"), args.seconds)
        ten, ten_start, ten_peak = measure("10x", data, args.seconds)
        say(f"\n{'path':14} {'1x req/s':>9} {'10x req/s':>10} {'1x MB/s':>8} {'10x MB/s':>9} {'bytes/s 10x/1x':>15}")
        for path in ("/rankning", "/kommun/1881"):
            a, b = one[path], ten[path]
            ratio = b.bytes_per_sec / a.bytes_per_sec if a.bytes_per_sec else float("nan")
            say(f"{path:14} {a.rps:9.0f} {b.rps:10.0f} {a.bytes_per_sec/1e6:8.1f} "
                f"{b.bytes_per_sec/1e6:9.1f} {ratio:15.2f}")
        say(f"first response: 1x {one_start:.0f} ms, 10x {ten_start:.0f} ms (target <= 200 ms)")
        say(f"serving process's peak RSS under load (the larger of the two servers): "
            f"1x {one_peak:.1f} MB, 10x {ten_peak:.1f} MB (target <= 128 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
