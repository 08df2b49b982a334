"""Download N pages from the bench's local latency server: seeds 000/001/004's urllib downloads.

The server (started by the Java harness, its URL in $TANDEM_BENCH_URL) answers GET /page/I after a
fixed latency with a 2-4 KB page whose first line is "value=V". Answer: the sum over all pages of
their size in bytes plus V, as the Java models compute it.

approaches:
  py-sequential  urllib.request.urlopen in a loop
  py-threads     ThreadPoolExecutor(max_workers=64) + urllib. 64, not the default min(32, cores + 4)
                 (6 on 2 cores): an I/O-bound pool is sized by the requests worth having in flight,
                 not by cores, and 64 is the overall limit of the Java `fetch` model, so both bound
                 the concurrency the same way.
  py-asyncio     asyncio streams, one raw HTTP/1.1 GET per page (Content-Length framed; the client closes), all
                 pages gathered at once: the seed's aiohttp + asyncio.gather with the stdlib only
  py-pool        multiprocessing.Pool().map(get_from, urls), seed 001 (one worker per core)
"""
import asyncio
import multiprocessing
import os
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from bench_common import main

THREAD_WORKERS = 64


def urls(n):
    base = os.environ["TANDEM_BENCH_URL"]
    return [base + "page/%d" % i for i in range(n)]


def checksum(body):
    """Size in bytes plus the number on the first line ("value=V")."""
    first = body[:body.index(b"\n")]
    if not first.startswith(b"value="):
        raise ValueError("not a page: %r" % body[:40])
    return len(body) + int(first[len(b"value="):])


def get_from(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return checksum(r.read())


def sequential(n):
    return sum(get_from(u) for u in urls(n))


def threads(n):
    with ThreadPoolExecutor(max_workers=THREAD_WORKERS) as ex:
        return sum(ex.map(get_from, urls(n)))


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
    return checksum(body)



async def gather_all(n):
    return sum(await asyncio.gather(*(fetch(u) for u in urls(n))))


def asyncio_streams(n):
    return asyncio.run(gather_all(n))


def pool(n):
    with multiprocessing.Pool() as p:
        return sum(p.map(get_from, urls(n)))


if __name__ == "__main__":
    main({
        "py-sequential": sequential,
        "py-threads": threads,
        "py-asyncio": asyncio_streams,
        "py-pool": pool,
    })
