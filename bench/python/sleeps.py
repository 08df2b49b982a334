"""N concurrent 100 ms sleeps: the seeds' asyncio.gather of asyncio.sleep.

approaches: py-asyncio. Answer: the number of sleeps that completed.
"""
import asyncio

from bench_common import main


async def sleeper():
    await asyncio.sleep(0.1)
    return 1


async def gather_all(n):
    results = await asyncio.gather(*(sleeper() for _ in range(n)))
    return sum(results)


def run_asyncio(n):
    return asyncio.run(gather_all(n))


if __name__ == "__main__":
    main({"py-asyncio": run_asyncio})
