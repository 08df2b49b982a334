"""Producer/consumer hand-off of 1..N between two processes through a multiprocessing.Queue (seed 000),
with both processes started before the timed runs: each run, the producer puts 1..N then None, the
consumer adds up until None and reports the sum on a second queue.

approaches: py-mp-queue. Answer: the sum of the items received.
"""
import multiprocessing

from bench_common import main


def producer(q, go):
    while True:
        n = go.get()
        if n is None:
            return
        for i in range(1, n + 1):
            q.put(i)
        q.put(None)


def consumer(q, results):
    while True:
        total = 0
        while True:
            item = q.get()
            if item is None:
                break
            total += item
        results.put(total)


if __name__ == "__main__":
    items, go, results = multiprocessing.Queue(), multiprocessing.Queue(), multiprocessing.Queue()
    processes = [multiprocessing.Process(target=producer, args=(items, go), daemon=True),
                 multiprocessing.Process(target=consumer, args=(items, results), daemon=True)]
    for p in processes:
        p.start()

    def handoff(n):
        go.put(n)
        return results.get()

    try:
        main({"py-mp-queue": handoff})
    finally:
        go.put(None)
