"""Producer/consumer hand-off of 1..N through queue.Queue(maxsize=1024) between two threads, ended by a
poison pill (None): the seeds' queue.Queue pattern.

approaches: py-queue. Answer: the sum of the items received.
"""
import queue
import threading

from bench_common import main

CAPACITY = 1024


def handoff(n):
    q = queue.Queue(maxsize=CAPACITY)
    total = [0]

    def producer():
        for i in range(1, n + 1):
            q.put(i)
        q.put(None)

    def consumer():
        s = 0
        while True:
            item = q.get()
            if item is None:
                break
            s += item
        total[0] = s

    threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total[0]


if __name__ == "__main__":
    main({"py-queue": handoff})
