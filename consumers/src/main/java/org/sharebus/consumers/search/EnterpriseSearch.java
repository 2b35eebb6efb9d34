package org.sharebus.consumers.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.sharebus.consumers.rules.DecisionNumbers;
import org.sharebus.consumers.visibility.ProfileVisibility;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.EnterpriseStatus;
import org.sharebus.profile.Identity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The search read model in PostgreSQL ({@code consumers.enterprise}): written by
 * {@link SearchProjection}, read by the search API and the staff pages.
 */
@Service
public class EnterpriseSearch {

    private static final String COLUMNS = "uscc, name, region_code, district, entity_type, industry_code, status,"
            + " risk_class, risk_score, event_count, last_occurred_at, changed_at";

    /**
     * Every row of a batch in one statement, its columns as arrays: a JDBC batch of one statement per
     * row cost PostgreSQL 27 µs of CPU per new row, this 16 (docs/benchmarks.md, Profile replay,
     * 2026-11-29, fifth). Times travel as epoch milliseconds, exact and free of the session's time zone.
     * The guard is the profile's {@code updatedAt}, which moves on every write; {@code changed_at} is
     * what staff see ({@code changedAt}), which an INTERNAL event does not move.
     */
    private static final String UPSERT = """
            INSERT INTO consumers.enterprise (uscc, name, region_code, district, entity_type, industry_code, status,
                risk_class, risk_score, event_count, last_occurred_at, profile_updated_at, changed_at, known_to,
                source_partition, source_offset)
            SELECT uscc, name, region_code, district, entity_type, industry_code, status, risk_class, risk_score, event_count,
                timestamptz 'epoch' + last_occurred_ms * interval '1 millisecond',
                timestamptz 'epoch' + updated_ms * interval '1 millisecond',
                timestamptz 'epoch' + changed_ms * interval '1 millisecond', known_to, source_partition, source_offset
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::int[], ?::bigint[])
                AS row (uscc, name, region_code, district, entity_type, industry_code, status, risk_class, risk_score,
                    event_count, last_occurred_ms, updated_ms, changed_ms, known_to, source_partition, source_offset)
            ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code,
                district = EXCLUDED.district, entity_type = EXCLUDED.entity_type, industry_code = EXCLUDED.industry_code,
                status = EXCLUDED.status, risk_class = EXCLUDED.risk_class, risk_score = EXCLUDED.risk_score,
                event_count = EXCLUDED.event_count, last_occurred_at = EXCLUDED.last_occurred_at,
                profile_updated_at = EXCLUDED.profile_updated_at, changed_at = EXCLUDED.changed_at,
                known_to = EXCLUDED.known_to, source_partition = EXCLUDED.source_partition,
                source_offset = EXCLUDED.source_offset
            WHERE consumers.enterprise.profile_updated_at <= EXCLUDED.profile_updated_at""";
    /** {@link #UPSERT}'s array parameters' element types, in order. */
    private static final String[] UPSERT_TYPES = {"text", "text", "text", "text", "text", "text", "text", "text", "int4", "int8",
            "int8", "int8", "int8", "text", "int4", "int8"};
    private static final String DELETE = "DELETE FROM consumers.enterprise WHERE uscc = ?";
    /** A department's own name and identity of an enterprise ({@code V229}): replaced whenever the enterprise's row is. */
    private static final String DELETE_KEPT = "DELETE FROM consumers.enterprise_kept WHERE uscc = ANY(?)";
    private static final String INSERT_KEPT = """
            INSERT INTO consumers.enterprise_kept (uscc, department, name, region_code, district, entity_type, industry_code, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    /** The columns a department that kept a change of them to itself knows otherwise ({@link #keptRows}). */
    private static final List<String> KEPT_COLUMNS = List.of("name", "region_code", "district", "entity_type", "industry_code", "status");

    /**
     * The viewer's own row of an enterprise, if its department kept a change of the name or identity to
     * itself ({@code :viewer}, a department's name; "" for none); {@link #seen} reads it over the shared one.
     */
    public static final String KEPT_JOIN = " LEFT JOIN consumers.enterprise_kept k ON k.uscc = e.uscc AND k.department = :viewer";

    /** {@link #COLUMNS} as the viewer of {@link #KEPT_JOIN} knows them. */
    private static final String SEEN_COLUMNS = String.join(", ", Stream.of(COLUMNS.split(", *")).map(column -> seen(column) + " AS " + column)
            .toList());
    /** A repaired record's number, for the public page to leave out ({@code V224}); kept once, whatever comes later. */
    private static final String REPAIRED = """
            INSERT INTO consumers.repaired_record (doc_no, uscc, record_type, repaired_on) VALUES (?, ?, ?, ?)
            ON CONFLICT (doc_no) DO NOTHING""";

    /**
     * A penalty's publicity end, for the public page ({@code V225}); see {@link #penaltiesHeld}. A row
     * already as given is left alone (not rewritten), as after this instance's restart.
     */
    private static final String PENALTY = """
            INSERT INTO consumers.penalty_publicity (doc_no, uscc, publicity_ends_on) VALUES (?, ?, ?)
            ON CONFLICT (doc_no) DO UPDATE SET uscc = EXCLUDED.uscc, publicity_ends_on = EXCLUDED.publicity_ends_on
            WHERE (consumers.penalty_publicity.uscc, consumers.penalty_publicity.publicity_ends_on)
                IS DISTINCT FROM (EXCLUDED.uscc, EXCLUDED.publicity_ends_on)""";
    /** Enough for every penalty of a city's enterprises over the years a profile keeps them; about 100 bytes each. */
    private static final int PENALTIES_HELD = 200_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    /**
     * The penalty rows this instance wrote lately, as "USCC|publicity end" by decision number. Every
     * update of a profile brings all its penalties again; a query for them per batch cost a replay
     * 13 % of its rate (docs/benchmarks.md), so a row is written the first time this instance sees
     * it and when its value changes, nothing in between. Only this projection writes the table, and
     * an enterprise's profiles are read by one instance at a time: another instance can have changed
     * a row held here only if the penalty's end changed there and then changed back.
     */
    private final Map<String, String> penaltiesHeld = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > PENALTIES_HELD;
        }
    });

    EnterpriseSearch(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.template = template;
        this.transaction = transaction;
    }

    /** One change to the read model: a profile to upsert (with where it was read) or a USCC to delete. */
    record Change(String uscc, EnterpriseProfile profile, int partition, long offset) {
        static Change upsert(EnterpriseProfile profile, int partition, long offset) {
            return new Change(profile.getUscc(), profile, partition, offset);
        }

        static Change delete(String uscc) {
            return new Change(uscc, null, -1, -1);
        }

        boolean isDelete() {
            return profile == null;
        }
    }

    /**
     * Applies the changes in one transaction: all or none. The upserts are {@link #upsert}'s, so the
     * same guarantees hold (idempotent, never older over newer). The changes hold each USCC once (one
     * statement may not change a row twice); {@link SearchProjection} keeps each enterprise's last.
     */
    void apply(Collection<Change> changes) {
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> kept = new ArrayList<>();
        List<Object[]> repaired = new ArrayList<>();
        List<Object[]> penalties = new ArrayList<>();
        for (Change change : changes) {
            if (change.isDelete()) {
                deletes.add(new Object[] {change.uscc()});
            } else {
                upserts.add(row(change));
                kept.addAll(keptRows(change.profile()));
                repaired.addAll(repairedRows(change.profile()));
                penalties.addAll(penaltyRows(change.profile()));
            }
        }
        List<Object[]> newOrChanged = penaltiesToWrite(penalties);
        // A batch holds each USCC once (the caller keeps the last change), so upserts and deletes do not overlap.
        transaction.executeWithoutResult(status -> {
            List<String> replaced = new ArrayList<>();
            if (!upserts.isEmpty()) {
                replaced.addAll(upsertRows(upserts));
            }
            if (!deletes.isEmpty()) {
                template.batchUpdate(DELETE, deletes);
                deletes.forEach(delete -> replaced.add((String) delete[0]));
            }
            replaceKept(replaced, kept);
            if (!repaired.isEmpty()) {
                template.batchUpdate(REPAIRED, repaired);
            }
            if (!newOrChanged.isEmpty()) {
                template.batchUpdate(PENALTY, newOrChanged);
            }
        });
        held(newOrChanged);
    }

    /**
     * Inserts or replaces the enterprise's row. Idempotent, and an older profile (a record read
     * again after a rebalance, a replay) never replaces a newer one.
     *
     * @return whether the row changed
     */
    boolean upsert(EnterpriseProfile profile, int partition, long offset) {
        List<Object[]> newOrChanged = penaltiesToWrite(penaltyRows(profile));
        Boolean changed = transaction.execute(status -> {
            repairedRows(profile).forEach(row -> template.update(REPAIRED, row));
            newOrChanged.forEach(row -> template.update(PENALTY, row));
            List<String> replaced = upsertRows(List.<Object[]>of(row(Change.upsert(profile, partition, offset))));
            replaceKept(replaced, keptRows(profile));
            return !replaced.isEmpty();
        });
        held(newOrChanged);
        return Boolean.TRUE.equals(changed);
    }

    /** @return the USCCs whose rows were inserted or replaced (an older profile replaces none) */
    private List<String> upsertRows(List<Object[]> rows) {
        return template.query(UPSERT + " RETURNING uscc", statement -> {
            for (int column = 0; column < UPSERT_TYPES.length; column++) {
                // Typed arrays, not Object[]: the driver then sends the numbers in binary instead of as text.
                Object[] values = UPSERT_TYPES[column].equals("text") ? new String[rows.size()]
                        : UPSERT_TYPES[column].equals("int4") ? new Integer[rows.size()] : new Long[rows.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.get(i)[column];
                }
                statement.setArray(column + 1, statement.getConnection().createArrayOf(UPSERT_TYPES[column], values));
            }
        }, (rs, row) -> rs.getString(1));
    }

    /**
     * The kept rows of the enterprises whose rows were just replaced or deleted, as their profiles now
     * have them: an older profile, which replaced no row, changes none.
     */
    private void replaceKept(List<String> replaced, List<Object[]> kept) {
        if (replaced.isEmpty()) {
            return;
        }
        template.update(DELETE_KEPT, statement -> statement.setArray(1, statement.getConnection().createArrayOf("text",
                replaced.toArray(String[]::new))));
        List<Object[]> written = kept.stream().filter(row -> replaced.contains((String) row[0])).toList();
        if (!written.isEmpty()) {
            template.batchUpdate(INSERT_KEPT, written);
        }
    }

    /**
     * For each department whose INTERNAL event changed the enterprise's name or identity
     * ({@link ProfileVisibility#keptBy}), the name and identity as it knows them, where they differ from
     * what everyone knows (the enterprise's row): its own search and inspection pool read them.
     */
    private static List<Object[]> keptRows(EnterpriseProfile p) {
        List<Object[]> rows = new ArrayList<>();
        Set<Department> keeping = ProfileVisibility.keptBy(p, "identity");
        if (keeping.isEmpty()) {
            return rows;
        }
        Object[] everyones = keptRow(p, null);
        for (Department department : keeping) {
            Object[] own = keptRow(p, department);
            // Compared by what the columns show: an INTERNAL event that restates a value changes only its origin.
            if (!Arrays.equals(own, 2, own.length, everyones, 2, everyones.length)) {
                rows.add(own);
            }
        }
        return rows;
    }

    /** A kept row ({@link #INSERT_KEPT}'s columns) of the name and identity as {@code department} knows them (null: everyone). */
    private static Object[] keptRow(EnterpriseProfile p, Department department) {
        Identity identity = (Identity) ProfileVisibility.seenBy(p, "identity", department);
        return new Object[] {p.getUscc(), department == null ? null : department.name(), ProfileVisibility.seenBy(p, "name", department),
                identity.getRegionCode(), identity.getDistrict(), identity.getEntityType(), identity.getIndustryCode(),
                identity.getStatus().name()};
    }

    private static List<Object[]> repairedRows(EnterpriseProfile profile) {
        List<Object[]> rows = new ArrayList<>();
        profile.getCreditRepairs().stream().filter(repair -> repair.getRepairedDocNo() != null && !repair.getRepairedDocNo().isBlank())
                .forEach(repair -> rows.add(new Object[] {DecisionNumbers.canonical(repair.getRepairedDocNo()), profile.getUscc(),
                        repair.getRecordType(), repair.getRepairedOn()}));
        return rows;
    }

    private static List<Object[]> penaltyRows(EnterpriseProfile profile) {
        List<Object[]> rows = new ArrayList<>();
        // A penalty its department published as SHARED or INTERNAL is never public, whatever its own publicity says.
        profile.getPenalties().forEach(penalty -> rows.add(new Object[] {DecisionNumbers.canonical(penalty.getDecisionNo()), profile.getUscc(),
                penalty.getOrigin().getVisibility() == null ? penalty.getPublicityEndsOn() : null}));
        return rows;
    }

    /** The rows not held as they are (the last of each decision number): to write. */
    private List<Object[]> penaltiesToWrite(List<Object[]> rows) {
        Map<String, Object[]> latest = new LinkedHashMap<>();
        rows.forEach(row -> latest.put((String) row[0], row));
        return latest.values().stream().filter(row -> !held(row).equals(penaltiesHeld.get((String) row[0]))).toList();
    }

    /** Remembered once committed: a rolled-back write must be tried again. */
    private void held(List<Object[]> written) {
        written.forEach(row -> penaltiesHeld.put((String) row[0], held(row)));
    }

    private static String held(Object[] row) {
        return row[1] + "|" + row[2];
    }

    /**
     * The row every department searches, in {@link #UPSERT}'s column order. Name and identity are as
     * every department may know them: where an event its department kept to itself (INTERNAL) set
     * them, as they were before ({@link org.sharebus.profile.SharedFacts}); they would tell the others
     * what that event said, through a column or a filter. A profile written before that was kept gives
     * no status, entity type or industry where its identity came from such an event. Its count and
     * times are those every department may know of (INTERNAL events are counted apart, in the profile
     * only); an enterprise only INTERNAL events told of is listed for their departments alone
     * ({@link #knownTo}).
     */
    private static Object[] row(Change change) {
        EnterpriseProfile p = change.profile();
        Identity identity = (Identity) ProfileVisibility.asEveryoneKnows(p, "identity");
        // A profile written before SharedFacts: its identity's status may be from an INTERNAL event, with nothing beside it.
        boolean internal = identity.getOrigin() != null && identity.getOrigin().getVisibility() == Visibility.INTERNAL;
        return new Object[] {p.getUscc(), ProfileVisibility.asEveryoneKnows(p, "name"), identity.getRegionCode(), identity.getDistrict(),
                internal ? null : identity.getEntityType(), internal ? null : identity.getIndustryCode(),
                internal ? EnterpriseStatus.UNKNOWN.name() : identity.getStatus().name(),
                p.getRisk().getRiskClass().name(), p.getRisk().getScore(), p.getEventCount(),
                epochMilli(p.getLastOccurredAt()), p.getUpdatedAt().toEpochMilli(), epochMilli(p.getChangedAt()), knownTo(p),
                change.partition(), change.offset()};
    }

    /**
     * The row's {@code known_to}: null when every department may know of the enterprise
     * ({@link ProfileVisibility#knownTo}), else those that may, as {@code ,CUSTOMS,TAX,}, which the
     * search matches whole.
     */
    private static String knownTo(EnterpriseProfile p) {
        StringBuilder knowing = new StringBuilder(",");
        boolean everyone = true;
        for (Department department : Department.values()) {
            if (ProfileVisibility.knownTo(p, department)) {
                knowing.append(department.name()).append(',');
            } else {
                everyone = false;
            }
        }
        return everyone ? null : knowing.toString();
    }

    private static Long epochMilli(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    /**
     * The enterprises that match every criterion and that {@code viewer} may know of (null: all), by
     * name, one page. A viewer whose department kept a change of an enterprise's name or identity to
     * itself sees and filters that enterprise by what it knows ({@code consumers.enterprise_kept});
     * the order stays that of the name everyone knows, which the name index serves.
     */
    public SearchPage<EnterpriseSummary> search(SearchCriteria criteria, Department viewer) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("viewer", viewer == null ? "" : viewer.name());
        if (viewer != null) {
            where.add("(e.known_to IS NULL OR e.known_to LIKE :knownTo)");
            params.put("knownTo", "%," + viewer.name() + ",%");
        }
        if (criteria.name() != null) {
            where.add("(" + seen("name") + " ILIKE :name ESCAPE '\\' OR e.uscc LIKE :uscc ESCAPE '\\')");
            params.put("name", "%" + escapeLike(criteria.name()) + "%");
            params.put("uscc", "%" + escapeLike(criteria.usccFragment()) + "%");
        }
        if (criteria.district() != null) {
            where.add(seen(criteria.district().matches("\\d{6}") ? "region_code" : "district") + " = :district");
            params.put("district", criteria.district());
        }
        if (criteria.riskClass() != null) {
            where.add("e.risk_class = :riskClass");
            params.put("riskClass", criteria.riskClass());
        }
        if (criteria.status() != null) {
            where.add(seen("status") + " = :status");
            params.put("status", criteria.status());
        }
        String from = " FROM consumers.enterprise e" + KEPT_JOIN + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        long total = jdbc.sql("SELECT count(*)" + from).params(params).query(Long.class).single();
        List<EnterpriseSummary> content = jdbc.sql("SELECT " + SEEN_COLUMNS + from + " ORDER BY e.name, e.uscc LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", criteria.size())
                .param("offset", (long) criteria.page() * criteria.size())
                .query(EnterpriseSearch::summary).list();
        return new SearchPage<>(content, criteria.page(), criteria.size(), total);
    }

    /** A column of {@code consumers.enterprise e} as the viewer of {@link #KEPT_JOIN} knows it. */
    public static String seen(String column) {
        return KEPT_COLUMNS.contains(column) ? "(CASE WHEN k.uscc IS NULL THEN e." + column + " ELSE k." + column + " END)" : "e." + column;
    }

    private static EnterpriseSummary summary(ResultSet rs, int row) throws SQLException {
        return new EnterpriseSummary(rs.getString("uscc"), rs.getString("name"), rs.getString("region_code"),
                rs.getString("district"), rs.getString("entity_type"), rs.getString("industry_code"), rs.getString("status"),
                rs.getString("risk_class"), rs.getInt("risk_score"), rs.getLong("event_count"),
                instant(rs.getTimestamp("last_occurred_at")), instant(rs.getTimestamp("changed_at")));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    /** The user's text is matched literally: %, _ and \ lose their LIKE meaning. */
    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
