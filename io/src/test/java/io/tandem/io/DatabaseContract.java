package io.tandem.io;

import io.tandem.ItemFailedException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One suite over every database we support; subclasses say how to open one. */
abstract class DatabaseContract {
    protected Database db;

    /** A builder for a fresh database with an empty schema. */
    protected abstract Database.Builder builder();

    /** A fresh database with an empty schema and a pool of {@code poolSize}. */
    protected Database open(int poolSize) {
        return builder().poolSize(poolSize).build();
    }

    @BeforeEach
    void openDb() {
        db = open(4);
        db.update("DROP TABLE IF EXISTS users");
        db.update("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
    }

    @AfterEach
    void closeDb() {
        db.close();
    }

    record User(int id, String name) {
    }

    private static final RowMapper<User> USER = rs -> new User(rs.getInt("id"), rs.getString("name"));

    @Test
    void queryUpdateBatchAndMappers() {
        assertEquals(1, db.update("INSERT INTO users VALUES (?, ?)", 1, "ada"));
        assertArrayEquals(new int[] {1, 1}, db.batch("INSERT INTO users VALUES (?, ?)",
                List.of(List.of(2, "linus"), List.of(3, "grace"))));
        assertEquals(List.of(new User(1, "ada"), new User(2, "linus"), new User(3, "grace")),
                db.query("SELECT id, name FROM users ORDER BY id", USER));
        assertEquals("linus", db.queryOne("SELECT name FROM users WHERE id = ?", rs -> rs.getString(1), 2).orElseThrow());
        assertTrue(db.queryOne("SELECT name FROM users WHERE id = ?", rs -> rs.getString(1), 99).isEmpty());
        List<Map<String, Object>> rows = db.queryMaps("SELECT id, name FROM users ORDER BY id");
        assertEquals(3, rows.size());
        assertEquals("ada", rows.getFirst().values().toArray()[1]);
        assertEquals(3L, db.queryOne("SELECT COUNT(*) FROM users", RowMapper.column(1, Long.class)).orElseThrow());
    }

    @Test
    void transactionsCommitOrRollBack() {
        db.transaction(tx -> tx.update("INSERT INTO users VALUES (?, ?)", 1, "ada"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.transaction(tx -> {
            tx.update("INSERT INTO users VALUES (?, ?)", 2, "linus");
            throw new IllegalStateException("changed my mind");
        }));
        assertEquals("changed my mind", e.getMessage());
        DatabaseException dup = assertThrows(DatabaseException.class, () -> db.transaction(tx -> {
            tx.update("INSERT INTO users VALUES (?, ?)", 3, "grace");
            return tx.update("INSERT INTO users VALUES (?, ?)", 1, "duplicate");
        }));
        assertTrue(dup.getMessage().contains("INSERT INTO users"), dup.getMessage());
        assertEquals(List.of(1), db.query("SELECT id FROM users ORDER BY id", rs -> rs.getInt(1)));
    }

    @Test
    void badSqlNamesTheStatement() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> db.query("SELECT nope FROM nowhere", USER));
        assertEquals("SELECT nope FROM nowhere", e.sql());
        assertTrue(e.getMessage().contains("SELECT nope FROM nowhere"));
        assertTrue(e.sqlState() != null);
    }

    @Test
    void manyConcurrentQueriesThroughASmallPoolWithoutPinning() throws Exception {
        db.batch("INSERT INTO users VALUES (?, ?)",
                IntStream.range(0, 100).mapToObj(i -> List.<Object>of(i, "user" + i)).toList());
        List<Integer> ids = IntStream.range(0, 1000).map(i -> i % 100).boxed().toList();
        List<String> names;
        List<RecordedEvent> pinned = new ArrayList<>();
        Path jfr = Files.createTempFile("tandem-db-pinning", ".jfr");
        // warm up first: a virtual thread waiting for another thread's class initialisation is pinned
        // (a JDK limit, once per class); what must never pin is the steady state below
        db.concurrently(ids.subList(0, 100), 50, id -> db.queryOne("SELECT name FROM users WHERE id = ?",
                rs -> rs.getString(1), id).orElseThrow());
        try (Recording r = new Recording()) {
            r.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            r.start();
            names = db.concurrently(ids, 200, id -> db.queryOne("SELECT name FROM users WHERE id = ?",
                    rs -> rs.getString(1), id).orElseThrow());
            r.stop();
            r.dump(jfr);
            pinned.addAll(RecordingFile.readAllEvents(jfr));
        } finally {
            Files.deleteIfExists(jfr);
        }
        assertEquals(1000, names.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals("user" + (i % 100), names.get(i));
        }
        assertEquals(List.of(), pinned.stream().filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                .map(e -> e.getStackTrace() == null ? e.toString() : e.getStackTrace().getFrames().toString()).toList(),
                "virtual threads pinned their carrier in the driver or pool");
    }

    @Test
    void concurrentlyReportsTheFailingInput() {
        ItemFailedException e = assertThrows(ItemFailedException.class, () -> db.concurrently(List.of(1, 2, 3), 2, i -> {
            if (i == 2) {
                return db.query("SELECT broken FROM nowhere", rs -> 1);
            }
            return List.of(i);
        }));
        assertTrue(e.getMessage().contains("1") || e.toString().contains("index"), e.toString());
        assertThrows(IllegalArgumentException.class, () -> db.concurrently(List.of(1), 0, i -> i));
    }

    /* Inputs 1 and 2 block until interrupted; input 0 fails once both are running: the call must cancel them. */
    @Test
    void concurrentlyFailureCancelsTheRunningWorkers() {
        CountDownLatch othersRunning = new CountDownLatch(2);
        AtomicInteger interrupted = new AtomicInteger();
        ItemFailedException e = assertThrows(ItemFailedException.class, () -> db.concurrently(List.of(0, 1, 2), 3, i -> {
            if (i == 0) {
                assertTrue(othersRunning.await(30, TimeUnit.SECONDS), "inputs 1 and 2 never ran alongside 0");
                throw new IllegalStateException("input 0 is bad");
            }
            othersRunning.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException stop) {
                interrupted.incrementAndGet();
                throw stop;
            }
            return i;
        }));
        assertEquals(0, e.index());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(2, interrupted.get(), "both running workers are interrupted and waited for");
    }

    /**
     * Issue 12: close() with every connection busy took 7.5 s (it borrowed a connection to send SHUTDOWN,
     * waiting up to the connection timeout). Four transactions hold all four connections, open, until after
     * close: close must return promptly and their work must fail rather than commit.
     */
    @Test
    void closeWithEveryConnectionBusyReturnsPromptly() throws Exception {
        Database busy = builder().poolSize(4).connectionTimeout(Duration.ofSeconds(60)).build();
        busy.update("CREATE TABLE IF NOT EXISTS held (id INT PRIMARY KEY)");
        CountDownLatch holding = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        List<Throwable> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int id = i;
            // JDBC drivers read sockets: platform threads, never virtual ones that could pin a carrier
            holders.add(Thread.ofPlatform().name("holder-" + i).start(() -> {
                try {
                    busy.transaction(tx -> {
                        tx.update("INSERT INTO held VALUES (?)", id);
                        holding.countDown();
                        release.await();
                        return tx.update("INSERT INTO held VALUES (?)", id + 100);
                    });
                    outcomes.add(new AssertionError("transaction " + id + " committed after close"));
                } catch (Throwable t) {
                    outcomes.add(t);
                }
            }));
        }
        try {
            assertTrue(holding.await(30, TimeUnit.SECONDS), "the holders never got their connections");
            long t0 = System.nanoTime();
            busy.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 10_000, "close() took " + ms + " ms with every connection busy (connectionTimeout 60 s)");
            DatabaseException after = assertThrows(DatabaseException.class, () -> busy.query("SELECT 1", rs -> 1));
            assertTrue(after.getMessage().contains("closed"), after.getMessage());
        } finally {
            release.countDown();
            for (Thread t : holders) {
                t.join();
            }
        }
        assertEquals(4, outcomes.size());
        for (Throwable t : outcomes) {
            assertInstanceOf(DatabaseException.class, t, () -> "a transaction on a closed database fails: " + t);
        }
    }
}
