package dev.eventscope.store.postgres;

import java.sql.SQLException;

/**
 * How the parts of processing report a SQL failure: inside a write transaction it travels to the
 * transaction (which retries transient ones and translates the rest); outside one it is
 * translated at once.
 */
final class PgProcessingFailures {

    private PgProcessingFailures() {}

    static RuntimeException failed(PgEventStore store, SQLException e, String doing) {
        if (store.writer().inTransaction()) {
            return new PgProcessing.SqlFailure(e);
        }
        if (PgErrors.isConnectionLost(e)) {
            store.connectionLost();
        }
        return PgErrors.translate(e, doing, store.pg());
    }
}
