package dev.eventscope.store.sqlite;

import dev.eventscope.store.AppendEventsContract;
import dev.eventscope.store.AppendExactlyContract;
import dev.eventscope.store.CheckpointsContract;
import dev.eventscope.store.DeadLettersContract;
import dev.eventscope.store.EventQueryContract;
import dev.eventscope.store.ImportSessionContract;
import dev.eventscope.store.IntegrityChecksContract;
import dev.eventscope.store.ProcessingTransactionsContract;
import dev.eventscope.store.ReadEventsContract;
import dev.eventscope.store.ReadLinksContract;
import dev.eventscope.store.ReadLintFiguresContract;
import dev.eventscope.store.ReadModelQueryContract;
import dev.eventscope.store.ReadModelsContract;
import dev.eventscope.store.ReadNamesContract;
import dev.eventscope.store.ReadStatisticsContract;
import dev.eventscope.store.SagaStatesContract;
import dev.eventscope.store.SnapshotStoreContract;
import dev.eventscope.store.StoreCopyContract;
import dev.eventscope.store.StoreFactory;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOpeningContract;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.StoreUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract suite, run against SQLite stores in temporary files. */
class SqliteStoreContractsTest {

    @TempDir
    Path dir;

    private int stores;

    final StoreUnderTest sqlite = new StoreUnderTest() {
        private final StoreFactory factory = new SqliteStores();

        @Override
        public StoreFactory stores() {
            return factory;
        }

        @Override
        public StoreLocator newLocator() {
            return StoreLocator.file(dir.resolve("store-" + ++stores + ".db"));
        }
    };

    @Nested
    class Opening extends StoreOpeningContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Appending extends AppendEventsContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class AppendingExactly extends AppendExactlyContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Querying extends EventQueryContract {
        @Override
        protected Log emptyLog() {
            return EventQueryContract.of(sqlite.open(sqlite.newLocator(), StoreOptions.Access.WRITE));
        }
    }

    @Nested
    class Reading extends ReadEventsContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Importing extends ImportSessionContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Links extends ReadLinksContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Snapshots extends SnapshotStoreContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class SagaStates extends SagaStatesContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Checkpoints extends CheckpointsContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class DeadLetters extends DeadLettersContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class ReadModels extends ReadModelsContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class ProcessingTransactions extends ProcessingTransactionsContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Queries extends ReadModelQueryContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Statistics extends ReadStatisticsContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Names extends ReadNamesContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class LintFigures extends ReadLintFiguresContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Copies extends StoreCopyContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }

    @Nested
    class Integrity extends IntegrityChecksContract {
        @Override
        protected StoreUnderTest underTest() {
            return sqlite;
        }
    }
}
