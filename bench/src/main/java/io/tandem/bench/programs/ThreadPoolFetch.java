package io.tandem.bench.programs;

import io.tandem.Pools;
import io.tandem.Task;
import io.tandem.TaskPool;
import io.tandem.Tasks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001's {@code ThreadPoolExecutor} reading URLs with {@code urlopen}, as a user ports it from the
 * README: a task per URL on {@link Pools#virtual()} (the README's answer for work that waits), each a GET
 * on the JDK {@link HttpClient}. Usage: {@code ThreadPoolFetch N BASE_URL} (fetches
 * {@code BASE_URL/page/0..N-1}); prints {@code N pages, B bytes}. Single-threaded main.
 */
public final class ThreadPoolFetch {
    private ThreadPoolFetch() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        String base = args[1];
        try (HttpClient client = HttpClient.newHttpClient(); TaskPool ex = Pools.virtual()) {
            List<Task<byte[]>> datas = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                URI url = URI.create(base + "page/" + i);
                datas.add(ex.submit(() -> client.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body()));
            }
            List<byte[]> pages = Tasks.gather(datas);
            long bytes = pages.stream().mapToLong(d -> d.length).sum();
            System.out.println(pages.size() + " pages, " + bytes + " bytes");
        }
    }
}
