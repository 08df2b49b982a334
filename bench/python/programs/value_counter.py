# Seed 004: multiprocessing.Value('i') incremented under get_lock() by 4 processes, run as a whole
# program. The seed sleeps 10 ms after each of 100 increments; here each process does N increments
# without sleeping, so the lock and the shared memory are what is measured.
# Usage: python3 value_counter.py N
from multiprocessing import Process, Value
import sys


def increment(counter, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


if __name__ == '__main__':
    n = int(sys.argv[1])
    counter = Value('i', 0)
    processes = [Process(target=increment, args=(counter, n)) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print(f"Final counter value: {counter.value}")
