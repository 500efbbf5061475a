#!/usr/bin/env python3
"""Latency and server CPU of each query of bench/serve_search.lua, one at a time.

wrk (bench/run.sh) gives the percentiles of the whole mix; this says which
queries make them. Start a server, then:

    build/whosaid serve --db build/bench-serve/news-1m.db --port 0 --quiet &
    bench/serve_per_query.py http://127.0.0.1:PORT --pid $! [--rounds 10]

Each query is sent once to warm up, then --rounds times over one keep-alive
connection. With --pid (the server's process id, Linux) the server's CPU time
per request is printed too: unlike the wall time, it hardly depends on what
else the machine is running.
"""
import argparse
import http.client
import os
import re
import statistics
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url")
    ap.add_argument("--pid", type=int, help="the server's process id: report its CPU time")
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    lua = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "serve_search.lua")).read()
    queries = re.findall(r'"((?:q|speaker|kind)=[^"]*)"', lua)
    hz = os.sysconf("SC_CLK_TCK")

    def cpu():
        if not args.pid:
            return 0.0
        fields = open(f"/proc/{args.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / hz  # utime + stime

    u = urllib.parse.urlsplit(args.url)
    conn = http.client.HTTPConnection(u.hostname, u.port)

    def get(q):
        conn.request("GET", f"/api/search?{q}")
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            raise SystemExit(f"{q}: HTTP {r.status}")

    rows = []
    for q in queries:
        get(q)
        walls = []
        c0 = cpu()
        for _ in range(args.rounds):
            t = time.perf_counter()
            get(q)
            walls.append((time.perf_counter() - t) * 1000)
        rows.append(((cpu() - c0) * 1000 / args.rounds, statistics.median(walls), max(walls), q))
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    for c, p50, worst, q in rows:
        print((f"cpu {c:6.1f} ms  " if args.pid else "") + f"wall p50 {p50:6.1f} ms  max {worst:6.1f} ms  {q}")
    if args.pid:
        print(f"mean server cpu per request: {statistics.mean(r[0] for r in rows):.1f} ms")
    print(f"mean wall p50: {statistics.mean(r[1] for r in rows):.1f} ms")


if __name__ == "__main__":
    main()
