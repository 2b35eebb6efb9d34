package org.sharebus.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The department gateway (部门网关), deployable alone: departments publish through it, and it acks
 * only after the broker has their event. Started with nothing external configured, it runs on the
 * embedded default (in-process broker, registry and database).
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
