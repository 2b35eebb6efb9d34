package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sharebus.gateway.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document carries an example per event type, and the UI answers at /swagger-ui.html, where / and
 * the error page of a browser lead.
 */
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
    void shouldShowYearsAndCountsAReaderTakesForRealWhenTheExampleHasWholeNumbers() {
        // when
        JsonNode examples = get("/v3/api-docs", null).json()
                .at("/paths/~1api~1v1~1events/post/requestBody/content/application~1json/examples");

        // then a year is last year's, not the placeholder 1, and a count or score is a real one
        int lastYear = java.time.Year.now().getValue() - 1;
        assertThat(examples.at("/AnnualReportFiled/value/payload/reportYear").asInt()).isEqualTo(lastYear);
        assertThat(examples.at("/AnnualReportFiled/value/payload/employeeCount").asInt()).isGreaterThan(1);
        assertThat(examples.at("/TaxCreditLevelPublished/value/payload/year").asInt()).isEqualTo(lastYear);
        assertThat(examples.at("/TaxCreditLevelPublished/value/payload/score").asInt()).isBetween(90, 100);
    }

    @Test
    void shouldPublishTheBatchExampleAfterTheSingleOneAndAskForTheKeyOnEveryKeyedEndpointWhenADepartmentTriesThemOut() {
        // given the examples of one event type, as Swagger UI offers them
        JsonNode document = get("/v3/api-docs", null).json();
        JsonNode one = document.at("/paths/~1api~1v1~1events/post/requestBody/content/application~1json/examples/TaxCreditLevelPublished/value");
        JsonNode batch = document.at("/paths/~1api~1v1~1events~1batch/post/requestBody/content/application~1json/examples/TaxCreditLevelPublished/value");

        // when a tax developer tries the single example, then the batch one
        String taxKey = org.sharebus.gateway.auth.DepartmentKeys.demoKey(org.sharebus.event.common.Department.TAX);
        Response single = post("/api/v1/events", taxKey, one.toString());
        Response batched = post("/api/v1/events/batch", taxKey, batch.toString());

        // then both publish (the batch's is not a resend of the single one's id)
        assertThat(single.status()).isEqualTo(201);
        assertThat(batched.status()).isEqualTo(200);
        assertThat(batched.json().path("accepted").asInt()).isEqualTo(1);
        // and the audit check, like the receipt, says it wants the key
        for (String path : java.util.List.of("/paths/~1api~1v1~1audit~1verify/get/security", "/paths/~1api~1v1~1events~1{eventId}/get/security")) {
            assertThat(document.at(path).toString()).as(path).contains("departmentKey");
        }
    }

    @Test
    void shouldDescribeTheBatchAnswerFieldByField() {
        // when
        JsonNode schemas = get("/v3/api-docs", null).json().at("/components/schemas");

        // then the document shows a department what a batch answer holds, down to the receipt
        assertThat(schemas.at("/BatchResult/properties").propertyNames())
                .containsExactlyInAnyOrder("requestId", "accepted", "duplicates", "refused", "results");
        assertThat(schemas.at("/ItemResult/properties").propertyNames())
                .contains("index", "eventId", "eventType", "outcome", "status", "receipt", "errors");
        assertThat(schemas.at("/Receipt/properties").propertyNames())
                .contains("eventId", "topic", "partition", "offset", "timestamp", "sha256");
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

    @Test
    void shouldLeadABrowserOpeningTheGatewaysAddressToTheApiDocumentation() {
        // when
        HttpResponse<String> home = exchange("GET", "/", null);

        // then
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/swagger-ui.html"));
    }

    @Test
    void shouldShowABrowserAPageLeadingToTheApiDocumentationWhenItOpensAnAddressTheGatewayDoesNotServe() throws Exception {
        // when a browser opens an address outside the API, one that could carry markup
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/staff/%3Cb%3Eenterprises")).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        // then the page names the gateway and leads to its documentation, in both languages, the address as sent
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("地址不存在 · Not found", "sharebus 部门网关", "sharebus department gateway",
                "href=\"/swagger-ui.html\"", "<code id=\"error-path\">/staff/%3Cb%3Eenterprises</code>")
                .doesNotContain("Whitelabel", "<b>");
    }
}
