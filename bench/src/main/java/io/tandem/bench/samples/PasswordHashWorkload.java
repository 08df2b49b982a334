package io.tandem.bench.samples;

import io.tandem.bench.Workload;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A sample {@link Workload}: hashing 64 passwords with PBKDF2-HMAC-SHA256 (20,000 iterations each), the
 * CPU-bound step of a sign-up batch. Try it with {@code ./tandem bench --workload
 * io.tandem.bench.samples.PasswordHashWorkload}; copy it as the start of your own.
 *
 * <p>Thread-safe: {@link #run} creates its own {@link SecretKeyFactory} per call (factories are not
 * thread-safe), and the items are immutable strings.
 */
public final class PasswordHashWorkload implements Workload<String, String> {
    private static final int PASSWORDS = 64;
    private static final int ITERATIONS = 20_000;
    private static final byte[] SALT = "tandem-bench-salt".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Override
    public void prepare() throws Exception {
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256"); // loads the provider once, untimed
    }

    @Override
    public List<String> items() {
        List<String> out = new ArrayList<>(PASSWORDS);
        for (int i = 0; i < PASSWORDS; i++) {
            out.add("correct horse battery staple #" + i);
        }
        return out;
    }

    @Override
    public String run(String password) throws Exception {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), SALT, ITERATIONS, 256);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return HexFormat.of().formatHex(hash);
        } finally {
            spec.clearPassword();
        }
    }
}
