package org.sharebus.consumers.disclosure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.search.EnterpriseSearch;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.disclosure.DisclosureEvent;
import org.sharebus.disclosure.ResultDisclosed;
import org.sharebus.event.common.Department;
import org.sharebus.uscc.Uscc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The public read model ({@code consumers.disclosure}, V221): published results only, as masked
 * on the topic. Also counts, per department, the recorded results still to be published.
 */
@Service
public class PublicResults {

    public static final int PAGE_SIZE = 20;

    private final JdbcClient jdbc;
    private final Clock clock;

    PublicResults(JdbcClient jdbc, Rules rules) {
        this.jdbc = jdbc;
        this.clock = Clock.system(rules.zone());
    }

    boolean insert(DisclosureEvent event, ResultDisclosed disclosed) {
        return jdbc.sql("""
                        INSERT INTO consumers.disclosure (task_id, plan_id, department, enterprise_name, uscc, individual_business, item_names,
                            authority, result_code, result_formed_on, follow_up_penalty_ref, disclosed_on, disclosure_due_on, disclosed_at)
                        VALUES (:taskId, :planId, :department, :name, :uscc, :individual, :items, :authority, :code, :formedOn, :followUp,
                            :disclosedOn, :dueOn, :disclosedAt)
                        ON CONFLICT (task_id) DO NOTHING""")
                .param("taskId", disclosed.getTaskId()).param("planId", disclosed.getPlanId())
                .param("department", event.getDepartment().name()).param("name", disclosed.getEnterpriseName())
                .param("uscc", disclosed.getUscc()).param("individual", disclosed.getIndividualBusiness())
                .param("items", String.join("\n", disclosed.getItemNames())).param("authority", disclosed.getAuthority())
                .param("code", disclosed.getResultCode().name()).param("formedOn", disclosed.getResultFormedOn())
                .param("followUp", disclosed.getFollowUpPenaltyRef()).param("disclosedOn", disclosed.getDisclosedOn())
                .param("dueOn", disclosed.getDisclosureDueOn()).param("disclosedAt", Timestamp.from(event.getOccurredAt()))
                .update() == 1;
    }

    /**
     * Published results matching the text in the (masked) name or USCC, newest first. The USCC part is
     * folded as the staff search folds it ({@link Uscc#normalise}): a code typed in a Chinese input
     * method's full-width mode (９１３３…) finds 9133…; the name is matched as typed (registered names
     * are written with full-width brackets, which folding would turn into ASCII ones).
     */
    public SearchPage<PublicResult> search(String text, int page) {
        Map<String, Object> params = new HashMap<>();
        String where = "";
        if (text != null && !text.isBlank()) {
            where = " WHERE (enterprise_name ILIKE :text ESCAPE '\\' OR uscc ILIKE :code ESCAPE '\\')";
            params.put("text", "%" + EnterpriseSearch.escapeLike(text.strip()) + "%");
            params.put("code", "%" + EnterpriseSearch.escapeLike(Uscc.normalise(text)) + "%");
        }
        long total = jdbc.sql("SELECT count(*) FROM consumers.disclosure" + where).params(params).query(Long.class).single();
        // A follow-up penalty is named only while it is itself public: a penalty a department published, whose
        // publicity (SAMR Order 45: 3 months or 3 years; warnings never) has not ended and which no credit repair
        // removed (一处修复、处处修复), and which is the inspected enterprise's own (a number staff mistyped may be
        // another's). Read here, at reading, so that a change after the publication and a rebuild of any table all
        // come out right; a number no department published as a penalty (yet) is not named.
        List<PublicResult> content = jdbc.sql("SELECT *, EXISTS (SELECT 1 FROM consumers.penalty_publicity p"
                        + " JOIN consumers.inspection_task t ON t.task_id = consumers.disclosure.task_id AND t.uscc = p.uscc"
                        + " WHERE p.doc_no = consumers.disclosure.follow_up_penalty_ref AND p.publicity_ends_on > :today)"
                        + " AND NOT EXISTS (SELECT 1 FROM consumers.repaired_record r WHERE r.doc_no = consumers.disclosure.follow_up_penalty_ref)"
                        + " AS follow_up_public FROM consumers.disclosure" + where + " ORDER BY disclosed_at DESC, task_id LIMIT :limit OFFSET :offset")
                .params(params).param("today", LocalDate.now(clock)).param("limit", PAGE_SIZE).param("offset", (long) page * PAGE_SIZE)
                .query(PublicResults::result).list();
        return new SearchPage<>(content, page, PAGE_SIZE, total);
    }

    /** Per department: results recorded, not published, deadline not passed (due) and passed (overdue). */
    Map<Department, long[]> dueAndOverdue(LocalDate today) {
        Map<Department, long[]> counts = new EnumMap<>(Department.class);
        jdbc.sql("""
                        SELECT r.department,
                               count(*) FILTER (WHERE r.disclosure_due_on >= :today) AS due,
                               count(*) FILTER (WHERE r.disclosure_due_on < :today) AS overdue
                        FROM consumers.inspection_result r
                        WHERE NOT EXISTS (SELECT 1 FROM consumers.disclosure d WHERE d.task_id = r.task_id)
                        GROUP BY r.department""")
                .param("today", today)
                .query((ResultSet rs) -> {
                    counts.put(Department.valueOf(rs.getString("department")), new long[] {rs.getLong("due"), rs.getLong("overdue")});
                });
        return counts;
    }

    private static PublicResult result(ResultSet rs, int row) throws SQLException {
        return new PublicResult(rs.getString("task_id"), rs.getString("enterprise_name"), rs.getString("uscc"),
                rs.getBoolean("individual_business"), Arrays.asList(rs.getString("item_names").split("\n")), rs.getString("authority"),
                rs.getObject("result_formed_on", LocalDate.class), rs.getString("result_code"),
                rs.getBoolean("follow_up_public") ? rs.getString("follow_up_penalty_ref") : null,
                rs.getObject("disclosed_on", LocalDate.class), rs.getTimestamp("disclosed_at").toInstant());
    }

    /** One published result, as the public page and API show it. */
    public record PublicResult(String taskId, String enterpriseName, String uscc, boolean individualBusiness, List<String> itemNames,
                               String authority, LocalDate resultFormedOn, String resultCode, String followUpPenaltyRef,
                               LocalDate disclosedOn, Instant disclosedAt) {
    }
}
