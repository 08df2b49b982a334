package io.tandem.io.internal;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.tandem.io.Request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link Request} over a Helidon {@link ServerRequest}; confined to the request's virtual thread. */
final class HelidonRequest implements Request {
    private static final byte[] EMPTY = new byte[0];
    private final ServerRequest req;
    private byte[] body;

    HelidonRequest(ServerRequest req) {
        this.req = req;
    }

    @Override
    public String method() {
        return req.prologue().method().text();
    }

    @Override
    public String path() {
        return req.path().path();
    }

    @Override
    public Optional<String> pathParam(String name) {
        Parameters p = req.path().pathParameters();
        return p.contains(name) ? Optional.of(p.get(name)) : Optional.empty();
    }

    @Override
    public Map<String, String> pathParams() {
        Parameters p = req.path().pathParameters();
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : p.names()) {
            out.put(n, p.get(n));
        }
        return Map.copyOf(out);
    }

    @Override
    public Optional<String> query(String name) {
        var q = req.query();
        return q.contains(name) ? Optional.of(q.get(name)) : Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        return req.headers().first(HeaderNames.create(name));
    }

    @Override
    public byte[] body() {
        if (body == null) {
            if (!req.content().hasEntity()) {
                body = EMPTY;
            } else {
                try {
                    body = req.content().inputStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the request body of " + method() + " " + path(), e);
                }
            }
        }
        return body;
    }
}
