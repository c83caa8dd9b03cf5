#!/usr/bin/env python3
"""kompass against nginx serving the very same bytes as static files.

Starts kompass (release build, bundled data) and nginx (Debian's, with the
brotli static module) on loopback. nginx serves, for each path below, the
body kompass sent, with the .br and .gz files kompass itself sent (best
level) beside it, and the same headers. wrk runs against both, path by
path, plain and with a browser's Accept-Encoding; the script prints each
ratio kompass/nginx (requests per second) and kompass's peak RSS.

Each path and coding is measured in --rounds rounds, nginx and kompass
taking turns; the best round of each counts (on a machine shared with other
work, the best round is the one least disturbed by it).

Usage: python3 bench/compare.py [--seconds 5] [--connections 64] [--rounds 3]
Installs wrk, nginx and libnginx-mod-http-brotli-static when missing.
"""

import argparse
import os
import shutil
import subprocess
import tempfile
import time

from common import (BROWSER_ACCEPT, Kompass, fetch, free_port, require_tools, say,
                    wait_for, wrk)

PATHS = [
    ("/", "index.html"),
    ("/kommun/1881", "kommun-1881.html"),
    ("/jamfor?kommun=1881,1444,0115", "jamfor.html"),
    ("/rankning", "rankning.html"),
    ("/api/v1/municipalities/1881", "municipality-1881.json"),
    ("/data/kompass.csv", "kompass.csv"),
]

# Headers nginx makes itself (or that describe the body it picks).
OWN = {"date", "content-length", "content-encoding", "etag", "connection",
       "transfer-encoding", "content-type", "server", "keep-alive", "vary"}


def best_body(base, path, coding):
    """The body kompass sends in `coding` once the background compression at
    the best level replaced the fast one (its tag changes), or None when it
    sends this path uncompressed."""
    body, headers = fetch(base + path, coding)
    if headers.get("Content-Encoding") != coding:
        return None
    first_tag = headers.get("ETag")
    deadline = time.time() + 60
    while time.time() < deadline:
        body, headers = fetch(base + path, coding)
        if headers.get("ETag") != first_tag:
            return body
        time.sleep(0.1)
    return body


def nginx_conf(root, port, locations):
    blocks = []
    for path, name, headers in locations:
        location = path.split("?")[0]
        lines = [f"        location = {location} {{", f"            try_files /{name} =404;"]
        for k, v in headers:
            lines.append(f"            add_header {k} \"{v}\" always;")
        lines.append("            add_header Vary \"Accept-Encoding\" always;")
        lines.append("        }")
        blocks.append("\n".join(lines))
    return f"""
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    types {{ text/html html; application/json json; text/csv csv; }}
    charset utf-8;
    charset_types application/json text/csv;
    gzip_static on;
    brotli_static on;
    server_tokens off;
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
{chr(10).join(blocks)}
    }}
}}
"""


def start_nginx(kompass):
    root = tempfile.mkdtemp(prefix="nginx-bench-")
    os.chmod(root, 0o755)  # nginx's workers run as an unprivileged user
    os.makedirs(f"{root}/www")
    locations = []
    for path, name in PATHS:
        body, headers = fetch(kompass.base + path)
        with open(f"{root}/www/{name}", "wb") as f:
            f.write(body)
        for coding, ext in (("br", "br"), ("gzip", "gz")):
            packed = best_body(kompass.base, path, coding)
            if packed is not None:
                with open(f"{root}/www/{name}.{ext}", "wb") as f:
                    f.write(packed)
        same = [(k, v.replace('"', '\\"')) for k, v in headers.items() if k.lower() not in OWN]
        locations.append((path, name, same))
    port = free_port()
    with open(f"{root}/nginx.conf", "w") as f:
        f.write(nginx_conf(root, port, locations))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-p", root, "-c", f"{root}/nginx.conf", "-g", "daemon off;"])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", timeout=20)
    except RuntimeError:
        proc.terminate()
        raise
    return proc, base, root


def check_same_bytes(kompass, nginx_base):
    for path, _ in PATHS:
        for coding in (None, "br"):
            a, ha = fetch(kompass.base + path, coding)
            b, hb = fetch(nginx_base + path, coding)
            same = "same bytes" if a == b else f"DIFFERENT ({len(a)} vs {len(b)} bytes)"
            say(f"  {path:34} {coding or 'identity':8} {same}, kompass {len(a)} B")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    require_tools(nginx=True)
    kompass = Kompass()
    nginx, nginx_base, root = None, None, None
    try:
        nginx, nginx_base, root = start_nginx(kompass)
        say("bodies compared (kompass against the files nginx serves):")
        check_same_bytes(kompass, nginx_base)
        say(f"\nwrk, {args.connections} connections, best of {args.rounds} runs of {args.seconds} s; "
            "ratio = kompass / nginx req/s")
        say(f"{'path':34} {'coding':8} {'nginx req/s':>12} {'kompass req/s':>14} {'ratio':>6}  errors")
        worst = None
        for mode, accept in (("plain", None), ("browser", BROWSER_ACCEPT)):
            for i, (path, _) in enumerate(PATHS):
                runs = {"nginx": [], "kompass": []}
                for round_ in range(args.rounds):
                    order = [("nginx", nginx_base), ("kompass", kompass.base)]
                    if (i + round_) % 2:
                        order.reverse()
                    for name, base in order:
                        wrk(base + path, 1, args.connections, accept)  # warm-up
                        runs[name].append(wrk(base + path, args.seconds, args.connections, accept))
                errors = sum(r.errors + r.timeouts + r.non2xx for r in runs["kompass"])
                runs = {name: max(rs, key=lambda r: r.rps) for name, rs in runs.items()}
                n, k = runs["nginx"], runs["kompass"]
                ratio = k.rps / n.rps if n.rps else float("nan")
                worst = ratio if worst is None else min(worst, ratio)
                say(f"{path:34} {mode:8} {n.rps:12.0f} {k.rps:14.0f} {ratio:6.2f}  {errors}")
        say(f"\nlowest ratio: {worst:.2f}")
        say(f"kompass peak RSS: {kompass.peak_rss_mb():.1f} MB")
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(timeout=10)
        if root:
            shutil.rmtree(root, ignore_errors=True)
        kompass.stop()


if __name__ == "__main__":
    main()
