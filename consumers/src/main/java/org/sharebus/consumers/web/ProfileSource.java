package org.sharebus.consumers.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.sharebus.consumers.api.ApiCaller;
import org.sharebus.consumers.api.ApiKeys;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches a profile for the staff pages from this instance's own profile API
 * ({@code GET /api/v1/enterprises/{uscc}}), which already knows which instance holds the key and
 * forwards there: the page gets the same answer as any API client, from any instance, without a
 * second copy of the forwarding. It asks with the instance key on behalf of the member of staff's
 * department ({@value ApiCaller#ON_BEHALF_HEADER}), so it gets that department's answer, by the one
 * rule the API applies ({@code ProfileVisibility}): a 404 where only another department's INTERNAL
 * events told the bus of the enterprise, and only what the department may see.
 */
@Component
class ProfileSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ApplicationContext context;
    private final ApiKeys keys;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectReader json;

    ProfileSource(ApplicationContext context, JsonMapper mapper, ApiKeys keys) {
        this.context = context;
        this.keys = keys;
        // Decimals (fines, amounts) as BigDecimal: a double would print 1250000.0.
        this.json = mapper.readerFor(Map.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** What the profile API answered. */
    sealed interface Answer {
        record Found(Map<String, Object> profile) implements Answer {
        }

        record NotFound(String uscc) implements Answer {
        }

        /** 400 (invalid USCC) or 503 (store not ready): the API's own explanation. */
        record Problem(int status, String detail) implements Answer {
        }
    }

    /** @param staff the member of staff asking: their department's answer, and their name for the API's access log */
    Answer fetch(String uscc, StaffMember staff) {
        URI uri = URI.create("http://127.0.0.1:" + port() + "/api/v1/enterprises/" + URLEncoder.encode(uscc, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "application/json").header("Authorization", keys.instanceAuthorization())
                    .header(ApiCaller.STAFF_HEADER, URLEncoder.encode(staff.username(), StandardCharsets.UTF_8))
                    .header(ApiCaller.ON_BEHALF_HEADER, staff.department().name()).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, Object> body = json.readValue(response.body());
            return switch (response.statusCode()) {
                case 200 -> new Answer.Found(body);
                case 404 -> new Answer.NotFound(uscc);
                default -> new Answer.Problem(response.statusCode(), String.valueOf(body.get("detail")));
            };
        } catch (IOException e) {
            return new Answer.Problem(503, "the profile API at " + uri + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Problem(503, "interrupted while asking " + uri);
        }
    }

    private int port() {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        throw new IllegalStateException("the staff pages need the web server's port to reach the profile API");
    }
}
