package org.sharebus.consumers.inspection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Inspection settings that are not law ({@code sharebus.inspection.*}).
 *
 * @param inspectorsCsv the inspector pool (执法检查人员名录库) as CSV ({@value InspectorPool#CSV_HEADER});
 *                      without it the pool comes from an {@link InspectorPool.Fallback} bean (the
 *                      launcher's seed roster), else it is empty and every draw is refused
 */
@ConfigurationProperties("sharebus.inspection")
public record InspectionProperties(Resource inspectorsCsv) {
}
