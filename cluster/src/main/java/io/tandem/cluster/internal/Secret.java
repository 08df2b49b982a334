package io.tandem.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/*
 * Where the cluster secret comes from: given in code, else the environment variable TANDEM_CLUSTER_SECRET,
 * else the file named by TANDEM_CLUSTER_SECRET_FILE. With none, the cluster is loopback-only: members
 * bind 127.0.0.1 and refuse to join or bind anything else, and payloads are sealed with a well-known key
 * (they still travel encrypted, but any process of this machine could make them). local(n) makes a random
 * secret for its own members and hands it to them in their environment, never on the command line.
 */
public record Secret(byte[] bytes, boolean configured, String source) {
    public static final String ENV = "TANDEM_CLUSTER_SECRET";
    public static final String FILE_ENV = "TANDEM_CLUSTER_SECRET_FILE";

    public static Secret resolve(byte[] given, Path file, Map<String, String> env) {
        if (given != null) {
            return of(given, "the secret given to the builder");
        }
        if (file != null) {
            return fromFile(file);
        }
        String s = env.get(ENV);
        if (s != null && !s.isEmpty()) {
            return of(s.getBytes(StandardCharsets.UTF_8), ENV);
        }
        String f = env.get(FILE_ENV);
        if (f != null && !f.isEmpty()) {
            return fromFile(Path.of(f));
        }
        return new Secret(new byte[0], false, "none (loopback only)");
    }

    private static Secret fromFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("the cluster secret file " + file + " is empty");
            }
            return of(text.getBytes(StandardCharsets.UTF_8), "the file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster secret file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Secret of(byte[] b, String source) {
        if (b.length < 8) {
            throw new IllegalArgumentException("the cluster secret from " + source + " is " + b.length
                    + " bytes; use at least 8 (for example: openssl rand -hex 16)");
        }
        return new Secret(b.clone(), true, source);
    }

    /** A random secret for the members of one local(n) cluster. */
    public static Secret random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return new Secret(HexFormat.of().formatHex(b).getBytes(StandardCharsets.UTF_8), true, "a random secret of this local cluster");
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    Seal seal() {
        return new Seal(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Secret[" + source + "]";
    }
}
