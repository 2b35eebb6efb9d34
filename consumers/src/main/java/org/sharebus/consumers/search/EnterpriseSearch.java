package org.sharebus.consumers.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharebus.profile.EnterpriseProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The search read model in PostgreSQL ({@code consumers.enterprise}): written by
 * {@link SearchProjection}, read by the search API and the staff pages.
 */
@Service
public class EnterpriseSearch {

    private static final String COLUMNS = "uscc, name, region_code, district, entity_type, industry_code, status,"
            + " risk_class, risk_score, event_count, last_occurred_at, profile_updated_at";

    private final JdbcClient jdbc;

    EnterpriseSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts or replaces the enterprise's row. Idempotent, and an older profile (a record read
     * again after a rebalance, a replay) never replaces a newer one.
     *
     * @return whether the row changed
     */
    boolean upsert(EnterpriseProfile profile, int partition, long offset) {
        return jdbc.sql("""
                        INSERT INTO consumers.enterprise (uscc, name, region_code, district, entity_type, industry_code, status,
                            risk_class, risk_score, event_count, last_occurred_at, profile_updated_at, source_partition, source_offset)
                        VALUES (:uscc, :name, :regionCode, :district, :entityType, :industryCode, :status,
                            :riskClass, :riskScore, :eventCount, :lastOccurredAt, :updatedAt, :partition, :offset)
                        ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code,
                            district = EXCLUDED.district, entity_type = EXCLUDED.entity_type, industry_code = EXCLUDED.industry_code,
                            status = EXCLUDED.status, risk_class = EXCLUDED.risk_class, risk_score = EXCLUDED.risk_score,
                            event_count = EXCLUDED.event_count, last_occurred_at = EXCLUDED.last_occurred_at,
                            profile_updated_at = EXCLUDED.profile_updated_at, source_partition = EXCLUDED.source_partition,
                            source_offset = EXCLUDED.source_offset
                        WHERE consumers.enterprise.profile_updated_at <= EXCLUDED.profile_updated_at""")
                .param("uscc", profile.getUscc())
                .param("name", profile.getName())
                .param("regionCode", profile.getIdentity().getRegionCode())
                .param("district", profile.getIdentity().getDistrict())
                .param("entityType", profile.getIdentity().getEntityType())
                .param("industryCode", profile.getIdentity().getIndustryCode())
                .param("status", profile.getIdentity().getStatus().name())
                .param("riskClass", profile.getRisk().getRiskClass().name())
                .param("riskScore", profile.getRisk().getScore())
                .param("eventCount", profile.getEventCount())
                .param("lastOccurredAt", Timestamp.from(profile.getLastOccurredAt()))
                .param("updatedAt", Timestamp.from(profile.getUpdatedAt()))
                .param("partition", partition)
                .param("offset", offset)
                .update() == 1;
    }

    /** A tombstone on the profile topic: the enterprise is gone from the read model. */
    boolean delete(String uscc) {
        return jdbc.sql("DELETE FROM consumers.enterprise WHERE uscc = :uscc").param("uscc", uscc).update() == 1;
    }

    /** The enterprises that match every criterion, by name, one page. */
    public SearchPage<EnterpriseSummary> search(SearchCriteria criteria) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (criteria.name() != null) {
            where.add("(name ILIKE :name ESCAPE '\\' OR uscc ILIKE :name ESCAPE '\\')");
            params.put("name", "%" + escapeLike(criteria.name()) + "%");
        }
        if (criteria.district() != null) {
            where.add(criteria.district().matches("\\d{6}") ? "region_code = :district" : "district = :district");
            params.put("district", criteria.district());
        }
        if (criteria.riskClass() != null) {
            where.add("risk_class = :riskClass");
            params.put("riskClass", criteria.riskClass());
        }
        if (criteria.status() != null) {
            where.add("status = :status");
            params.put("status", criteria.status());
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = jdbc.sql("SELECT count(*) FROM consumers.enterprise" + filter).params(params).query(Long.class).single();
        List<EnterpriseSummary> content = jdbc.sql("SELECT " + COLUMNS + " FROM consumers.enterprise" + filter
                        + " ORDER BY name, uscc LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", criteria.size())
                .param("offset", (long) criteria.page() * criteria.size())
                .query(EnterpriseSearch::summary).list();
        return new SearchPage<>(content, criteria.page(), criteria.size(), total);
    }

    private static EnterpriseSummary summary(ResultSet rs, int row) throws SQLException {
        return new EnterpriseSummary(rs.getString("uscc"), rs.getString("name"), rs.getString("region_code"),
                rs.getString("district"), rs.getString("entity_type"), rs.getString("industry_code"), rs.getString("status"),
                rs.getString("risk_class"), rs.getInt("risk_score"), rs.getLong("event_count"),
                rs.getTimestamp("last_occurred_at").toInstant(), rs.getTimestamp("profile_updated_at").toInstant());
    }

    /** The user's text is matched literally: %, _ and \ lose their LIKE meaning. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
