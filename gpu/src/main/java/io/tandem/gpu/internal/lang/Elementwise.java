package io.tandem.gpu.internal.lang;

import java.util.List;

/**
 * A checked elementwise kernel: for every index {@code i < n}, run {@code body} (straight-line
 * assignments) reading element {@code i} of the array inputs (or the scalar inputs) and writing element
 * {@code i} of every output. {@code key} identifies the kernel's text for caches.
 */
public record Elementwise(String name, List<Sym> inputs, List<Sym> outputs, List<Typed.Assign> body,
                          int locals, String key) {
}
