/**
 * Tandem core: pools, tasks, structured scopes, channels, limiters, progress and a step-wise event
 * loop. Depends on nothing but the JDK.
 *
 * <p>Rooms (exported packages): {@code io.tandem} (pools, tasks, scopes, progress, the event loop),
 * {@code io.tandem.channel} (queues between threads), {@code io.tandem.limit} (permits and rates),
 * {@code io.tandem.function} (the serializable functional types that let one lambda run on threads or in
 * another process). {@code io.tandem.internal} holds helpers the rooms share and is exported to nobody.
 */
module io.tandem.core {
    exports io.tandem;
    exports io.tandem.channel;
    exports io.tandem.limit;
    exports io.tandem.function;
    // The engine is shared with Tandem's own modules only (the process pool extends it); users never see it.
    exports io.tandem.internal to io.tandem.process;
}
