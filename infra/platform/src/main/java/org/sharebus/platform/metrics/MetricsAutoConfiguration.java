package org.sharebus.platform.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Meter naming shared by every deployable; Boot applies MeterFilter beans to each registry it creates. */
@AutoConfiguration
@ConditionalOnClass(MeterFilter.class)
public class MetricsAutoConfiguration {

    @Bean
    MeterFilter prometheusConventions() {
        return new PrometheusConventions();
    }
}
