#!/usr/bin/env python3
"""Python stdlib baselines for FetchBench: fetch N URLs (BASE + i) with a pool of C threads.

Modes:
  threads-urllib     ThreadPoolExecutor(C) + urllib.request.urlopen (a new connection per request)
  threads-keepalive  ThreadPoolExecutor(C) + one persistent http.client.HTTPConnection per thread

Usage: fetch_many.py MODE BASE N C       prints "seconds <t> ok <k>"
"""
import http.client
import sys
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def fetch_urllib(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        return r.status == 200


_local = threading.local()


def fetch_keepalive(url):
    u = urllib.parse.urlsplit(url)
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    try:
        conn.request("GET", u.path)
        r = conn.getresponse()
        r.read()
        return r.status == 200
    except (http.client.HTTPException, OSError):
        conn.close()
        _local.conn = None
        return False


def main():
    mode, base, n, c = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    fn = {"threads-urllib": fetch_urllib, "threads-keepalive": fetch_keepalive}[mode]
    urls = [base + str(i) for i in range(n)]
    with ThreadPoolExecutor(max_workers=c) as pool:
        list(pool.map(fn, urls[: min(n, c)]))  # warm-up: start the threads (and connections)
        t0 = time.perf_counter()
        ok = sum(pool.map(fn, urls))
        t = time.perf_counter() - t0
    print(f"seconds {t:.3f} ok {ok}")


if __name__ == "__main__":
    main()
