/**
 * Tandem I/O: the seeds' asyncio/aiohttp/aiofiles/aiomysql batteries done on virtual threads.
 * {@code Fetch} (many URLs on the JDK {@code HttpClient}), {@code HttpServer} (a small routing API on
 * Helidon SE's virtual-thread-per-request web server), {@code ParallelFiles} (bounded-concurrency file
 * I/O) and {@code Database} (HikariCP, H2 by default). Only {@code io.tandem.io} is exported.
 */
module io.tandem.io {
    requires transitive io.tandem.core;
    requires transitive java.net.http;
    requires transitive java.sql;
    requires io.helidon.webserver;
    requires io.helidon.http;
    requires io.helidon.common;
    requires io.helidon.common.uri;
    requires io.helidon.common.parameters;
    requires io.helidon.common.socket;
    requires io.helidon.common.buffers;
    requires com.zaxxer.hikari;
    requires com.fasterxml.jackson.core;
    // H2 is loaded through JDBC's DriverManager/ServiceLoader by URL; no compile-time use.
    requires static com.h2database;

    exports io.tandem.io;
}
