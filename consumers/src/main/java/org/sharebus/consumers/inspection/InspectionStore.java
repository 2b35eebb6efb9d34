package org.sharebus.consumers.inspection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sharebus.consumers.search.EnterpriseSearch;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.event.common.Department;
import org.sharebus.inspection.InspectionItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The inspection read model in PostgreSQL ({@code consumers.inspection_*}, V220): written only by
 * {@link InspectionProjection}, read by the staff pages and the draw. Also reads the target pool
 * from the enterprise search model ({@code consumers.enterprise}).
 */
@Service
public class InspectionStore {

    private final JdbcClient jdbc;

    InspectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- target pool (检查对象名录库): ACTIVE enterprises of the item's sections in the districts

    /**
     * The yearly cap of a draw: enterprises {@code department} drew (tasks assigned) from {@code from}
     * until {@code until} as often as their class's cap allows are left out of the pool.
     */
    record YearlyLimit(Department department, Instant from, Instant until, InspectionRules.YearlyCap cap) {
    }

    /**
     * The pool of {@code department}'s draw; {@code limit} null: no yearly cap (key items). The
     * candidate's name is the one every department knows: it goes on the plan, and with a result to the public.
     */
    List<InspectionDraw.Candidate> targetPool(Department department, InspectionItem item, List<String> districts, YearlyLimit limit) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT e.uscc, e.name, " + EnterpriseSearch.seen("region_code") + " AS region_code, e.risk_class"
                        + poolFilter(department, item, districts, limit, params))
                .params(params)
                .query((rs, row) -> new InspectionDraw.Candidate(rs.getString("uscc").strip(), rs.getString("name"),
                        rs.getString("region_code"), rs.getString("risk_class")))
                .list();
    }

    /** Pool size per risk class (A–D, UNKNOWN), every class present. */
    Map<String, Integer> poolSizes(Department department, InspectionItem item, List<String> districts, YearlyLimit limit) {
        Map<String, Object> params = new HashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        InspectionRules.RISK_CLASSES.forEach(riskClass -> sizes.put(riskClass, 0));
        jdbc.sql("SELECT e.risk_class, count(*) AS n" + poolFilter(department, item, districts, limit, params) + " GROUP BY e.risk_class")
                .params(params)
                .query((ResultSet rs) -> {
                    String riskClass = rs.getString("risk_class");
                    sizes.merge(InspectionRules.RISK_CLASSES.contains(riskClass) ? riskClass : "UNKNOWN", rs.getInt("n"), Integer::sum);
                });
        return sizes;
    }

    /**
     * The pool's rows: ACTIVE enterprises of the item's sections in the districts, as {@code department}
     * knows their status, industry and district (its own, where it kept a change of them to itself).
     */
    private static String poolFilter(Department department, InspectionItem item, List<String> districts, YearlyLimit limit,
                                     Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" FROM consumers.enterprise e" + EnterpriseSearch.KEPT_JOIN
                + " WHERE " + EnterpriseSearch.seen("status") + " = 'ACTIVE'");
        params.put("viewer", department.name());
        if (!item.sections().isEmpty()) {
            where.append(" AND substr(" + EnterpriseSearch.seen("industry_code") + ", 1, 1) IN (:sections)");
            params.put("sections", item.sections());
        }
        if (!districts.isEmpty()) {
            where.append(" AND " + EnterpriseSearch.seen("region_code") + " IN (:districts)");
            params.put("districts", districts);
        }
        if (limit != null) {
            where.append("""
                     AND (SELECT count(*) FROM consumers.inspection_task t WHERE t.uscc = e.uscc
                            AND t.department = :capDepartment AND t.assigned_at >= :capFrom AND t.assigned_at < :capUntil)
                         < CASE e.risk_class WHEN 'A' THEN :capA WHEN 'B' THEN :capB WHEN 'C' THEN :capC WHEN 'D' THEN :capD ELSE :capUnknown END""");
            params.put("capDepartment", limit.department().name());
            params.put("capFrom", Timestamp.from(limit.from()));
            params.put("capUntil", Timestamp.from(limit.until()));
            for (String riskClass : InspectionRules.RISK_CLASSES) {
                int cap = limit.cap().of(riskClass);
                params.put("cap" + (riskClass.equals("UNKNOWN") ? "Unknown" : riskClass), cap == 0 ? Integer.MAX_VALUE : cap);
            }
        }
        return where.toString();
    }

    /**
     * The districts of the enterprises {@code department} knows of, code to name, for its draw form and
     * plans: a district only another department's INTERNAL events told the bus of an enterprise in
     * would tell it that such an event came ({@code known_to}, as the search leaves the row out).
     */
    Map<String, String> districts(Department department) {
        Map<String, String> districts = new LinkedHashMap<>();
        String region = EnterpriseSearch.seen("region_code");
        String district = EnterpriseSearch.seen("district");
        jdbc.sql("SELECT DISTINCT " + region + " AS region_code, " + district + " AS district FROM consumers.enterprise e"
                        + EnterpriseSearch.KEPT_JOIN + " WHERE " + district + " IS NOT NULL"
                        + " AND (e.known_to IS NULL OR e.known_to LIKE :knownTo) ORDER BY 1")
                .param("viewer", department.name()).param("knownTo", "%," + department.name() + ",%")
                .query((ResultSet rs) -> {
                    districts.put(rs.getString("region_code"), rs.getString("district"));
                });
        return districts;
    }

    /**
     * For each USCC, the officers who inspected it in the department's latest {@code plans} plans
     * that drew it (rotation).
     */
    Map<String, Set<String>> recentInspectors(Department department, Collection<String> usccs, int plans) {
        Map<String, Set<String>> recent = new HashMap<>();
        if (usccs.isEmpty() || plans < 1) {
            return recent;
        }
        jdbc.sql("""
                        SELECT uscc, inspector_ids FROM (
                            SELECT t.uscc, t.inspector_ids,
                                   row_number() OVER (PARTITION BY t.uscc ORDER BY t.assigned_at DESC, t.task_id DESC) AS rn
                            FROM consumers.inspection_task t
                            WHERE t.department = :department AND t.uscc = ANY(CAST(:usccs AS bpchar[]))) latest
                        WHERE rn <= :plans""")
                .param("department", department.name())
                // One array parameter, not one per target: a draw of 40,000 targets is past PostgreSQL's 32,767 bind parameters.
                .param("usccs", usccs.toArray(String[]::new))
                .param("plans", plans)
                .query((ResultSet rs) -> {
                    recent.computeIfAbsent(rs.getString("uscc").strip(), uscc -> new HashSet<>()).addAll(lines(rs.getString("inspector_ids")));
                });
        return recent;
    }

    // ---- projection writes (idempotent: the first record of an id wins, a redelivery changes nothing)

    boolean insertPlan(Plan plan) {
        return jdbc.sql("""
                        INSERT INTO consumers.inspection_plan (plan_id, department, item_codes, item_names, districts, strata, random_seed,
                            pool_digest, pool_size, drawn_count, inspector_pool_size, excluded_inspector_ids, drawn_by, drawn_at)
                        VALUES (:planId, :department, :itemCodes, :itemNames, :districts, :strata, :seed, :digest, :poolSize, :drawnCount,
                            :inspectorPoolSize, :excluded, :drawnBy, :drawnAt)
                        ON CONFLICT (plan_id) DO NOTHING""")
                .param("planId", plan.planId()).param("department", plan.department().name())
                .param("itemCodes", String.join("\n", plan.itemCodes())).param("itemNames", String.join("\n", plan.itemNames()))
                .param("districts", String.join("\n", plan.districts())).param("strata", plan.strataJson())
                .param("seed", plan.randomSeed()).param("digest", plan.poolDigest()).param("poolSize", plan.poolSize())
                .param("drawnCount", plan.drawnCount()).param("inspectorPoolSize", plan.inspectorPoolSize())
                .param("excluded", String.join("\n", plan.excludedInspectorIds())).param("drawnBy", plan.drawnBy())
                .param("drawnAt", Timestamp.from(plan.drawnAt()))
                .update() == 1;
    }

    boolean insertTask(Task task) {
        return jdbc.sql("""
                        INSERT INTO consumers.inspection_task (task_id, plan_id, department, uscc, enterprise_name, region_code, risk_class,
                            inspector_ids, due_on, assigned_at)
                        VALUES (:taskId, :planId, :department, :uscc, :name, :regionCode, :riskClass, :inspectors, :dueOn, :assignedAt)
                        ON CONFLICT (task_id) DO NOTHING""")
                .param("taskId", task.taskId()).param("planId", task.planId()).param("department", task.department().name())
                .param("uscc", task.uscc()).param("name", task.enterpriseName()).param("regionCode", task.regionCode())
                .param("riskClass", task.riskClass()).param("inspectors", String.join("\n", task.inspectorIds()))
                .param("dueOn", task.dueOn()).param("assignedAt", Timestamp.from(task.assignedAt()))
                .update() == 1;
    }

    /**
     * Records a recusal and puts the replacement in the recused officer's place on the task, in one
     * statement: a redelivered event (same id) changes nothing, and the events of one plan arrive in
     * order (one key), so a replay swaps the same officers in the same order.
     */
    boolean insertRecusal(Recusal recusal) {
        return jdbc.sql("""
                        WITH recorded AS (
                            INSERT INTO consumers.inspection_recusal (event_id, task_id, recused_id, replacement_id, reason, random_seed,
                                recorded_by, recorded_at)
                            VALUES (:eventId, :taskId, :recused, :replacement, :reason, :seed, :recordedBy, :recordedAt)
                            ON CONFLICT (event_id) DO NOTHING RETURNING task_id)
                        UPDATE consumers.inspection_task t
                        SET inspector_ids = array_to_string(array_replace(string_to_array(t.inspector_ids, E'\\n'), :recused, :replacement), E'\\n')
                        FROM recorded WHERE t.task_id = recorded.task_id""")
                .param("eventId", recusal.eventId()).param("taskId", recusal.taskId()).param("recused", recusal.recusedInspectorId())
                .param("replacement", recusal.replacementInspectorId()).param("reason", recusal.reason()).param("seed", recusal.randomSeed())
                .param("recordedBy", recusal.recordedBy()).param("recordedAt", Timestamp.from(recusal.recordedAt()))
                .update() == 1;
    }

    /** The recusals of the plan's tasks by task, oldest first. */
    Map<String, List<Recusal>> recusals(String planId) {
        Map<String, List<Recusal>> byTask = new HashMap<>();
        jdbc.sql("""
                        SELECT r.* FROM consumers.inspection_recusal r JOIN consumers.inspection_task t ON t.task_id = r.task_id
                        WHERE t.plan_id = :planId ORDER BY r.recorded_at, r.event_id""")
                .param("planId", planId)
                .query((ResultSet rs) -> {
                    Recusal recusal = recusal(rs);
                    byTask.computeIfAbsent(recusal.taskId(), id -> new java.util.ArrayList<>()).add(recusal);
                });
        return byTask;
    }

    /** The officers recused from a task so far. */
    Set<String> recusedFrom(String taskId) {
        return new HashSet<>(jdbc.sql("SELECT recused_id FROM consumers.inspection_recusal WHERE task_id = :taskId")
                .param("taskId", taskId).query(String.class).list());
    }

    private static Recusal recusal(ResultSet rs) throws SQLException {
        return new Recusal(rs.getObject("event_id", java.util.UUID.class), rs.getString("task_id"), rs.getString("recused_id"),
                rs.getString("replacement_id"), rs.getString("reason"), rs.getLong("random_seed"), rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant());
    }

    boolean insertResult(Result result) {
        return jdbc.sql("""
                        INSERT INTO consumers.inspection_result (task_id, plan_id, department, result_code, result_formed_on,
                            follow_up_penalty_ref, recorded_by, recorded_at, disclosure_due_on)
                        VALUES (:taskId, :planId, :department, :code, :formedOn, :followUp, :recordedBy, :recordedAt, :dueOn)
                        ON CONFLICT (task_id) DO NOTHING""")
                .param("taskId", result.taskId()).param("planId", result.planId()).param("department", result.department().name())
                .param("code", result.resultCode()).param("formedOn", result.resultFormedOn()).param("followUp", result.followUpPenaltyRef())
                .param("recordedBy", result.recordedBy()).param("recordedAt", Timestamp.from(result.recordedAt()))
                .param("dueOn", result.disclosureDueOn())
                .update() == 1;
    }

    // ---- reads for the staff pages

    public SearchPage<Plan> plans(Department department, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM consumers.inspection_plan WHERE department = :department")
                .param("department", department.name()).query(Long.class).single();
        List<Plan> content = jdbc.sql("SELECT * FROM consumers.inspection_plan WHERE department = :department"
                        + " ORDER BY drawn_at DESC, plan_id LIMIT :limit OFFSET :offset")
                .param("department", department.name()).param("limit", size).param("offset", (long) page * size)
                .query(InspectionStore::plan).list();
        return new SearchPage<>(content, page, size, total);
    }

    /** The id of the plan drawn from a form ({@code <DEPARTMENT>-<yyyyMMdd>-<formId>}), whatever its day. */
    public Optional<String> planIdOfForm(String formId) {
        return jdbc.sql("SELECT plan_id FROM consumers.inspection_plan WHERE plan_id LIKE '%-' || :formId")
                .param("formId", formId).query(String.class).optional();
    }

    public Optional<Plan> plan(String planId) {
        return jdbc.sql("SELECT * FROM consumers.inspection_plan WHERE plan_id = :planId").param("planId", planId)
                .query(InspectionStore::plan).optional();
    }

    /** The plan's tasks with their results and whether each is published. */
    public List<TaskRow> tasks(String planId) {
        return taskRows("t.plan_id = :id", planId);
    }

    public Optional<TaskRow> task(String taskId) {
        return taskRows("t.task_id = :id", taskId).stream().findFirst();
    }

    private List<TaskRow> taskRows(String where, String id) {
        return jdbc.sql("""
                        SELECT t.*, r.result_code, r.result_formed_on, r.follow_up_penalty_ref, r.recorded_by, r.disclosure_due_on,
                               d.disclosed_on
                        FROM consumers.inspection_task t
                        LEFT JOIN consumers.inspection_result r ON r.task_id = t.task_id
                        LEFT JOIN consumers.disclosure d ON d.task_id = t.task_id
                        """ + " WHERE " + where + " ORDER BY length(t.task_id), t.task_id") // -9999 before -10000: numbered, not text order
                .param("id", id)
                .query((rs, row) -> new TaskRow(task(rs), rs.getString("result_code") == null ? null : new Result(rs.getString("task_id"),
                        rs.getString("plan_id"), Department.valueOf(rs.getString("department")), rs.getString("result_code"),
                        rs.getObject("result_formed_on", LocalDate.class), rs.getString("follow_up_penalty_ref"), rs.getString("recorded_by"),
                        null, rs.getObject("disclosure_due_on", LocalDate.class)), rs.getObject("disclosed_on", LocalDate.class)))
                .list();
    }

    private static Plan plan(ResultSet rs, int row) throws SQLException {
        return new Plan(rs.getString("plan_id"), Department.valueOf(rs.getString("department")), lines(rs.getString("item_codes")),
                lines(rs.getString("item_names")), lines(rs.getString("districts")), rs.getString("strata"), rs.getLong("random_seed"),
                rs.getString("pool_digest"), rs.getInt("pool_size"), rs.getInt("drawn_count"), rs.getInt("inspector_pool_size"),
                lines(rs.getString("excluded_inspector_ids")), rs.getString("drawn_by"), rs.getTimestamp("drawn_at").toInstant());
    }

    private static Task task(ResultSet rs) throws SQLException {
        return new Task(rs.getString("task_id"), rs.getString("plan_id"), Department.valueOf(rs.getString("department")),
                rs.getString("uscc").strip(), rs.getString("enterprise_name"), rs.getString("region_code"), rs.getString("risk_class"),
                lines(rs.getString("inspector_ids")), rs.getObject("due_on", LocalDate.class), rs.getTimestamp("assigned_at").toInstant());
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    public record Plan(String planId, Department department, List<String> itemCodes, List<String> itemNames, List<String> districts,
                       String strataJson, long randomSeed, String poolDigest, int poolSize, int drawnCount, int inspectorPoolSize,
                       List<String> excludedInspectorIds, String drawnBy, Instant drawnAt) {

        /** The strata as drawn (INTERNAL: only the risk department's staff are shown them). */
        public List<InspectionDraw.Stratum> strata() {
            List<InspectionDraw.Stratum> strata = new java.util.ArrayList<>();
            for (tools.jackson.databind.JsonNode node : STRATA_JSON.readTree(strataJson)) {
                strata.add(new InspectionDraw.Stratum(node.path("riskClass").asString(), new java.math.BigDecimal(node.path("ratioPercent").asString()),
                        node.path("poolSize").asInt(), node.path("drawnCount").asInt()));
            }
            return strata;
        }
    }

    private static final tools.jackson.databind.json.JsonMapper STRATA_JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    public record Task(String taskId, String planId, Department department, String uscc, String enterpriseName, String regionCode,
                       String riskClass, List<String> inspectorIds, LocalDate dueOn, Instant assignedAt) {
    }

    /** An officer recused from a task after the draw (回避), and who was drawn in their place. */
    public record Recusal(java.util.UUID eventId, String taskId, String recusedInspectorId, String replacementInspectorId, String reason,
                          long randomSeed, String recordedBy, Instant recordedAt) {
    }

    public record Result(String taskId, String planId, Department department, String resultCode, LocalDate resultFormedOn,
                         String followUpPenaltyRef, String recordedBy, Instant recordedAt, LocalDate disclosureDueOn) {
    }

    /** A task as the plan page shows it: its result (null before one is recorded) and its publication date (null before). */
    public record TaskRow(Task task, Result result, LocalDate disclosedOn) {

        public boolean disclosed() {
            return disclosedOn != null;
        }

        /** Recorded, not published, and the deadline has passed. */
        public boolean overdue(LocalDate today) {
            return result != null && !disclosed() && today.isAfter(result.disclosureDueOn());
        }

        /** Recorded and not yet published. */
        public boolean due() {
            return result != null && !disclosed();
        }
    }
}
