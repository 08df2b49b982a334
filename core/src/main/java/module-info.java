/**
 * Tandem core: pools, tasks, structured scopes, channels, limiters, progress and a step-wise event
 * loop. Depends on nothing but the JDK. Only {@code io.tandem} is exported; {@code io.tandem.internal}
 * is the engine behind it and may change at any time.
 */
module io.tandem.core {
    exports io.tandem;
}
