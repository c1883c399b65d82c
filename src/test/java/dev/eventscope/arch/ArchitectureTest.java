package dev.eventscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering rules of DESIGN §3, checked on the compiled main classes. */
@AnalyzeClasses(packages = "dev.eventscope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages of engine capabilities: what the engine composes, and front ends never touch. */
    static final String[] CAPABILITIES = {
        "dev.eventscope.audit..",
        "dev.eventscope.decide..",
        "dev.eventscope.ingest..",
        "dev.eventscope.inspect..",
        "dev.eventscope.lint..",
        "dev.eventscope.pipeline..",
        "dev.eventscope.process..",
        "dev.eventscope.replay..",
        "dev.eventscope.saga..",
        "dev.eventscope.schema..",
        "dev.eventscope.snapshot..",
        "dev.eventscope.source..",
        "dev.eventscope.spec..",
        "dev.eventscope.stats..",
        "dev.eventscope.trace..",
        "dev.eventscope.upcast..",
        "dev.eventscope.verify.."
    };

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
            .because("URL parsing, passwords and connections serve the store adapter and the source readers alike");

    @ArchTest
    static final ArchRule no_package_depends_on_itself_through_others = slices().matching("dev.eventscope.(**)")
            .should()
            .beFreeOfCycles()
            .because("layers depend one way (DESIGN §3: no package cycles)");

    @ArchTest
    static final ArchRule no_capability_knows_the_sqlite_adapter = noClasses()
            .that()
            .resideInAnyPackage(CAPABILITIES)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.eventscope.store.sqlite..")
            .because("capabilities work on the store port, so every backend serves them (issue 17)");

    @ArchTest
    static final ArchRule the_cli_uses_the_engine_api_not_capability_internals = noClasses()
            .that()
            .resideInAPackage("dev.eventscope.cli..")
            .should()
            .dependOnClassesThat(capabilityInternals())
            .because("a command parses, makes one engine call and renders: it constructs no capability and"
                    + " calls none directly; what it may see of a capability are the values engine calls return"
                    + " (records, enums) and the interfaces it implements (sinks, progress)");

    @ArchTest
    static final ArchRule the_web_console_uses_the_engine_api_not_capability_internals = noClasses()
            .that()
            .resideInAPackage("dev.eventscope.web..")
            .should()
            .dependOnClassesThat(capabilityInternals())
            .because("the web console is a front end like the CLI (DESIGN §3): a page parses a request, makes its"
                    + " engine calls and renders; it constructs no capability and calls none directly");

    @ArchTest
    static final ArchRule the_web_console_never_reaches_a_store_adapter_or_the_cli = noClasses()
            .that()
            .resideInAPackage("dev.eventscope.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.eventscope.store.sqlite..",
                    "dev.eventscope.store.postgres..",
                    "dev.eventscope.source..",
                    "dev.eventscope.cli..")
            .because("the web console reads the store only through the engine, and the CLI starts it, never the"
                    + " reverse");

    @ArchTest
    static final ArchRule only_the_cli_starts_the_web_console = noClasses()
            .that()
            .resideOutsideOfPackages("dev.eventscope.web..", "dev.eventscope.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.eventscope.web..")
            .because("the web console is a front end: the engine and the capabilities under it never know it");

    /**
     * What the CLI may use of a capability package besides its values and interfaces, each with its
     * reason: the words and drawings of a trace ({@code TraceWords}, {@code trace.Durations},
     * {@code trace.draw}) and of a saga instance ({@code saga.draw}) live in the core so that the
     * terminal, the diagrams, the SVG and the web console say and draw the same (issues 23 and 24);
     * they read a trace or a saga instance and build nothing else.
     */
    static final java.util.List<String> SHARED_VIEWS =
            java.util.List.of("dev.eventscope.trace.TraceWords", "dev.eventscope.trace.Durations");

    /**
     * Classes of capability packages that are not values or interfaces: the services, folds,
     * readers and writers that only the engine composes (less {@link #SHARED_VIEWS}).
     */
    static DescribedPredicate<JavaClass> capabilityInternals() {
        return new DescribedPredicate<>("capability internals (classes that are not records, enums or interfaces)") {
            @Override
            public boolean test(JavaClass c) {
                return com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching(
                                        "dev\\.eventscope\\.(audit|copy|decide|ingest|inspect|lint|pipeline|process|replay"
                                                + "|saga|schema|snapshot|source|spec|stats|trace|upcast|verify)\\..*")
                                .test(c)
                        && !c.getName().startsWith("dev.eventscope.trace.TraceWords$")
                        && !c.isRecord()
                        && !c.isEnum()
                        && !c.isInterface()
                        && !SHARED_VIEWS.contains(c.getName())
                        && !c.getPackageName().startsWith("dev.eventscope.trace.draw")
                        && !c.getPackageName().startsWith("dev.eventscope.saga.draw");
            }
        };
    }

    @ArchTest
    static final ArchRule source_readers_never_reach_the_store = noClasses()
            .that()
            .resideInAPackage("dev.eventscope.source..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eventscope.store..", "dev.eventscope.engine..", "dev.eventscope.ingest..")
            .because("a source reader only reads another store's tables; the import pipeline writes");
}
