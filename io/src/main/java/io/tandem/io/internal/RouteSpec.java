package io.tandem.io.internal;

import io.tandem.io.Handler;

/** One route as configured: method, path pattern, handler. */
public record RouteSpec(String method, String pattern, Handler handler) {
}
