package dev.eventscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering rules of DESIGN §3, checked on the compiled main classes. */
@AnalyzeClasses(packages = "dev.eventscope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_packages_never_use_the_terminal_libraries = noClasses()
            .that()
            .resideOutsideOfPackage("dev.eventscope.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("picocli..", "org.jline..", "org.fusesource..", "me.tongfei.progressbar..")
            .because("only the CLI knows picocli, JLine and Jansi (DESIGN §3)");

    @ArchTest
    static final ArchRule only_the_store_adapters_and_the_source_readers_use_jdbc = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "dev.eventscope.store.sqlite..",
                    "dev.eventscope.store.postgres..",
                    "dev.eventscope.postgres..",
                    "dev.eventscope.source..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..", "org.postgresql..")
            .because("only the store adapters, the source readers and the PostgreSQL connection code know JDBC"
                    + " and SQL (DESIGN §3)");

    @ArchTest
    static final ArchRule only_the_composition_root_picks_an_adapter = noClasses()
            .that()
            .resideOutsideOfPackages("dev.eventscope.store.sqlite..", "dev.eventscope.store.postgres..")
            .and()
            .doNotHaveFullyQualifiedName("dev.eventscope.engine.StoreAdapters")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eventscope.store.sqlite..", "dev.eventscope.store.postgres..")
            .because("everything reaches a store through the port; engine.StoreAdapters alone picks the"
                    + " adapter by the store's locator (DESIGN §3)");

    @ArchTest
    static final ArchRule the_engine_never_depends_on_the_cli = noClasses()
            .that()
            .resideOutsideOfPackage("dev.eventscope.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.eventscope.cli..")
            .because("data flows one way: the CLI calls the engine, never the reverse");

    @ArchTest
    static final ArchRule the_port_and_the_event_model_know_no_adapter = noClasses()
            .that()
            .resideInAnyPackage("dev.eventscope.event..", "dev.eventscope.store", "dev.eventscope.error..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.eventscope.store.sqlite..", "dev.eventscope.store.postgres..", "dev.eventscope.engine..")
            .because("the store port and the event model sit below every adapter and capability");

    @ArchTest
    static final ArchRule the_postgres_connection_code_knows_no_store = noClasses()
            .that()
            .resideInAPackage("dev.eventscope.postgres..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eventscope.store..", "dev.eventscope.source..", "dev.eventscope.engine..")
            .because(
                    "URL parsing, passwords and connections serve the store adapter and the source readers" + " alike");

    @ArchTest
    static final ArchRule source_readers_never_reach_the_store = noClasses()
            .that()
            .resideInAPackage("dev.eventscope.source..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eventscope.store..", "dev.eventscope.engine..", "dev.eventscope.ingest..")
            .because("a source reader only reads another store's tables; the import pipeline writes");
}
