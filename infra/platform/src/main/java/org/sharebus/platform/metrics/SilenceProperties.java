package org.sharebus.platform.metrics;

import java.time.Duration;
import java.util.Map;
import org.sharebus.event.common.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each department may publish nothing before operations are told
 * ({@code SharebusDepartmentSilent}): {@code sharebus.silence.default-threshold} (24 h unless set),
 * or per department, e.g. {@code sharebus.silence.departments.COMMERCE=7d} for a department that
 * reports quarterly in bulk.
 */
@ConfigurationProperties("sharebus.silence")
public record SilenceProperties(@DefaultValue("24h") Duration defaultThreshold, Map<Department, Duration> departments) {

    public SilenceProperties {
        departments = departments == null ? Map.of() : Map.copyOf(departments);
    }

    public Duration thresholdOf(Department department) {
        return departments.getOrDefault(department, defaultThreshold);
    }
}
