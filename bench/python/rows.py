"""min/mean/max temperature per station over the lines `station;temperature` of one file: the One Billion
Row Challenge, as seed 004 would write it with the stdlib: the file split into byte-range chunks at line
boundaries, each chunk processed in a multiprocessing.Pool worker (which opens the file and reads its
range), the per-chunk dicts combined in the parent.

The file is TANDEM_ROWS_FILE (written by the Java side). The answer is a digest of the challenge's output
`{station=min/mean/max, ...}` (sorted; means rounded half up from exact sums in tenths), the same string the
Java models return: "N keys, R rows, crc32 X".
approaches: py-sequential (the same chunks one after another), py-pool (multiprocessing.Pool(); 8 chunks per
core, at most 32 MB each)
"""
import multiprocessing
import os
import sys
import zlib

from bench_common import main


def process_chunk(args):
    path, start, end = args
    stats = {}
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    for line in data.split(b"\n"):
        if not line:
            continue
        station, temp = line.split(b";")
        t = round(float(temp) * 10)
        s = stats.get(station)
        if s is None:
            stats[station] = [t, t, t, 1]
        else:
            if t < s[0]:
                s[0] = t
            if t > s[1]:
                s[1] = t
            s[2] += t
            s[3] += 1
    return stats


def chunks(path, n):
    size = os.path.getsize(path)
    out, start = [], 0
    with open(path, "rb") as f:
        for k in range(1, n):
            target = size * k // n
            if target <= start:
                continue
            f.seek(target - 1)
            f.readline()
            end = f.tell()
            out.append((path, start, end))
            start = end
    if start < size or not out:
        out.append((path, start, size))
    return out


def combine(parts):
    total = {}
    for part in parts:
        for k, (mn, mx, sm, n) in part.items():
            t = total.get(k)
            if t is None:
                total[k] = [mn, mx, sm, n]
            else:
                t[0] = min(t[0], mn)
                t[1] = max(t[1], mx)
                t[2] += sm
                t[3] += n
    return total


def tenths(units):
    sign = "-" if units < 0 else ""
    return "%s%d.%d" % (sign, abs(units) // 10, abs(units) % 10)


def digest(total):
    items = sorted((k.decode("utf-8"), v) for k, v in total.items())
    text = "{" + ", ".join("%s=%s/%s/%s" % (k, tenths(mn), tenths((2 * sm + n) // (2 * n)), tenths(mx))
                           for k, (mn, mx, sm, n) in items) + "}"
    rows = sum(v[3] for _, v in items)
    return "%d keys, %d rows, crc32 %08x" % (len(items), rows, zlib.crc32(text.encode("utf-8")) & 0xFFFFFFFF)


def chunk_count(path):
    """8 per core, and at most 32 MB each, so no process holds a large part of the file at once."""
    return max(8 * os.cpu_count(), os.path.getsize(path) // (32 << 20))


def sequential(n):
    path = os.environ["TANDEM_ROWS_FILE"]
    return digest(combine(process_chunk(c) for c in chunks(path, chunk_count(path))))


def pool(n):
    path = os.environ["TANDEM_ROWS_FILE"]
    with multiprocessing.Pool() as p:
        parts = p.map(process_chunk, chunks(path, chunk_count(path)))
    return digest(combine(parts))


if __name__ == "__main__":
    main({
        "py-sequential": sequential,
        "py-pool": pool,
    })
