# Seed 001: asyncio.gather of one GET per URL, run as a whole program. The seed uses aiohttp; stdlib
# only here, so each GET is an HTTP/1.1 request on asyncio streams.
# Usage: python3 asyncio_fetch.py N BASE_URL    (fetches BASE_URL/page/0 .. page/N-1)
import asyncio
import re
import sys
import urllib.parse


async def get_from(url):
    u = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    try:
        writer.write(f"GET {u.path} HTTP/1.1\r\nHost: {u.netloc}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        if " 200 " not in head.split("\r\n", 1)[0] + " ":
            raise IOError(f"GET {url}: {head.splitlines()[0]}")
        length = int(re.search(r"\r\ncontent-length: *(\d+)", head).group(1))
        return await reader.readexactly(length)
    finally:
        writer.close()
        await writer.wait_closed()


async def main(n, base):
    urls = [f"{base}page/{i}" for i in range(n)]
    datas = await asyncio.gather(*[get_from(u) for u in urls])
    print(f"{len(datas)} pages, {sum(len(d) for d in datas)} bytes")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
