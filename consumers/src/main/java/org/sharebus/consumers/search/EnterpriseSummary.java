package org.sharebus.consumers.search;

import java.time.Instant;

/**
 * One enterprise as the search read model holds it: enough to find it and to list it, the rest
 * is in its profile ({@code GET /api/v1/enterprises/{uscc}}).
 *
 * @param district  Hangzhou district or county (西湖区); null outside Hangzhou's table
 * @param riskClass credit-risk class A–D, UNKNOWN before any evaluation (INTERNAL to market supervision)
 * @param riskScore its points; both null for a reader who may not see them ({@link #withoutRisk()})
 * @param eventCount the events every department may know of: not those their department marked INTERNAL
 * @param lastOccurredAt when the latest of them came about; null: none
 * @param changedAt when the bus last changed what every department sees of the profile; null: never
 */
public record EnterpriseSummary(String uscc, String name, String regionCode, String district, String entityType,
                                String industryCode, String status, String riskClass, Integer riskScore, long eventCount,
                                Instant lastOccurredAt, Instant changedAt) {

    /** The same enterprise without its risk class and score, for readers who may not see them. */
    public EnterpriseSummary withoutRisk() {
        return new EnterpriseSummary(uscc, name, regionCode, district, entityType, industryCode, status, null, null, eventCount,
                lastOccurredAt, changedAt);
    }
}
