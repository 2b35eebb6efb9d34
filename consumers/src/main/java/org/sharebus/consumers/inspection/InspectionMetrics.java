package org.sharebus.consumers.inspection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.sharebus.event.common.Department;
import org.sharebus.inspection.InspectionResult;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.stereotype.Component;

/**
 * {@code sharebus.inspections.drawn{department}} and {@code sharebus.inspection.results{department,
 * result}}, counted when the broker has taken the staff action (not when the projection reads it,
 * which a replay would count again). Registered for every department and code at start, so a
 * dashboard shows 0 rather than no data.
 */
@Component
class InspectionMetrics {

    private final MeterRegistry meters;

    InspectionMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Department department : TopicCatalogue.publishingDepartments()) {
            drawn(department);
            for (String code : InspectionService.publishedCodes()) {
                results(department, InspectionResult.valueOf(code));
            }
        }
    }

    Counter drawn(Department department) {
        return Counter.builder("sharebus.inspections.drawn").tag("department", department.name())
                .description("Inspection plans drawn (双随机抽查计划)").register(meters);
    }

    Counter results(Department department, InspectionResult result) {
        return Counter.builder("sharebus.inspection.results").tag("department", department.name()).tag("result", result.name())
                .description("Inspection results recorded, by result code").register(meters);
    }
}
