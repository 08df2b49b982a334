"""Fetch N documents from the bench's local latency server, then run a CPU-bound regex on each: seed 001.

The server (started by the Java harness, its URL in $TANDEM_BENCH_URL) answers GET /doc/I after a
fixed latency with ~128 KB of HTML-like text. get_from fetches a document and finds every match of
META (the Java side's LatencyServer.META_REGEX, an attribute followed by a numeric content attribute;
the seed's "something that looks like a meta tag"). Answer: "M matches, sum S" over all documents.

approaches:
  py-sequential  get_from in a loop
  py-threads     ThreadPoolExecutor(max_workers=64).map(get_from): the fetches overlap, the regex is
                 serialised by the GIL. 64 as in download.py: sized for requests in flight, not cores.
  py-pool        multiprocessing.Pool().map(get_from, urls): seed 001 exactly
  py-asyncio     asyncio streams fetch every document at once; each page goes to a
                 ProcessPoolExecutor (one worker per core) through loop.run_in_executor for the regex
"""
import asyncio
import multiprocessing
import os
import re
import urllib.parse
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from bench_common import main

THREAD_WORKERS = 64
META = re.compile(r'(\w+)="[^"]*"\s+content="(\d+)"')


def urls(n):
    base = os.environ["TANDEM_BENCH_URL"]
    return [base + "doc/%d" % i for i in range(n)]


def parse(text):
    matches = total = 0
    for m in META.finditer(text):
        matches += 1
        total += int(m.group(2))
    return matches, total


def get_from(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return parse(r.read().decode("ascii"))


def answer(results):
    return "%d matches, sum %d" % (sum(m for m, _ in results), sum(s for _, s in results))


def sequential(n):
    return answer([get_from(u) for u in urls(n)])


def threads(n):
    with ThreadPoolExecutor(max_workers=THREAD_WORKERS) as ex:
        return answer(list(ex.map(get_from, urls(n))))


def pool(n):
    with multiprocessing.Pool() as p:
        return answer(p.map(get_from, urls(n)))


async def fetch(url):
    u = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    try:
        writer.write(("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (u.path, u.netloc)).encode())
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        status = head.split("\r\n", 1)[0]
        if " 200 " not in status + " ":
            raise IOError("GET %s: %s" % (url, status))
        length = re.search(r"\r\ncontent-length: *(\d+)", head)
        if length is None:
            raise IOError("GET %s: no content-length" % url)
        body = await reader.readexactly(int(length.group(1)))
    finally:
        writer.close()
        await writer.wait_closed()
    return body.decode("ascii")



async def fetch_and_parse(loop, ex, url):
    return await loop.run_in_executor(ex, parse, await fetch(url))


async def gather_all(n):
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor() as ex:
        return answer(await asyncio.gather(*(fetch_and_parse(loop, ex, u) for u in urls(n))))


def asyncio_processes(n):
    return asyncio.run(gather_all(n))


if __name__ == "__main__":
    main({
        "py-sequential": sequential,
        "py-threads": threads,
        "py-pool": pool,
        "py-asyncio": asyncio_processes,
    })
