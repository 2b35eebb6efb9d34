package org.sharebus.consumers;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The consumers' code is packaged by feature (docs/architecture.md): profile, notice, inspection,
 * disclosure, search, and the shell they share (api, web, rules, visibility). A feature may build on
 * another, never both ways round: a cycle would make the two one feature under two names.
 */
class FeaturePackagesTest {

    private static final JavaClasses CONSUMERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sharebus.consumers");

    @Test
    void shouldKeepTheFeaturePackagesFreeOfCycles() {
        slices().matching("org.sharebus.consumers.(*)..").should().beFreeOfCycles().check(CONSUMERS);
    }
}
