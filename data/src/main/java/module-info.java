/**
 * Tandem data: seed 004's "split a large DataFrame into chunks, process each chunk in a
 * {@code ProcessPoolExecutor}, combine the results", as an API. {@code Chunks} cuts memory-mapped files
 * (newline-aligned) and arrays into chunks and map-reduces them on any {@link io.tandem.TaskPool}; worker
 * processes map the file themselves or attach shared memory, so no data is copied to them. {@code Frame}
 * is a small columnar table read from CSV in parallel chunks. Only {@code io.tandem.data} is exported.
 */
module io.tandem.data {
    requires transitive io.tandem.core;
    requires transitive io.tandem.process;

    exports io.tandem.data;
}
