"""Shared counter, seed 003/004: 4 workers each add 1, N/4 times in all, under a lock.

approaches: py-lock (4 threads, seed 004's Counter with threading.Lock), py-value (4 Processes,
multiprocessing.Value('q') with `with counter.get_lock(): counter.value += 1`). Answer: the final count.
"""
import multiprocessing
import threading

from bench_common import main

PARTIES = 4


def shares(n):
    return [n // PARTIES + (1 if i < n % PARTIES else 0) for i in range(PARTIES)]


class Counter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def increment(self):
        with self.lock:
            self.count += 1


def thread_worker(counter, times):
    for _ in range(times):
        counter.increment()


def lock_counter(n):
    counter = Counter()
    threads = [threading.Thread(target=thread_worker, args=(counter, k)) for k in shares(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter.count


def value_worker(counter, times):
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def value_counter(n):
    counter = multiprocessing.Value('q', 0)
    processes = [multiprocessing.Process(target=value_worker, args=(counter, k)) for k in shares(n)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter.value


if __name__ == "__main__":
    main({
        "py-lock": lock_counter,
        "py-value": value_counter,
    })
