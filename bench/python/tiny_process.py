"""Tiny tasks (x*x over range(N)) on a process pool, one task per item: the per-task transport cost.

approaches: py-pool-chunk1 (multiprocessing.Pool.map with chunksize=1), py-processes (ProcessPoolExecutor.map,
one future per item). Answer: sum of the squares. Each run includes starting and stopping the pool.
"""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from bench_common import main


def square(x):
    return x * x


def pool_chunk1(n):
    with multiprocessing.Pool() as pool:
        return sum(pool.map(square, range(n), chunksize=1))


def processes(n):
    with ProcessPoolExecutor() as executor:
        return sum(executor.map(square, range(n)))


if __name__ == "__main__":
    main({
        "py-pool-chunk1": pool_chunk1,
        "py-processes": processes,
    })
