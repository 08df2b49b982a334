package io.tandem.bench.programs;

import io.tandem.io.Fetch;
import io.tandem.io.FetchResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001's {@code asyncio.gather} of aiohttp GETs, as a user ports it from the README: {@link Fetch}
 * with its defaults and {@link Fetch#getAll}. Usage: {@code AsyncioFetch N BASE_URL} (fetches
 * {@code BASE_URL/page/0..N-1}); prints {@code N pages, B bytes}. Single-threaded main.
 */
public final class AsyncioFetch {
    private AsyncioFetch() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            urls.add(args[1] + "page/" + i);
        }
        try (Fetch fetch = Fetch.create()) {
            List<FetchResult> datas = fetch.getAll(urls);
            long bytes = 0;
            for (FetchResult r : datas) {
                if (!r.ok()) {
                    throw new IllegalStateException("fetch failed: " + r);
                }
                bytes += r.body().length;
            }
            System.out.println(datas.size() + " pages, " + bytes + " bytes");
        }
    }
}
