/**
 * Tandem process: pools of worker JVMs behind the same {@link io.tandem.TaskPool} API (Python's
 * {@code multiprocessing.Pool} and {@code ProcessPoolExecutor}, without the hangs), codecs for what
 * travels, and shared memory between processes. Only {@code io.tandem.process} is exported.
 */
module io.tandem.process {
    requires transitive io.tandem.core;
    requires org.apache.fory.core;
    requires java.logging;

    exports io.tandem.process;
}
