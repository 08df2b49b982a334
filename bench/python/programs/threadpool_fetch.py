# Seed 001: ThreadPoolExecutor reading many URLs with urllib, run as a whole program.
# Usage: python3 threadpool_fetch.py N BASE_URL    (fetches BASE_URL/page/0 .. page/N-1)
from concurrent.futures import ThreadPoolExecutor
import sys
import urllib.request as ur

datas = []


def get_from(url):
    connection = ur.urlopen(url)
    data = connection.read()
    datas.append(data)


n, base = int(sys.argv[1]), sys.argv[2]
urls = [f"{base}page/{i}" for i in range(n)]
with ThreadPoolExecutor() as ex:
    for url in urls:
        ex.submit(get_from, url)
print(f"{len(datas)} pages, {sum(len(d) for d in datas)} bytes")
