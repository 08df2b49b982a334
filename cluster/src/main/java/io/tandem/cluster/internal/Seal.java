package io.tandem.cluster.internal;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

/*
 * Authenticated encryption of everything Tandem sends between members: AES-256-GCM (the JDK's), a key
 * derived from the cluster secret by HMAC-SHA256, a fresh random 96-bit nonce per message. The additional
 * data binds each message to its kind, its sender and its recipient (the Hazelcast member ids), so a sealed
 * task cannot be replayed as an answer or sent on to another member. A process without the secret can
 * neither read a payload nor make one that opens: open() fails with SealException and nothing is decoded.
 *
 * Thread safety: immutable; a Cipher is made per call (Cipher instances are not thread-safe, and one costs
 * about a microsecond).
 */
public final class Seal {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final UUID NOBODY = new UUID(0, 0);

    private final SecretKeySpec key;

    Seal(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("tandem-cluster-aead-v1".getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks HmacSHA256", e);
        }
    }

    /** Thrown when a message was not sealed with this cluster's secret (or was altered on the way). */
    static final class SealException extends Exception {
        SealException(String message) {
            super(message);
        }
    }

    byte[] seal(byte kind, byte[] plain, UUID from, UUID to) {
        byte[] out = new byte[NONCE + plain.length + TAG_BITS / 8];
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, NONCE);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(kind, from, to));
            c.doFinal(plain, 0, plain.length, out, NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal a message", e);
        }
    }

    byte[] open(byte kind, byte[] sealed, UUID from, UUID to) throws SealException {
        if (sealed == null || sealed.length < NONCE + TAG_BITS / 8) {
            throw new SealException("a message too short to be sealed");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(aad(kind, from, to));
            return c.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (AEADBadTagException e) {
            throw new SealException("the message was not sealed with this cluster's secret (TANDEM_CLUSTER_SECRET"
                    + " differs between the two processes) or was altered on the way");
        } catch (GeneralSecurityException e) {
            throw new SealException("AES-GCM failed to open a message: " + e);
        }
    }

    private static byte[] aad(byte kind, UUID from, UUID to) {
        UUID f = from == null ? NOBODY : from;
        UUID t = to == null ? NOBODY : to;
        return ByteBuffer.allocate(33).put(kind)
                .putLong(f.getMostSignificantBits()).putLong(f.getLeastSignificantBits())
                .putLong(t.getMostSignificantBits()).putLong(t.getLeastSignificantBits()).array();
    }
}
