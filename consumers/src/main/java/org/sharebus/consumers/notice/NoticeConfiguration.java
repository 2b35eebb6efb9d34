package org.sharebus.consumers.notice;

import io.micrometer.core.instrument.MeterRegistry;
import org.sharebus.consumers.inspection.InspectionRules;
import org.sharebus.consumers.inspection.WorkingCalendar;
import org.sharebus.consumers.rules.Rules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notice rules (from rules.yml), the router the profile builder runs, and the notice meters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticeRules.class)
class NoticeConfiguration {

    @Bean
    NoticeMetrics noticeMetrics(MeterRegistry registry, NoticeRules rules) {
        return new NoticeMetrics(registry, rules);
    }

    @Bean
    NoticeRouter noticeRouter(NoticeRules rules, Rules legal, NoticeMetrics metrics, InspectionRules inspection) {
        return new NoticeRouter(rules, legal, metrics, WorkingCalendar.of(inspection.calendar()));
    }
}
