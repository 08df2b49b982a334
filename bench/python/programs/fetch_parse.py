# Seed 001: a multiprocessing.Pool whose workers download a page and run a CPU-bound regex over it
# ("something that looks like a meta tag"), run as a whole program.
# Usage: python3 fetch_parse.py N BASE_URL    (fetches BASE_URL/doc/0 .. doc/N-1)
import urllib.request as ur
from multiprocessing import Pool
import re
import sys

meta_match = re.compile(r'(\w+)="[^"]*"\s+content="(\d+)"')


def get_from(url):
    connection = ur.urlopen(url)
    data = connection.read().decode()
    return meta_match.findall(data)


def main(n, base):
    urls = [f"{base}doc/{i}" for i in range(n)]
    with Pool() as p:
        datas = p.map(get_from, urls)
    matches = sum(len(d) for d in datas)
    total = sum(int(content) for d in datas for _, content in d)
    print(f"{matches} matches, sum {total}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
