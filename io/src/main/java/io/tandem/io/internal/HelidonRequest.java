package io.tandem.io.internal;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.ServerConnectionException;
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
    private final long maxRequestBytes;
    private byte[] body;

    HelidonRequest(ServerRequest req, long maxRequestBytes) {
        this.req = req;
        this.maxRequestBytes = maxRequestBytes;
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
                body = readBody();
            }
        }
        return body;
    }

    /*
     * Helidon reports what a client got wrong in its body in several ways: a RequestException with a status
     * (413 over maxPayloadSize, also for chunked bodies; 400 for a bad last chunk), a NumberFormatException
     * for a chunk size that is not hex, an IncorrectNewLineException for a chunk line not ended by CRLF, an
     * InsufficientDataAvailableException or an I/O exception when the client hangs up mid-body. Each becomes a ClientFault, which HelidonHttpServer answers with a 4xx and
     * a closed connection; anything else is a server fault and stays a 500.
     */
    private byte[] readBody() {
        String what = method() + " " + path();
        try {
            return req.content().inputStream().readAllBytes();
        } catch (RequestException e) {
            int status = e.status().code();
            String message = status == 413
                    ? "request body of " + what + " is larger than the server's limit of " + maxRequestBytes + " bytes"
                    : "malformed request body of " + what + (e.getMessage() == null || e.getMessage().isBlank() ? ""
                    : ": " + e.getMessage());
            throw new ClientFault(status >= 400 && status < 500 ? status : 400, message, false, e);
        } catch (IllegalArgumentException | DataReader.IncorrectNewLineException e) {
            // a chunk size that is not hex (NumberFormatException), a bare CR where CRLF must end a chunk line
            throw new ClientFault(400, "malformed chunked request body of " + what + ": " + e.getMessage(), false, e);
        } catch (DataReader.InsufficientDataAvailableException | ServerConnectionException e) {
            throw new ClientFault(400, "the client closed the connection in the middle of the body of " + what, true, e);
        } catch (IOException | UncheckedIOException e) {
            throw new ClientFault(400, "reading the body of " + what + " failed: " + e, true, e);
        }
    }
}
