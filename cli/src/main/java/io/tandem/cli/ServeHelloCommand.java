package io.tandem.cli;

import io.tandem.io.HttpServer;
import io.tandem.io.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;

/**
 * {@code tandem serve-hello}: the seed's aiohttp hello server. Prints the URL it listens on; Ctrl-C or
 * SIGTERM runs the JVM's shutdown hooks, and ours closes the server gracefully (running requests finish).
 */
@Command(name = "serve-hello", mixinStandardHelpOptions = true,
        description = {"Serve the seed's aiohttp hello app: GET / -> Hello, Anonymous!  GET /{name} -> Hello, name!",
                "Prints the URL it listens on; Ctrl-C or SIGTERM shuts it down gracefully."})
final class ServeHelloCommand implements Callable<Integer> {
    @Option(names = {"-p", "--port"}, defaultValue = "8080", description = "port (0: any free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default ${DEFAULT-VALUE})")
    String host;

    /*
     * Binds and closes a socket on the address first: a port in use or an address that is not local is
     * then one line of ours, not the web server's SEVERE log records with their stack traces.
     */
    private static void probe(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new BadInputException("cannot listen on " + host + ":" + port + ": unknown host '" + host + "'");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            throw new BadInputException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The seed's routes, on a builder (the bench and examples reuse them). */
    static HttpServer.Builder hello() {
        return HttpServer.builder()
                .get("/", req -> Response.text("Hello, Anonymous!"))
                .get("/{name}", req -> Response.text("Hello, " + req.pathParam("name").orElse("Anonymous") + "!"));
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(spec.commandLine().getOut());
    }

    int run(PrintWriter out) throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new BadInputException("--port must be from 0 to 65535 (0: any free port), got " + port);
        }
        if (host.isBlank()) {
            throw new BadInputException("--host must not be blank");
        }
        probe(host, port);
        HttpServer server;
        try {
            server = hello().host(host).port(port).start();
        } catch (UncheckedIOException e) {
            // the server's BindException names the address and why (in use, not a local address, unknown host)
            throw new BadInputException(CliErrors.describe(e.getCause() != null ? e.getCause() : e), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        Thread hook = new Thread(server::close, "serve-hello-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Server started at " + server.uri());
        out.flush();
        server.awaitClose();
        return 0;
    }
}
