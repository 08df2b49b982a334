"""n! for 16 numbers spread up to N: seed 000's calculate_factorial without its time.sleep.

The seed runs one thread per number; this port runs the seed's multiply loop under each executor, one
task per number. Each task returns n! mod 1_000_000_007 (a few bytes back, not n!), and the answer is
their sum. The multiplications run in C holding the GIL, so py-threads runs them one at a time.
approaches: py-sequential, py-threads (ThreadPoolExecutor), py-pool (multiprocessing.Pool.map),
py-processes (ProcessPoolExecutor.map)
"""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from bench_common import main

NUMBERS = 16
MOD = 1_000_000_007


def calculate_factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result % MOD


def numbers(size):
    return [size * (k + 1) // NUMBERS for k in range(NUMBERS)]


def sequential(size):
    return sum(calculate_factorial(n) for n in numbers(size))


def threads(size):
    with ThreadPoolExecutor() as executor:
        return sum(executor.map(calculate_factorial, numbers(size)))


def pool(size):
    with multiprocessing.Pool() as p:
        return sum(p.map(calculate_factorial, numbers(size), chunksize=1))


def processes(size):
    with ProcessPoolExecutor() as executor:
        return sum(executor.map(calculate_factorial, numbers(size)))


if __name__ == "__main__":
    main({
        "py-sequential": sequential,
        "py-threads": threads,
        "py-pool": pool,
        "py-processes": processes,
    })
