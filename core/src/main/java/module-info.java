/**
 * Tandem core: pools, tasks, structured scopes, channels, limiters, progress and a step-wise event
 * loop. Depends on nothing but the JDK.
 *
 * <p>Rooms (exported packages): {@code io.tandem} (pools, tasks, scopes, progress, the event loop),
 * {@code io.tandem.channel} (queues between threads), {@code io.tandem.limit} (permits and rates),
 * {@code io.tandem.function} (the serializable functional types that let one lambda run on threads or in
 * another process, and functions that may throw checked exceptions), {@code io.tandem.spi} (the pool-backend extension point and pool listeners).
 * {@code io.tandem.internal} holds helpers the rooms share and is exported to nobody.
 */
module io.tandem.core {
    exports io.tandem;
    exports io.tandem.channel;
    exports io.tandem.limit;
    exports io.tandem.function;
    // How a new kind of pool plugs in (the process pool, the cluster pool) and how observers see every pool.
    exports io.tandem.spi;
}
