package org.sharebus.launcher;

import org.sharebus.consumers.ConsumersApplication;
import org.sharebus.gateway.GatewayApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The whole bus in one process: the gateway and the consumer services on one web port, standing
 * on the embedded default (in-process KRaft broker, schema registry, PostgreSQL) unless external
 * ones are configured. {@code java -jar infra/launcher/target/sharebus.jar}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({GatewayApplication.class, ConsumersApplication.class, StartupReport.class, SeedInspectorPool.class})
public class SharebusLauncher {

    public static void main(String[] args) {
        SpringApplication.run(SharebusLauncher.class, args);
    }
}
