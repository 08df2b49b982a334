# Seed 003: 10 threads, each adding one to a global value N times under a threading.Lock, run as a
# whole program. Usage: python3 lock_counter.py N    (the seed's N is 1000000)
import sys
import threading

value = 0
value_lock = threading.Lock()


def task(n):
    global value
    for i in range(n):
        with value_lock:
            plus_one = value + 1
            value = plus_one


n = int(sys.argv[1])
threads = []
for i in range(10):
    thread = threading.Thread(target=task, args=(n,))
    threads.append(thread)
    thread.start()
for thread in threads:
    thread.join()
print(f"Value: {value}")
