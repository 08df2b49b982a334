# Seed 003: asyncio.gather of many tasks that each sleep 100 ms, run as a whole program.
# Usage: python3 gather_sleeps.py TASKS
import asyncio
import sys


async def task(i):
    await asyncio.sleep(0.1)
    return i


async def main(n):
    results = await asyncio.gather(*[task(i) for i in range(n)])
    print(f"{len(results)} tasks, sum {sum(results)}")


asyncio.run(main(int(sys.argv[1])))
