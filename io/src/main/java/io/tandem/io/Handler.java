package io.tandem.io;

/**
 * Handles one HTTP request of an {@link HttpServer} route and returns the response.
 *
 * <p>Concurrency: called on the request's own virtual thread, so it may block (query a database, call
 * another service, sleep) without holding up other requests; many calls run at once, so a handler
 * must be thread-safe. An exception it throws becomes a {@code 500} JSON response (the exception is
 * logged, its message is not sent to the client); an {@link HttpStatusException} becomes its status.
 */
@FunctionalInterface
public interface Handler {
    /** Returns the response to {@code request}; never {@code null}. */
    Response handle(Request request) throws Exception;
}
