package org.sharebus.consumers.search;

import java.time.Instant;

/**
 * One enterprise as the search read model holds it: enough to find it and to list it, the rest
 * is in its profile ({@code GET /api/v1/enterprises/{uscc}}).
 *
 * @param district  Hangzhou district or county (西湖区); null outside Hangzhou's table
 * @param riskClass credit-risk class A–D, UNKNOWN before any evaluation (INTERNAL to market supervision)
 */
public record EnterpriseSummary(String uscc, String name, String regionCode, String district, String entityType,
                                String industryCode, String status, String riskClass, int riskScore, long eventCount,
                                Instant lastOccurredAt, Instant updatedAt) {
}
