package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sharebus.gateway.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document carries an example per event type, and the UI answers at /swagger-ui.html. */
class OpenApiTest extends GatewayIntegrationTest {

    @Test
    void shouldOfferAnExamplePerEventTypeWhenTheOpenApiDocumentIsRead() {
        // when
        Response response = get("/v3/api-docs", null);

        // then
        assertThat(response.status()).isEqualTo(200);
        JsonNode examples = response.json().at("/paths/~1api~1v1~1events/post/requestBody/content/application~1json/examples");
        assertThat(examples.propertyNames()).containsExactlyInAnyOrderElementsOf(
                eventTypes.all().stream().map(EventTypes.EventType::name).toList());
        assertThat(examples.get("CustomsPenaltyDecided").at("/value/payload/amount").asString()).isEqualTo("1000.00");
        assertThat(response.json().at("/paths/~1api~1v1~1events~1batch/post/requestBody/content/application~1json/examples")
                .propertyNames()).contains("CustomsPenaltyDecided");
    }

    @Test
    void shouldServeTheSwaggerUi() {
        // when
        Response response = get("/swagger-ui/index.html", null);
        Response redirect = get("/swagger-ui.html", null);

        // then
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("swagger-ui");
        assertThat(redirect.status()).isIn(200, 302);
    }
}
