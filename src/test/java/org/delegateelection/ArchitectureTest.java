package org.delegateelection;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/**
 * The layout of the code: the domain packages (the election's rules, its registry and documents) know nothing of
 * the engine, the process glue, access control or the demo; the engine is touched only in {@code process},
 * {@code security}, {@code api} and {@code demo}; and no two packages depend on each other.
 */
class ArchitectureTest {

    private static final String[] DOMAIN = {"..system..", "..calendar..", "..election..", "..procedure..",
            "..candidate..", "..nomination..", "..quota..", "..report..", "..vote..", "..document.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.delegateelection");

    @Test
    void theDomainUsesNoEngineTypes() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "org.operaton..")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotReachIntoTheProcessTheDemoOrTheRestShape() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.delegateelection.process..",
                        "org.delegateelection.demo..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage(DOMAIN).and(not(annotatedWith(RestController.class)))
                .should().dependOnClassesThat().resideInAnyPackage("org.delegateelection.security..",
                        "org.delegateelection.api..")
                .check(CLASSES);
    }

    @Test
    void onlyTheDemoUsesTheDemo() {
        noClasses().that().resideOutsideOfPackage("org.delegateelection.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("org.delegateelection.demo..")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.delegateelection.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
