package org.sharebus.platform.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The schema registry is reachable when {@code GET /subjects} answers 200 within the timeout. Its
 * own HTTP call rather than the registry client's: the client retries (rightly, for producers), which
 * would hold a health probe for many seconds while the registry is down.
 */
public class SchemaRegistryHealthIndicator implements HealthIndicator {

    private final URI subjects;
    private final Duration timeout;
    private final HttpClient http;

    public SchemaRegistryHealthIndicator(URI registryUrl, Duration timeout) {
        String base = registryUrl.toString();
        this.subjects = URI.create((base.endsWith("/") ? base : base + "/") + "subjects");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public Health health() {
        HttpRequest request = HttpRequest.newBuilder(subjects).timeout(timeout).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Health.up().withDetail("url", subjects.toString()).build();
            }
            return down("GET " + subjects + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        } catch (HttpTimeoutException e) {
            return down("GET " + subjects + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return down("GET " + subjects + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted while calling GET " + subjects);
        }
    }

    private Health down(String reason) {
        return Health.down().withDetail("url", subjects.toString()).withDetail("error", reason).build();
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
