package org.sharebus.gateway;

import java.net.URI;
import org.sharebus.registry.InMemorySchemaRegistryClient;
import org.sharebus.registry.RestSchemaRegistryClient;
import org.sharebus.registry.SchemaRegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The schema-registry client the gateway encodes with, when the platform provides none. Ordered
 * last among auto-configurations, so a client the platform defines (the embedded registry's, or one
 * for {@code sharebus.registry.url}) always wins.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
public class GatewayRegistryFallback {

    private static final Logger log = LoggerFactory.getLogger(GatewayRegistryFallback.class);

    @Bean
    @ConditionalOnMissingBean
    SchemaRegistryClient gatewaySchemaRegistryClient(Environment environment) {
        String url = environment.getProperty("sharebus.registry.url");
        if (url != null && !url.isBlank()) {
            return new RestSchemaRegistryClient(URI.create(url));
        }
        log.warn("No schema registry configured (sharebus.registry.url) and none provided by the platform: "
                + "schema ids are kept in this process only");
        return new InMemorySchemaRegistryClient();
    }
}
