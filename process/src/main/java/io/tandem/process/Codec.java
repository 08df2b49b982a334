package io.tandem.process;

/**
 * Turns what travels between the parent and its workers (tasks, arguments, results, exceptions) into
 * bytes and back. {@link Codecs#standard()} is the default, {@link Codecs#fory()} the fastest for large object graphs once warm; {@link Codecs#java()} is the JDK-serialization
 * fallback. A codec instance is shared by every connection of a pool, so it must be thread-safe.
 *
 * <p>A codec is chosen in the parent and named to the workers by {@link #id()}: workers build their own
 * instance from that name, so a codec must be one of {@link Codecs}' or have a public no-argument
 * constructor (its class name then serves as the id).
 */
public interface Codec {

    /** Encodes {@code value}. Throws {@link CodecException} naming what could not be encoded and why. */
    byte[] encode(Object value);

    /** Decodes bytes written by {@link #encode}. Throws {@link CodecException} when they cannot be decoded. */
    Object decode(byte[] bytes);

    /** The name workers use to build the same codec: "standard", "fory", "java", or a class name. */
    String id();
}
