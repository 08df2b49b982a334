# Seed 000: a producer process puts items on a multiprocessing.Queue, a consumer process gets them until
# the None the parent puts after joining the producer; run as a whole program. The seed prints every
# item; here the consumer adds them up and sends its total back on a second queue, which the parent prints.
# Usage: python3 process_queue.py N
import multiprocessing
import sys


def producer(queue, n):
    for i in range(n):
        queue.put(i)


def consumer(queue, results):
    count = total = 0
    while True:
        item = queue.get()
        if item is None:
            break
        count += 1
        total += item
    results.put((count, total))


if __name__ == '__main__':
    n = int(sys.argv[1])
    queue = multiprocessing.Queue()
    results = multiprocessing.Queue()
    producer_process = multiprocessing.Process(target=producer, args=(queue, n))
    consumer_process = multiprocessing.Process(target=consumer, args=(queue, results))
    producer_process.start()
    consumer_process.start()
    producer_process.join()
    queue.put(None)
    count, total = results.get()
    consumer_process.join()
    print(f"Consumed {count} items, sum {total}")
