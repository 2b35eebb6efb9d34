package org.sharebus.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharebus.registry.Compatibility;
import org.sharebus.registry.InMemorySchemaRegistryClient;

/** Which subjects an external registry is asked to hold at BACKWARD_TRANSITIVE. (Over the Confluent API: EmbeddedSchemaRegistryTest.) */
class SubjectCompatibilityTest {

    @Test
    void shouldNameEveryAvroTopicOfTheCatalogueAndNoDeadLetterOrAuditSubjectWhenListingSubjects() {
        // when
        List<String> subjects = SubjectCompatibility.catalogueSubjects();

        // then
        assertThat(subjects).contains("customs.events.v1-value", "tax.events.v1-value", "sharebus.profiles.v1-value",
                "sharebus.notices.v1-value", "sharebus.inspections.v1-value", "sharebus.disclosures.v1-value").hasSize(9)
                .noneMatch(subject -> subject.contains(".DLT")).doesNotContain("sharebus.audit.v1-value", "_schemas-value");
    }

    @Test
    void shouldRaiseEveryWeakerSubjectAndLeaveTransitiveOnesWhenTheRegistryIsAtNone() {
        // given a registry whose global level is NONE, one subject FULL_TRANSITIVE
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.setCompatibility(null, Compatibility.NONE);
        registry.setCompatibility("market.events.v1-value", Compatibility.FULL_TRANSITIVE);

        // when
        List<String> raised = SubjectCompatibility.hold(registry, List.of("customs.events.v1-value", "market.events.v1-value"));

        // then
        assertThat(raised).containsExactly("customs.events.v1-value (was NONE)");
        assertThat(registry.getCompatibility("customs.events.v1-value")).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
        assertThat(registry.getCompatibility("market.events.v1-value")).isEqualTo(Compatibility.FULL_TRANSITIVE);
    }
}
