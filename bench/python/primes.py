"""Primes below N in 8 ranges: the seed's is_prime/find_primes with ProcessPoolExecutor.

The seed maps a lambda, which a process pool cannot pickle; this port maps a module-level function
instead. Answer: the sum of the primes below N.
approaches: py-sequential, py-threads (ThreadPoolExecutor: the GIL), py-pool (multiprocessing.Pool.map),
py-processes (ProcessPoolExecutor.map)
"""
import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from bench_common import main

RANGES = 8


def is_prime(n):
    if n < 2:
        return False
    for i in range(2, int(math.sqrt(n)) + 1):
        if n % i == 0:
            return False
    return True


def find_primes(bounds):
    start, end = bounds
    return sum(n for n in range(start, end) if is_prime(n))


def ranges(n):
    return [(n * i // RANGES, n * (i + 1) // RANGES) for i in range(RANGES)]


def sequential(n):
    return sum(find_primes(r) for r in ranges(n))


def threads(n):
    with ThreadPoolExecutor() as executor:
        return sum(executor.map(find_primes, ranges(n)))


def pool(n):
    with multiprocessing.Pool() as p:
        return sum(p.map(find_primes, ranges(n)))


def processes(n):
    with ProcessPoolExecutor() as executor:
        return sum(executor.map(find_primes, ranges(n)))


if __name__ == "__main__":
    main({
        "py-sequential": sequential,
        "py-threads": threads,
        "py-pool": pool,
        "py-processes": processes,
    })
