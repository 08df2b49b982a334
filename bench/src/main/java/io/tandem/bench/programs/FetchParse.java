package io.tandem.bench.programs;

import io.tandem.process.ProcessPool;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 001's {@code multiprocessing.Pool} whose workers download a page and run a CPU-bound regex over it,
 * as a user ports it from the README: {@link ProcessPool#create()} and {@code map}; each worker JVM GETs
 * with its own JDK {@link HttpClient}. Usage: {@code FetchParse N BASE_URL} (fetches
 * {@code BASE_URL/doc/0..N-1}); prints {@code M matches, sum S}. Single-threaded main.
 */
public final class FetchParse {
    private static final Pattern META_MATCH = Pattern.compile("(\\w+)=\"[^\"]*\"\\s+content=\"(\\d+)\"");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private FetchParse() {
    }

    /** What the regex found in one page: how many matches and the sum of their content numbers. */
    record Found(long matches, long sum) {
    }

    static Found getFrom(String url) throws IOException, InterruptedException {
        String data = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = META_MATCH.matcher(data);
        long matches = 0;
        long sum = 0;
        while (m.find()) {
            matches++;
            sum += Long.parseLong(m.group(2));
        }
        return new Found(matches, sum);
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            urls.add(args[1] + "doc/" + i);
        }
        try (ProcessPool p = ProcessPool.create()) {
            List<Found> datas = p.map(FetchParse::getFrom, urls);
            long matches = datas.stream().mapToLong(Found::matches).sum();
            long total = datas.stream().mapToLong(Found::sum).sum();
            System.out.println(matches + " matches, sum " + total);
        }
    }
}
