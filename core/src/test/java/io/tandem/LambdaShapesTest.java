package io.tandem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lambda shapes users write, as they write them: this class compiling is the check that javac resolves
 * each shape to the intended overload (no cast, no ambiguity, no try/catch around I/O); every local has
 * the type that overload returns, so a shape that went to another overload would not compile. Running it
 * checks that each overload does what its shape means.
 */
class LambdaShapesTest {
    private final TaskPool pool = Pools.threads(2);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        pool.close();
    }

    static int answer() {
        return 42;
    }

    static void increment(AtomicInteger counter) {
        counter.incrementAndGet();
    }

    static void touch(Path p) throws IOException {
        Files.writeString(p, "touched");
    }

    static long sizeOf(Path p) throws IOException {
        return Files.size(p);
    }

    @Test
    void submitValueShapesKeepTheirResult() throws Exception {
        AtomicInteger counter = new AtomicInteger();
        int x = 7;
        Task<Integer> constant = pool.submit(() -> 42);
        Task<Integer> captured = pool.submit(() -> x * x);
        Task<Integer> expressionWithValue = pool.submit(() -> counter.incrementAndGet()); // value wins over void
        Task<Integer> staticRef = pool.submit(LambdaShapesTest::answer);
        Task<Integer> boundRef = pool.submit(counter::incrementAndGet);
        Task<Integer> named = pool.submit("named", () -> 1);
        Task<Integer> block = pool.submit(() -> {
            int y = x + 1;
            return y * 2;
        });
        assertEquals(42, constant.join());
        assertEquals(49, captured.join());
        assertTrue(expressionWithValue.join() >= 1);
        assertEquals(42, staticRef.join());
        assertTrue(boundRef.join() >= 1);
        assertEquals(1, named.join());
        assertEquals(16, block.join());
        assertEquals(2, counter.get());
    }

    @Test
    void submitVoidShapesRunAndReturnNull() {
        AtomicInteger counter = new AtomicInteger();
        List<String> list = new ArrayList<>(List.of("a"));
        Task<Void> voidCall = pool.submit(() -> increment(counter));       // Process(target=increment)
        Task<Void> voidBlock = pool.submit(() -> {
            increment(counter);
        });
        Task<Void> voidRef = pool.submit(list::clear);
        Task<Void> emptyBlock = pool.submit(() -> { });
        assertNull(voidCall.join());
        assertNull(voidBlock.join());
        assertNull(voidRef.join());
        assertNull(emptyBlock.join());
        assertEquals(2, counter.get());
        assertTrue(list.isEmpty());
    }

    @Test
    void submitShapesThatThrowCheckedExceptionsNeedNoWrapper() throws IOException {
        Path file = dir.resolve("a.txt");
        Files.writeString(file, "hello");
        Task<String> read = pool.submit(() -> Files.readString(file));
        Task<Void> voidThrowing = pool.submit(() -> touch(dir.resolve("b.txt")));
        Task<Void> voidRefThrowing = pool.submit(() -> Files.delete(dir.resolve("missing")));
        Task<Long> refThrowing = pool.submit(() -> sizeOf(file));
        Task<String> alwaysThrows = pool.submit(() -> {
            throw new IOException("always");
        });
        assertEquals("hello", read.join());
        assertNull(voidThrowing.join());
        assertEquals("touched", Files.readString(dir.resolve("b.txt")));
        CompletionException missing = assertThrows(CompletionException.class, voidRefThrowing::join);
        assertInstanceOf(java.nio.file.NoSuchFileException.class, missing.getCause());
        assertEquals(5L, refThrowing.join());
        assertInstanceOf(IOException.class, assertThrows(CompletionException.class, alwaysThrows::join).getCause());
    }

    @Test
    void mapShapes() throws IOException {
        List<Integer> numbers = List.of(1, 2, 3);
        List<String> strings = List.of("1", "22", "333");
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Files.writeString(a, "A");
        Files.writeString(b, "BB");
        List<Path> paths = List.of(a, b);

        List<Integer> squares = pool.map(x -> x * x, numbers);
        List<Integer> lengths = pool.map(String::length, strings);
        List<Integer> parsed = pool.map(Integer::parseInt, strings);                    // overloaded static
        List<String> texts = pool.map(Files::readString, paths);                        // overloaded, throws
        List<Long> sizes = pool.map(LambdaShapesTest::sizeOf, paths);                    // throws
        List<String> shown = pool.map(Object::toString, numbers);
        List<Long> blocks = pool.map(p -> {
            if (!Files.exists(p)) {
                throw new IOException("gone: " + p);
            }
            return Files.size(p);
        }, paths);
        List<Integer> chunked = pool.map(x -> x + 1, numbers, 1);

        assertEquals(List.of(1, 4, 9), squares);
        assertEquals(List.of(1, 2, 3), lengths);
        assertEquals(List.of(1, 22, 333), parsed);
        assertEquals(List.of("A", "BB"), texts);
        assertEquals(List.of(1L, 2L), sizes);
        assertEquals(List.of("1", "2", "3"), shown);
        assertEquals(List.of(1L, 2L), blocks);
        assertEquals(List.of(2, 3, 4), chunked);
    }

    @Test
    void lazyMapShapes() {
        List<Path> paths = List.of(dir.resolve("none"));
        List<Integer> out = new ArrayList<>();
        try (TaskPool.MapIterator<Integer> it = pool.imap(x -> x * 2, List.of(1, 2))) {
            it.forEachRemaining(out::add);
        }
        try (TaskPool.MapIterator<Integer> it = pool.imapUnordered(String::length, List.of("abc"), 1)) {
            it.forEachRemaining(out::add);
        }
        assertEquals(List.of(2, 4, 3), out);
        TaskPool.MapIterator<String> failing = pool.imap(Files::readString, paths);
        ItemFailedException e = assertThrows(ItemFailedException.class, failing::next);
        assertEquals(0, e.index());
        assertInstanceOf(java.nio.file.NoSuchFileException.class, e.getCause());
        assertFalse(failing.hasNext());
    }
}
