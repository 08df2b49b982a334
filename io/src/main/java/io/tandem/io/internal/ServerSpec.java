package io.tandem.io.internal;

import java.time.Duration;
import java.util.List;

/** A frozen {@code HttpServer.Builder} configuration. */
public record ServerSpec(List<RouteSpec> routes, String host, int port, long maxRequestBytes,
                         Duration readTimeout, Duration idleTimeout, Duration shutdownGrace, int backlog) {
}
