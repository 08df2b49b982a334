package io.tandem.io;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * https still works now that Fetch loads the JDK's TLS context only for the first https URL (issue 11), and a
 * configured {@code sslContext} is the one used: against a local TLS server whose self-signed certificate
 * the test makes with the JDK's keytool.
 */
class FetchHttpsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    private static SSLContext trusting;
    private static SSLServerSocket listener;
    private static Thread serverThread;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool hung");
        assertEquals(0, keytool.exitValue(), out);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);

        listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serverThread = Thread.ofPlatform().name("tls-server").start(FetchHttpsTest::serve);
    }

    /** One request per connection: "hello over TLS", then close. */
    private static void serve() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                int state = 0;
                for (int b; state < 4 && (b = in.read()) >= 0; ) {
                    state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                }
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 14\r\nConnection: close\r\n\r\nhello over TLS")
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // a client that refused our certificate, or the listener closing
            }
        }
    }

    @AfterAll
    static void stopTlsServer() throws Exception {
        listener.close();
        serverThread.join();
    }

    private static String url() {
        return "https://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    @Test
    void aConfiguredSslContextIsTheOneUsed() {
        try (Fetch fetch = Fetch.builder().sslContext(trusting).retries(0).build()) {
            FetchResult r = fetch.get(url());
            assertTrue(r.ok(), r::toString);
            assertEquals("hello over TLS", r.text());
        }
    }

    @Test
    void theLazyDefaultContextRefusesAnUntrustedCertificate() {
        try (Fetch fetch = Fetch.builder().retries(0).build()) {
            FetchResult r = fetch.get(url());
            assertTrue(r.failed(), r::toString);
            boolean handshake = false;
            for (Throwable t = r.error(); t != null; t = t.getCause()) {
                handshake |= t instanceof SSLHandshakeException;
            }
            assertTrue(handshake, "the JDK's default trust store does not know our certificate: " + r.error());
        }
    }

    @Test
    void theLazyDefaultContextIsTheJdkDefaultWhenFirstUsed() throws Exception {
        SSLContext before = SSLContext.getDefault();
        SSLContext.setDefault(trusting);
        try (Fetch fetch = Fetch.builder().retries(0).build()) {
            FetchResult r = fetch.get(url());
            assertTrue(r.ok(), r::toString);
            assertEquals("hello over TLS", r.text());
        } finally {
            SSLContext.setDefault(before);
        }
    }
}
