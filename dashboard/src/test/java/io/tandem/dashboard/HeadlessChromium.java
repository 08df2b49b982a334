package io.tandem.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tandem.test.Await;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket from the JDK's HttpClient): it keeps a
 * live page open, so scripts and server-sent events run in real time, and answers JavaScript expressions
 * and screenshots. {@code --dump-dom} cannot do this: it prints the page before an event stream delivers
 * anything. Closing it kills the browser and waits for it.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    HeadlessChromium(String browser, Path dir, URI page) throws Exception {
        Path profile = dir.resolve("chromium-profile");
        process = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1400,1250", page.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Await.await("Chromium's DevTools port", Duration.ofSeconds(60), () -> Files.exists(portFile) && lines(portFile) >= 2);
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String ws = pageSocket(targets, page.toString());
            socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new Listener()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The DevTools socket of the tab showing {@code url} (the list also has the browser's own UI pages). */
    private static String pageSocket(String targets, String url) throws IOException {
        try (JsonParser p = JSON.createParser(targets)) {
            String type = null;
            String at = null;
            String ws = null;
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.START_OBJECT) {
                    type = at = ws = null;
                } else if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "type" -> type = p.getText();
                        case "url" -> at = p.getText();
                        case "webSocketDebuggerUrl" -> ws = p.getText();
                        default -> p.skipChildren();
                    }
                } else if (t == JsonToken.END_OBJECT && "page".equals(type) && url.equals(at) && ws != null) {
                    return ws;
                }
            }
        }
        throw new IllegalStateException("no tab shows " + url + " among " + targets);
    }

    private static int lines(Path p) {
        try {
            return Files.readAllLines(p).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Evaluates a JavaScript expression in the page; returns its value as a string (or "undefined"). */
    String eval(String expression) throws Exception {
        String reply = call("Runtime.evaluate", "{\"expression\":" + quote(expression) + ",\"returnByValue\":true}");
        return field(reply, "value");
    }

    /** The page as an image. */
    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(field(call("Page.captureScreenshot", "{\"format\":\"png\"}"), "data"));
    }

    private String call(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).get(30, TimeUnit.SECONDS);
        return f.get(60, TimeUnit.SECONDS);
    }

    /** The first value of {@code name} anywhere in {@code json}, as text ("undefined" if there is none). */
    private static String field(String json, String name) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals(name)) {
                    p.nextToken();
                    return p.getValueAsString(p.getText());
                }
            }
        }
        return "undefined";
    }

    private static String quote(String s) throws IOException {
        StringWriter w = new StringWriter();
        try (var g = JSON.createGenerator(w)) {
            g.writeString(s);
        }
        return w.toString();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String m = message.toString();
                message.setLength(0);
                Matcher id = Pattern.compile("^\\{\"id\":(\\d+)").matcher(m);
                if (id.find()) {
                    CompletableFuture<String> f = pending.remove(Integer.parseInt(id.group(1)));
                    if (f != null) {
                        f.complete(m);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (socket != null) {
            socket.abort();
        }
        http.close();
        process.destroyForcibly();
        process.waitFor();
        for (ProcessHandle h : List.copyOf(process.descendants().toList())) {
            h.destroyForcibly();
        }
    }
}
