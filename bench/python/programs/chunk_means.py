# Seed 004: a large column split into 10 chunks, each chunk's mean computed in a ProcessPoolExecutor.
# The seed uses a pandas DataFrame; stdlib only here: the column is a list and the chunks are slices,
# pickled to the workers as the DataFrame chunks are.
# Usage: python3 chunk_means.py ROWS
from concurrent.futures import ProcessPoolExecutor
import sys


def process_chunk(chunk):
    return sum(chunk) / len(chunk)


if __name__ == '__main__':
    rows = int(sys.argv[1])
    column = list(range(rows))
    size = rows // 10
    chunks = [column[i:i + size] for i in range(0, len(column), size)]
    with ProcessPoolExecutor() as executor:
        results = list(executor.map(process_chunk, chunks))
    print("Results: [" + ", ".join(f"{m:.1f}" for m in results) + "]")
