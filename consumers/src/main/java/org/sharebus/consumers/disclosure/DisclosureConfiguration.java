package org.sharebus.consumers.disclosure;

import io.micrometer.core.instrument.MeterRegistry;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The disclosure projection's container, and {@code ?lang=en}/{@code ?lang=zh} on the public
 * pages (the staff configuration registers it for {@code /staff/**} only). The public pages need
 * no security rule: the staff filter chain matches {@code /staff/**} only.
 */
@Configuration(proxyBeanMethods = false)
class DisclosureConfiguration implements WebMvcConfigurer {

    static final String DISCLOSURES_CONTAINER_FACTORY = "disclosureProjectionContainerFactory";

    @Bean(DISCLOSURES_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> disclosureProjectionContainerFactory(
            ConsumerFactory<?, ?> bootConsumers, ProducerFactory<?, ?> bootProducers, MeterRegistry meters) {
        return ProjectionContainers.forTopic(TopicCatalogue.DISCLOSURES, bootConsumers, bootProducers, meters);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/public/**");
    }
}
