package org.sharebus.gateway.publish;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}): the publishing
 * endpoints read their body themselves, so their request bodies are described here, with one
 * example per event type made from the contract ({@link ExampleEvents}).
 */
@Configuration(proxyBeanMethods = false)
class GatewayOpenApi {

    private static final String BEARER = "departmentKey";

    @Bean
    OpenApiCustomizer gatewayEventExamples(EventTypes types) {
        return openApi -> {
            openApi.info(new Info().title("sharebus department gateway").version("v1")
                    .description("Publish enterprise facts to the bus. Answers come after the broker's acknowledgement, with a receipt."
                            + " Refusals are application/problem+json with errors {index, field, rule, message}."));
            openApi.components(openApi.getComponents() == null ? new Components() : openApi.getComponents());
            openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("The department's API key: Authorization: Bearer <key>"));
            Map<String, Example> single = new LinkedHashMap<>();
            Map<String, Example> batches = new LinkedHashMap<>();
            for (EventTypes.EventType type : types.all()) {
                // Ids new at each start, one for each example: their times are the start's, so an id kept from the
                // last run (receipts outlive restarts) would meet other content and be refused 409, and one shared
                // with the single example would make the batch's a resend that publishes nothing.
                String summary = type.department() + ": " + type.name();
                single.put(type.name(), new Example().summary(summary).description(type.payloadSchema().getDoc())
                        .value(ExampleEvents.of(type, UUID.randomUUID())));
                batches.put(type.name(), new Example().summary(summary).value(List.of(ExampleEvents.of(type, UUID.randomUUID()))));
            }
            describe(openApi, "/api/v1/events", "One event; 201 with the receipt, 200 with the original receipt for a resend",
                    new ObjectSchema(), single);
            describe(openApi, "/api/v1/events/batch", "1 to 1,000 events; 200 with one result per event in order",
                    new ArraySchema().items(new ObjectSchema()), batches);
            // The GETs that want a key: Swagger UI sends the Authorization header only where a security requirement says so.
            for (String path : List.of("/api/v1/events/{eventId}", "/api/v1/audit/verify")) {
                PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
                if (item != null && item.getGet() != null) {
                    item.getGet().addSecurityItem(new SecurityRequirement().addList(BEARER));
                }
            }
        };
    }

    private static void describe(OpenAPI openApi, String path, String description, Schema<?> schema,
                                 Map<String, Example> examples) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        if (item == null || item.getPost() == null) {
            return;
        }
        Operation post = item.getPost();
        post.addSecurityItem(new SecurityRequirement().addList(BEARER));
        post.requestBody(new RequestBody().required(true).description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(schema).examples(examples))));
    }
}
