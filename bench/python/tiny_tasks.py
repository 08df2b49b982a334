"""Tiny tasks (x*x over range(N)): the seeds' ThreadPoolExecutor and multiprocessing.Pool approaches.

map approaches: py-sequential, py-threads (ThreadPoolExecutor.map), py-pool (multiprocessing.Pool.map)
submit approaches: py-threads-submit (one submit per item, then result() of each)
Answer: sum of the squares.
"""
import multiprocessing
from concurrent.futures import ThreadPoolExecutor

from bench_common import main


def square(x):
    return x * x


def sequential(n):
    return sum([square(x) for x in range(n)])


def threads_map(n):
    with ThreadPoolExecutor() as executor:
        return sum(executor.map(square, range(n)))


def pool_map(n):
    with multiprocessing.Pool() as pool:
        return sum(pool.map(square, range(n)))


def threads_submit(n):
    with ThreadPoolExecutor() as executor:
        futures = [executor.submit(square, x) for x in range(n)]
        return sum(f.result() for f in futures)


if __name__ == "__main__":
    main({
        "py-sequential": sequential,
        "py-threads": threads_map,
        "py-pool": pool_map,
        "py-threads-submit": threads_submit,
    })
