# Seed 004: the ProcessPoolExecutor prime finder (4 ranges), run as a whole program.
# Usage: python3 process_primes.py LIMIT    (the seed's LIMIT is 100000)
# The seed maps a lambda, which ProcessPoolExecutor cannot pickle; a module-level function is the fix
# every user ends up writing.
from concurrent.futures import ProcessPoolExecutor
import math
import sys


def is_prime(n):
    if n < 2:
        return False
    for i in range(2, int(math.sqrt(n)) + 1):
        if n % i == 0:
            return False
    return True


def find_primes(start, end):
    return [n for n in range(start, end + 1) if is_prime(n)]


def find_primes_in(r):
    return find_primes(*r)


if __name__ == '__main__':
    limit = int(sys.argv[1])
    q = limit // 4
    ranges = [(1, q), (q + 1, 2 * q), (2 * q + 1, 3 * q), (3 * q + 1, limit)]
    with ProcessPoolExecutor() as executor:
        results = executor.map(find_primes_in, ranges)
        all_primes = [prime for sublist in results for prime in sublist]
    print(f"Found {len(all_primes)} prime numbers")
