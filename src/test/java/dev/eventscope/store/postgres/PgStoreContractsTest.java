package dev.eventscope.store.postgres;

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
import dev.eventscope.testing.TestPostgres;
import org.junit.jupiter.api.Nested;

/**
 * Every store contract suite, unchanged, run against PostgreSQL stores: each store a new schema in
 * the test server's database.
 */
class PgStoreContractsTest {

    static final TestPostgres SERVER = TestPostgres.shared();

    final StoreUnderTest postgres = new StoreUnderTest() {
        private final StoreFactory factory = new PgStores();

        @Override
        public StoreFactory stores() {
            return factory;
        }

        @Override
        public StoreLocator newLocator() {
            return SERVER.locator(TestPostgres.newSchema());
        }
    };

    @Nested
    class Opening extends StoreOpeningContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Appending extends AppendEventsContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class AppendingExactly extends AppendExactlyContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Querying extends EventQueryContract {
        @Override
        protected Log emptyLog() {
            return EventQueryContract.of(postgres.open(postgres.newLocator(), StoreOptions.Access.WRITE));
        }
    }

    @Nested
    class Reading extends ReadEventsContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Importing extends ImportSessionContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Links extends ReadLinksContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Snapshots extends SnapshotStoreContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class SagaStates extends SagaStatesContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Checkpoints extends CheckpointsContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class DeadLetters extends DeadLettersContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class ReadModels extends ReadModelsContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class ProcessingTransactions extends ProcessingTransactionsContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Queries extends ReadModelQueryContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Statistics extends ReadStatisticsContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Names extends ReadNamesContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class LintFigures extends ReadLintFiguresContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Copies extends StoreCopyContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }

    @Nested
    class Integrity extends IntegrityChecksContract {
        @Override
        protected StoreUnderTest underTest() {
            return postgres;
        }
    }
}
