package org.sharebus.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sharebus.registry.Compatibility;
import org.sharebus.registry.InMemorySchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Which subjects an external registry is asked to hold at BACKWARD_TRANSITIVE. (Over the Confluent API: EmbeddedSchemaRegistryTest.) */
@ExtendWith(OutputCaptureExtension.class)
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
        SubjectCompatibility.Pass pass = SubjectCompatibility.hold(registry, List.of("customs.events.v1-value", "market.events.v1-value"));

        // then
        assertThat(pass.raised()).containsExactly("customs.events.v1-value (was NONE)");
        assertThat(registry.getCompatibility("customs.events.v1-value")).isEqualTo(Compatibility.BACKWARD_TRANSITIVE);
        assertThat(registry.getCompatibility("market.events.v1-value")).isEqualTo(Compatibility.FULL_TRANSITIVE);
    }

    @Test
    void shouldKeepAForwardCheckWhenRaisingASubjectThatHasOne() {
        // given subjects an operator set to FULL and to FORWARD
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        registry.setCompatibility("tax.events.v1-value", Compatibility.FULL);
        registry.setCompatibility("credit.events.v1-value", Compatibility.FORWARD);

        // when
        SubjectCompatibility.hold(registry, List.of("tax.events.v1-value", "credit.events.v1-value"));

        // then both read every version both ways, not backward only
        assertThat(registry.getCompatibility("tax.events.v1-value")).isEqualTo(Compatibility.FULL_TRANSITIVE);
        assertThat(registry.getCompatibility("credit.events.v1-value")).isEqualTo(Compatibility.FULL_TRANSITIVE);
    }

    @Test
    void shouldGoOnToTheNextSubjectWhenOneIsNotRegisteredYetOrRefused() {
        // given a registry at BACKWARD that, like Apicurio, cannot hold a level for a subject it does not have yet,
        // and refuses another subject outright
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient() {
            @Override
            public void setCompatibility(String subject, Compatibility level) {
                if ("sharebus.disclosures.v1-value".equals(subject)) {
                    throw new SchemaRegistryException("no artifact sharebus.disclosures.v1-value", 404, 40401);
                }
                if ("sharebus.notices.v1-value".equals(subject)) {
                    throw new SchemaRegistryException("forbidden", 403, 40301);
                }
                super.setCompatibility(subject, level);
            }
        };
        registry.setCompatibility(null, Compatibility.BACKWARD);

        // when
        SubjectCompatibility.Pass pass = SubjectCompatibility.hold(registry,
                List.of("sharebus.disclosures.v1-value", "sharebus.notices.v1-value", "customs.events.v1-value"));

        // then the one after them is still raised, and each of the others is told apart
        assertThat(pass.raised()).containsExactly("customs.events.v1-value (was BACKWARD)");
        assertThat(pass.notRegistered()).containsExactly("sharebus.disclosures.v1-value");
        assertThat(pass.refused()).containsOnlyKeys("sharebus.notices.v1-value");
    }

    @Test
    void shouldWarnOnceWithTheRequestAnAdministratorSendsWhenTheRegistryRefuses(CapturedOutput output) {
        // given a registry that refuses configuration to these credentials
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient() {
            @Override
            public void setCompatibility(String subject, Compatibility level) {
                if (subject != null) {
                    throw new SchemaRegistryException("PUT /config/" + subject + " forbidden", 403, 40301);
                }
                super.setCompatibility(null, level);
            }
        };
        registry.setCompatibility(null, Compatibility.BACKWARD);
        SubjectCompatibility holder = new SubjectCompatibility(registry, "http://registry:8081", List.of("tax.events.v1-value"));

        // when two passes run
        holder.pass();
        holder.pass();

        // then one WARN names the subject, the reason and a request that can be sent as it is
        assertThat(output.getOut().split("Could not hold schema registry subject tax.events.v1-value", -1)).hasSize(2);
        assertThat(output.getOut()).contains("PUT http://registry:8081/config/tax.events.v1-value with {\"compatibility\":\"BACKWARD_TRANSITIVE\"}")
                .contains("PUT /config/tax.events.v1-value forbidden");
        holder.close();
    }
}
