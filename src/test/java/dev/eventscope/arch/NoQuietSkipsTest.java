package dev.eventscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * No test skips itself (ADR 0201): a test that needs data, a program or a server gets it from the
 * repository or {@code .ci/run} and fails without it, so a green build has run every test.
 */
@AnalyzeClasses(packages = "dev.eventscope", importOptions = ImportOption.OnlyIncludeTests.class)
class NoQuietSkipsTest {

    @ArchTest
    static final ArchRule no_test_uses_assumptions_or_conditional_execution = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.junit.jupiter.api.Assumptions")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.assertj.core.api.Assumptions")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.assertj.core.api.BDDAssumptions")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.opentest4j.TestAbortedException")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.junit.jupiter.api.Disabled")
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("org.junit.jupiter.api.condition..")
            .because("a skipped test lets the build go green without it; fail instead, saying what to"
                    + " install (ADR 0201)");
}
