# Seed 004: multiprocessing.Pool().map(calculate_square, numbers), run as a whole program.
# Usage: python3 pool_squares.py N    (the seed's N is 10)
import multiprocessing
import sys


def calculate_square(number):
    return number * number


if __name__ == '__main__':
    numbers = range(int(sys.argv[1]))
    with multiprocessing.Pool() as pool:
        results = pool.map(calculate_square, numbers)
    print(f"{len(results)} squares, sum {sum(results)}")
