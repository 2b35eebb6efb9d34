package org.sharebus.gateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's code is packaged by feature (docs/architecture.md): auth, publish, audit, importer,
 * beside the application's own package that holds what they share (properties, problems). A feature
 * may build on another, never both ways round.
 */
class FeaturePackagesTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sharebus.gateway");

    @Test
    void shouldKeepTheFeaturePackagesFreeOfCycles() {
        slices().matching("org.sharebus.gateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
    }
}
