#!/usr/bin/env python3
"""Soak: wrk for 60 s at 256 connections with a browser's Accept-Encoding
on a mix of pages, charts, API and CSV (bench/mix.lua), against the release
build on the bundled data. Reports requests, errors, time-outs, non-2xx/3xx
answers, p99 latency and kompass's peak RSS, against the targets: 0 errors,
0 time-outs, peak RSS <= 128 MB.

Usage: python3 bench/soak.py [--seconds 60] [--connections 256]
"""

import argparse
import os

from common import Kompass, require_tools, say, wrk

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--connections", type=int, default=256)
    args = ap.parse_args()
    require_tools()
    kompass = Kompass()
    try:
        r = wrk(kompass.base + "/", args.seconds, args.connections,
                script=os.path.join(HERE, "mix.lua"))
        say(r.text)
        peak = kompass.peak_rss_mb()
        alive = kompass.proc.poll() is None
        say(f"requests/s {r.rps:.0f}, errors {r.errors}, time-outs {r.timeouts}, "
            f"non-2xx/3xx {r.non2xx}, p99 {r.p99} ms, peak RSS {peak:.1f} MB, "
            f"server {'running' if alive else 'DIED'}")
        ok = r.errors == 0 and r.timeouts == 0 and peak <= 128 and alive
        say("soak: " + ("within the targets" if ok else "OUTSIDE the targets"))
    finally:
        kompass.stop()


if __name__ == "__main__":
    main()
