package io.tandem.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H2DatabaseTest extends DatabaseContract {

    @Override
    protected Database.Builder builder() {
        return Database.builder(io.tandem.io.internal.HikariDatabase.privateH2Url());
    }

    @Test
    void inMemoryDatabasesArePrivateAndDroppedOnClose() {
        try (Database a = Database.inMemory(); Database b = Database.inMemory()) {
            a.update("CREATE TABLE t (x INT)");
            assertThrows(DatabaseException.class, () -> b.query("SELECT x FROM t", rs -> 1));
        }
    }

    @Test
    void fileDatabaseSurvivesReopening(@TempDir Path dir) {
        String url = "jdbc:h2:" + dir.resolve("app").toAbsolutePath();
        try (Database first = Database.open(url)) {
            first.update("CREATE TABLE kv (k VARCHAR(10) PRIMARY KEY, v INT)");
            first.update("INSERT INTO kv VALUES (?, ?)", "a", 1);
        }
        try (Database again = Database.open(url)) {
            assertEquals(List.of(1), again.query("SELECT v FROM kv", rs -> rs.getInt(1)));
        }
    }

    @Test
    void badConfigurationFailsClearly() {
        assertThrows(IllegalArgumentException.class, () -> Database.builder("h2:mem:x"));
        assertThrows(IllegalArgumentException.class, () -> Database.builder("jdbc:h2:mem:x").poolSize(0));
        assertThrows(IllegalArgumentException.class, () -> Database.builder("jdbc:h2:mem:x").connectionTimeout(Duration.ofMillis(1)));
        DatabaseException e = assertThrows(DatabaseException.class, () -> Database.builder("jdbc:nosuchdriver:x")
                .connectionTimeout(Duration.ofMillis(300)).build());
        assertTrue(e.getMessage().contains("jdbc:nosuchdriver:x"), e.getMessage());
    }
}
