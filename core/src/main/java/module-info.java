/**
 * Tandem core: pools, tasks, structured scopes, channels, limiters, progress and a step-wise event
 * loop. Depends on nothing but the JDK. Only {@code io.tandem} is exported; {@code io.tandem.internal}
 * is the engine behind it and may change at any time.
 */
module io.tandem.core {
    exports io.tandem;
    // The engine is shared with Tandem's own modules only (the process pool extends it); users never see it.
    exports io.tandem.internal to io.tandem.process;
}
