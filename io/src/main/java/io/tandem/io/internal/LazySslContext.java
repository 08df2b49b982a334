package io.tandem.io.internal;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * An {@link SSLContext} that asks for the real one (by default {@link SSLContext#getDefault()}) the first time
 * TLS is used. Building a JDK {@code HttpClient} resolves its context at once, and the default context loads
 * the trust store: about 100 ms of a fresh JVM's first fetch, wasted when every URL is {@code http://}. The
 * {@code HttpClient} must then be given {@link #clientParameters()} too, or it would ask this context for its
 * default parameters while being built. Thread-safe: the first TLS connections race to one initialisation.
 */
final class LazySslContext extends SSLContext {

    /**
     * The parameters the client starts each TLS connection from: the protocols TLS 1.3 and 1.2 (or those
     * that {@code jdk.tls.client.protocols} names), cipher suites and the rest left to the real context.
     */
    static SSLParameters clientParameters() {
        String configured = System.getProperty("jdk.tls.client.protocols");
        String[] protocols = configured == null || configured.isBlank()
                ? new String[] {"TLSv1.3", "TLSv1.2"}
                : configured.strip().split("\\s*,\\s*");
        return new SSLParameters(null, protocols);
    }

    private final Spi spi;

    LazySslContext(Supplier<SSLContext> real) {
        this(new Spi(real));
    }

    private LazySslContext(Spi spi) {
        super(spi, null, "TLS");
        this.spi = spi;
    }

    /** Whether the real context has been asked for: for tests. */
    boolean initialised() {
        return spi.initialised();
    }

    private static final class Spi extends SSLContextSpi {
        private final Supplier<SSLContext> supplier;
        private volatile SSLContext real;

        Spi(Supplier<SSLContext> supplier) {
            this.supplier = supplier;
        }

        boolean initialised() {
            return real != null;
        }

        private SSLContext real() {
            SSLContext r = real;
            if (r == null) {
                synchronized (this) {
                    r = real;
                    if (r == null) {
                        r = supplier.get();
                        real = r;
                    }
                }
            }
            return r;
        }

        @Override
        protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm, SecureRandom sr)
                throws KeyManagementException {
            throw new KeyManagementException("a lazily resolved SSLContext cannot be initialised again");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return real().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return real().getSupportedSSLParameters();
        }
    }

    /** The JDK default context, its checked failure unchecked (it only fails on a broken JDK install). */
    static SSLContext jdkDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context: " + e.getMessage(), e);
        }
    }
}
