package org.sharebus.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.sharebus.gateway.publish.EventTypes;
import org.sharebus.gateway.publish.EventTypes.EventType;
import org.sharebus.gateway.publish.ExampleEvents;
import org.sharebus.topic.TopicCatalogue;
import tools.jackson.databind.JsonNode;

/** Who may publish what: credentials, and each department kept to its own event types. */
class AuthorisationTest extends GatewayIntegrationTest {

    private static final EventTypes TYPES = new EventTypes();
    private static final List<Department> DEPARTMENTS = TopicCatalogue.publishingDepartments();

    /** Each department with one of its own event types and one of the next department's. */
    static Stream<Arguments> departmentsWithOwnAndForeignTypes() {
        return DEPARTMENTS.stream().flatMap(department -> {
            Department other = DEPARTMENTS.get((DEPARTMENTS.indexOf(department) + 1) % DEPARTMENTS.size());
            return Stream.of(Arguments.of(department, TYPES.of(department).get(0).name(), true),
                    Arguments.of(department, TYPES.of(other).get(0).name(), false));
        });
    }

    @ParameterizedTest(name = "{0} publishing {1}: allowed={2}")
    @MethodSource("departmentsWithOwnAndForeignTypes")
    void shouldPublishOwnEventTypesAndRefuseOthersWith403(Department department, String eventType, boolean own) {
        // given
        EventType type = TYPES.find(eventType).orElseThrow();
        UUID id = UUID.randomUUID();

        // when
        Response response = post("/api/v1/events", DepartmentKeys.demoKey(department), json(ExampleEvents.of(type, id)));

        // then
        if (own) {
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(response.json().get("department").asString()).isEqualTo(department.name());
        } else {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("eventType");
            assertThat(error.get("rule").asString()).isEqualTo("forbidden");
            assertThat(error.get("message").asString()).contains(department.name(), eventType, type.department().name());
            assertThat(response.json().get("detail").asString()).isEqualTo("the event was not published: eventType '" + eventType
                    + "' is an event type of " + type.department() + "; " + department + " may publish only its own");
            assertThat(recordsOf(TopicCatalogue.standard().department(type.department()).name(), id)).isEmpty();
        }
    }

    @Test
    void shouldAnswer401WhenCredentialsAreMissing() {
        // when
        Response response = post("/api/v1/events", null, json(customsPenalty(UUID.randomUUID())));

        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:sharebus:problem:unauthenticated");
    }

    @Test
    void shouldAnswer401WhenTheKeyIsUnknown() {
        // when
        Response response = post("/api/v1/events/batch", "demo-key-customs-guessed", json(List.of(customsPenalty(UUID.randomUUID()))));

        // then
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("Authorization: Bearer");
    }

    @Test
    void shouldNotShowAnotherDepartmentsReceiptWhenAskedByEventId() {
        // given
        UUID id = UUID.randomUUID();
        post("/api/v1/events", CUSTOMS_KEY, json(customsPenalty(id)));

        // when
        Response response = get("/api/v1/events/" + id, DepartmentKeys.demoKey(Department.TAX));

        // then tax is told the id is not one of its events, and not invited to publish under it
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asString()).isEqualTo(id + " is not the id of an event TAX has published");
    }
}
