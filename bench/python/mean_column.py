"""Mean of an N-row int64 column in 10 chunks: seed 004's DataFrame split into row chunks and
ProcessPoolExecutor.map(process_chunk, chunks).

stdlib only: the column is an array('q') (the DataFrame's int64 column), row i = (i * 7919) % 1009,
built by repeating one period. As in the seed, the column and its chunks are built before anything is
timed; process pools then pickle every chunk to a worker, as the seed pickles each DataFrame slice.
process_chunk returns the chunk's exact sum (the seed returns chunk.mean()) and the answer is the exact
mean rounded half-even to 6 places, the same string the Java models print.
approaches: py-sequential, py-threads (ThreadPoolExecutor: the GIL), py-pool (multiprocessing.Pool.map),
py-processes (ProcessPoolExecutor.map)
"""
import multiprocessing
import sys
from array import array
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from bench_common import main

CHUNKS = 10
PERIOD = 1009
_built = {}


def column(n):
    period = array("q", [(i * 7919) % PERIOD for i in range(PERIOD)])
    col = period * (n // PERIOD)
    col.extend(period[: n % PERIOD])
    return col


def chunks(n):
    """The column's CHUNKS slices, [n*k//CHUNKS, n*(k+1)//CHUNKS) as in Java, built once per size."""
    if n not in _built:
        col = column(n)
        _built.clear()
        _built[n] = [col[n * k // CHUNKS:n * (k + 1) // CHUNKS] for k in range(CHUNKS)]
    return _built[n]


def process_chunk(chunk):
    return sum(chunk)


def mean6(total, n):
    """total / n rounded half-even to 6 places, in integers (no float, no double rounding)."""
    q, r = divmod(total * 10 ** 6, n)
    if 2 * r > n or (2 * r == n and q % 2 == 1):
        q += 1
    return "%d.%06d" % divmod(q, 10 ** 6)


def sequential(n):
    return mean6(sum(process_chunk(c) for c in chunks(n)), n)


def threads(n):
    with ThreadPoolExecutor() as executor:
        return mean6(sum(executor.map(process_chunk, chunks(n))), n)


def pool(n):
    with multiprocessing.Pool() as p:
        return mean6(sum(p.map(process_chunk, chunks(n))), n)


def processes(n):
    with ProcessPoolExecutor() as executor:
        return mean6(sum(executor.map(process_chunk, chunks(n))), n)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2].isdigit():
        chunks(int(sys.argv[2]))  # built before main() starts its clock, as the seed builds its DataFrame
    main({
        "py-sequential": sequential,
        "py-threads": threads,
        "py-pool": pool,
        "py-processes": processes,
    })
