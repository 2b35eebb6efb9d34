package org.sharebus.platform.metrics;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.sharebus.platform.topics.TopicsAutoConfiguration;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Metrics every deployable shares; Boot applies MeterFilter beans and binds MeterBinder beans to each registry. */
@AutoConfiguration(after = TopicsAutoConfiguration.class)
@ConditionalOnClass({MeterFilter.class, MeterBinder.class})
@EnableConfigurationProperties(SilenceProperties.class)
public class MetricsAutoConfiguration {

    @Bean
    MeterFilter prometheusConventions() {
        return new PrometheusConventions();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBean({KafkaAdmin.class, TopicCatalogue.class})
    DepartmentActivity departmentActivity(KafkaAdmin kafkaAdmin, TopicCatalogue catalogue, SilenceProperties silence) {
        return new DepartmentActivity(Admin.create(kafkaAdmin.getConfigurationProperties()), catalogue, silence, Clock.systemUTC());
    }
}
