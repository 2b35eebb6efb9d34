package org.sharebus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.platform.testing.RawHttp;
import tools.jackson.databind.JsonNode;

/**
 * Requests Tomcat refuses before the gateway sees them, sent as raw bytes on a socket (an HTTP client
 * would encode or refuse them itself): answered as problem+json saying what to send instead, on
 * every path, not with Tomcat's HTML page.
 */
class TomcatRefusalsTest extends GatewayIntegrationTest {

    private static final String HEADERS = "Host: 127.0.0.1\r\nAuthorization: Bearer " + CUSTOMS_KEY + "\r\nConnection: close\r\n";

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a raw UTF-8 character in the path", "GET /api/v1/events/统一 HTTP/1.1\r\n" + HEADERS,
                        400, "invalid-uri", "percent-encode non-ASCII characters of the path and query as UTF-8 (统一 is %E7%BB%9F%E4%B8%80)", null),
                Arguments.of("a raw space in the path", "GET /api/v1/events/a b HTTP/1.1\r\n" + HEADERS,
                        400, "invalid-request-line", "a space in the path or query splits it", null),
                Arguments.of("a malformed percent-encoding", "GET /api/v1/events/%zz HTTP/1.1\r\n" + HEADERS,
                        400, "invalid-uri", "send a % itself as %25", "/api/v1/events/%zz"),
                Arguments.of("a GBK percent-encoding", "GET /api/v1/events/%D6%D0%CE%C4 HTTP/1.1\r\n" + HEADERS,
                        400, "invalid-uri", "percent-encoded bytes are not UTF-8", "/api/v1/events/%D6%D0%CE%C4"),
                Arguments.of("an encoded slash", "GET /api/v1/events/a%2Fb HTTP/1.1\r\n" + HEADERS,
                        400, "invalid-uri", "encoded slash (%2F)", "/api/v1/events/a%2Fb"),
                Arguments.of("an encoded backslash", "GET /api/v1/events/a%5Cb HTTP/1.1\r\n" + HEADERS,
                        400, "invalid-uri", "encoded backslash (%5C)", "/api/v1/events/a%5Cb"),
                Arguments.of("a request line over the limit", "GET /api/v1/events/" + "a".repeat(9000) + " HTTP/1.1\r\n" + HEADERS,
                        414, "uri-too-long", "longer than the 8192 bytes this server reads", null),
                Arguments.of("headers over the limit", "GET /api/v1/events HTTP/1.1\r\nCookie: " + "a".repeat(9000) + "\r\n" + HEADERS,
                        431, "headers-too-large", "send fewer or shorter headers", "/api/v1/events"),
                Arguments.of("a control character in a header", "GET /api/v1/events HTTP/1.1\r\nX-Trace: a\u0001b\r\n" + HEADERS,
                        400, "invalid-header", "the header line [X-Trace", "/api/v1/events"),
                Arguments.of("a malformed percent-encoding outside /api/", "GET /swagger-ui/%zz HTTP/1.1\r\n" + HEADERS,
                        400, "invalid-uri", "send a % itself as %25", "/swagger-ui/%zz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void shouldAnswerProblemJsonWhenTomcatRefusesTheRequest(String what, String request, int status, String slug,
                                                            String detail, String instance) throws IOException {
        // when
        RawHttp.Response response = RawHttp.send(port, request + "\r\n");

        // then
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).as(response.body()).isEqualTo(Problem.MEDIA_TYPE);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo(Problem.TYPE_PREFIX + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).contains(detail);
        assertThat(problem.has("instance") ? problem.get("instance").asString() : null).isEqualTo(instance);
    }

    /** An HTTP/1.1 answer read off a socket: status, headers by lower-case name, body as UTF-8. */
}
