package dev.eventscope.e2e.web;

import dev.eventscope.e2e.Evs;
import dev.eventscope.testing.TestPostgres;

/**
 * The console's checks ({@link ConsoleChecks}) on a PostgreSQL store (issues 18 and 20): every
 * {@code evs} run, {@code evs ui} included, names a fresh schema of the tests' server by its
 * {@code postgresql://} URL in {@code EVENTSCOPE_DB}.
 */
class ConsolePostgresIT extends ConsoleChecks {

    static final TestPostgres SERVER = TestPostgres.shared();

    @Override
    Evs store(Evs evs) {
        return evs.withEnv("EVENTSCOPE_DB", SERVER.url(TestPostgres.newSchema()));
    }

    @Override
    String shots() {
        return "postgres-";
    }
}
