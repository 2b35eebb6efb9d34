package org.sharebus.consumers.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumers' REST API in the OpenAPI document ({@code /v3/api-docs}, UI at
 * {@code /swagger-ui.html}): what each query answers, the key it wants and every refusal it may
 * give. The controllers answer with problem details they build themselves, so the refusals are
 * described here, once, instead of as annotations on every method. In the all-in-one launcher
 * the gateway's operations are in the same document, which then carries the gateway's title.
 */
@Configuration(proxyBeanMethods = false)
class ConsumersOpenApi {

    static final String KEY = "departmentKey";
    private static final String PROBLEM = "application/problem+json";

    static {
        // Set by ApiAuthentication from the Authorization header, not sent by the caller.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(ApiCaller.class);
    }

    /** Path → method → (summary, description, the refusals besides 401). */
    private record Described(String summary, String description, Map<String, String> refusals) {
    }

    /** The read model's database not answering (ApiProblems). */
    private static final String DATABASE_DOWN = "The read model's database does not answer; ask again after Retry-After seconds.";

    private static final Map<String, Described> OPERATIONS = Map.of(
            "/api/v1/enterprises/{uscc}", new Described("One enterprise's credit profile",
                    "The profile built from every department's events (EnterpriseProfile.avsc as JSON: records as objects, unions as"
                            + " their value, enums as symbols, dates ISO-8601), as the caller may see it: PUBLIC and SHARED facts, INTERNAL"
                            + " ones of the caller's own department, the risk class and its factors for the risk department only."
                            + " Any instance answers; a USCC held by another is forwarded there.",
                    Map.of("400", "The USCC breaks a rule (length, characters, check digit); the problem names the rule.",
                            "404", "No department has published about this USCC.",
                            "503", "The profile store is starting or moving between instances; ask again after Retry-After seconds.")),
            "/api/v1/enterprises/{uscc}/timeline", new Described("One enterprise's latest events",
                    "The last events applied to the profile, newest first, filtered like the profile.",
                    Map.of("400", "The USCC breaks a rule; the problem names it.",
                            "404", "No department has published about this USCC.",
                            "503", "The profile store is starting or moving; ask again after Retry-After seconds.")),
            "/api/v1/enterprises", new Described("Search enterprises",
                    "From the PostgreSQL read model, by name or USCC fragment, district (name or region code), risk class and status;"
                            + " pages of {content, page, size, totalElements}. Only the risk department sees and filters by risk class.",
                    Map.of("400", "A parameter breaks a rule (e.g. size over 100, unknown status); the problem names the field and rule.",
                            "403", "Search by riskClass from a department other than the risk department (rule internal).",
                            "503", DATABASE_DOWN)),
            "/api/v1/notices", new Described("Linked supervision notices for a department",
                    "The caller's own department's notices (跨部门联动通报), paged, by status and USCC; without the staff's remarks.",
                    Map.of("400", "A parameter breaks a rule; the problem names the field and rule.",
                            "403", "Another department's notices (rule own-department).",
                            "503", DATABASE_DOWN)),
            "/api/v1/public/results", new Described("Published inspection results (open to all)",
                    "双随机抽查结果公示: published results, personal data masked, newest first, 20 a page. No key needed.",
                    Map.of("400", "q over 100 characters, a bad page or an unknown parameter; the problem names the field and rule.",
                            "503", DATABASE_DOWN)));

    @Bean
    OpenApiCustomizer consumersApiDescription() {
        return openApi -> {
            if (openApi.getInfo() == null || openApi.getInfo().getTitle() == null || openApi.getInfo().getTitle().equals("OpenAPI definition")) {
                openApi.info(new Info().title("sharebus consumer services").version("v1")
                        .description("Enterprise credit profiles, search, linked supervision notices and published inspection results."
                                + " Every /api/v1 path but /api/v1/public wants a department's key; refusals are application/problem+json."));
            }
            openApi.components(openApi.getComponents() == null ? new Components() : openApi.getComponents());
            openApi.getComponents().addSecuritySchemes(KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("The department's API key: Authorization: Bearer <key>"));
            OPERATIONS.forEach((path, described) -> describe(openApi, path, described));
        };
    }

    private static void describe(OpenAPI openApi, String path, Described described) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        if (item == null || item.getGet() == null) {
            return;
        }
        Operation get = item.getGet().summary(described.summary()).description(described.description());
        ApiResponses responses = get.getResponses() == null ? new ApiResponses() : get.getResponses();
        // springdoc lists every exception handler it found under each operation; these are the ones this path gives.
        responses.keySet().removeIf(status -> !status.startsWith("2"));
        if (!path.startsWith("/api/v1/public/")) {
            get.security(List.of(new SecurityRequirement().addList(KEY)));
            responses.addApiResponse("401", problem("No key, or a key no department has."));
        }
        described.refusals().forEach((status, why) -> {
            ApiResponse response = problem(why);
            if (status.equals("503")) {
                response.addHeaderObject("Retry-After", new Header().description("Seconds to wait").schema(new IntegerSchema()));
            }
            responses.addApiResponse(status, response);
        });
        get.responses(responses);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM, new MediaType().schema(new ObjectSchema().description(
                        "RFC 9457 problem details: type, title, status, detail, and field and rule where a parameter broke one"))));
    }
}
