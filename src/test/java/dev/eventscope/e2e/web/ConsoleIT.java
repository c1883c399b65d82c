package dev.eventscope.e2e.web;

import dev.eventscope.e2e.Evs;

/** The console's checks ({@link ConsoleChecks}) on a SQLite store: the default {@code events.db} of the directory. */
class ConsoleIT extends ConsoleChecks {

    @Override
    Evs store(Evs evs) {
        return evs;
    }

    @Override
    String shots() {
        return "";
    }
}
