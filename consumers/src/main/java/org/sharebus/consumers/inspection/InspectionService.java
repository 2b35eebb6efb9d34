package org.sharebus.consumers.inspection;

import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.sharebus.consumers.api.InputText;
import org.sharebus.consumers.rules.DecisionNumbers;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.event.common.Department;
import org.sharebus.inspection.DrawStratum;
import org.sharebus.inspection.InspectionEvent;
import org.sharebus.inspection.InspectionItem;
import org.sharebus.inspection.InspectionItems;
import org.sharebus.inspection.InspectionPlanDrawn;
import org.sharebus.inspection.InspectionResult;
import org.sharebus.inspection.InspectionResultRecorded;
import org.sharebus.inspection.InspectionTaskAssigned;
import org.sharebus.inspection.InspectorRecused;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The staff actions of an inspection: draw a plan (both randoms) and record a result. Each is a
 * set of records on {@code sharebus.inspections.v1}, keyed by the plan id, answered once the
 * broker has committed them; the read model follows through {@link InspectionProjection}.
 */
@Service
public class InspectionService {

    static final DateTimeFormatter PLAN_DAY = DateTimeFormatter.BASIC_ISO_DATE;
    static final int MAX_FOLLOW_UP_LENGTH = 100;
    static final int MAX_REASON_LENGTH = 200;
    static final int MAX_RECUSALS_LENGTH = 1000;
    private static final SecureRandom SEEDS = new SecureRandom();

    private final InspectionStore store;
    private final InspectorPool inspectors;
    private final InspectionRules rules;
    private final BusPublisher publisher;
    private final ZoneId zone;
    private final Clock clock;
    private final InspectionMetrics metrics;
    private final StaffActionClaims claims;

    @Autowired
    InspectionService(InspectionStore store, InspectorPool inspectors, InspectionRules rules, BusPublisher publisher, Rules bus,
                      InspectionMetrics metrics, StaffActionClaims claims) {
        this(store, inspectors, rules, publisher, bus, metrics, claims, Clock.system(bus.zone()));
    }

    InspectionService(InspectionStore store, InspectorPool inspectors, InspectionRules rules, BusPublisher publisher, Rules bus,
                      InspectionMetrics metrics, StaffActionClaims claims, Clock clock) {
        this.store = store;
        this.inspectors = inspectors;
        this.rules = rules;
        this.publisher = publisher;
        this.zone = bus.zone();
        this.clock = clock;
        this.metrics = metrics;
        this.claims = claims;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The item, if it is one of the department's: staff draw only their own department's items (谁检查). */
    public InspectionItem item(Department department, String code) {
        InspectionItem item = code == null ? null : InspectionItems.find(code.strip()).orElse(null);
        if (item == null || item.department() != department) {
            throw new InvalidInspectionInputException("item", "department-item", "item " + code + " is not on the inspection-item"
                    + " list of " + department + " (抽查事项清单)");
        }
        return item;
    }

    /** Readiness of an item for the draw page: pool sizes per class, the ratios, the inspectors. */
    public Readiness readiness(Department department, InspectionItem item, List<String> districts) {
        InspectionStore.YearlyLimit limit = yearlyLimit(department, item);
        var sizes = store.poolSizes(department, item, districts, limit);
        List<InspectionDraw.Stratum> strata = new ArrayList<>();
        int drawn = 0;
        for (String riskClass : InspectionRules.RISK_CLASSES) {
            int size = sizes.get(riskClass);
            var ratio = rules.ratioPercent(item, riskClass);
            int count = Math.min(size, java.math.BigDecimal.valueOf(size).multiply(ratio)
                    .divide(java.math.BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValue());
            strata.add(new InspectionDraw.Stratum(riskClass, ratio, size, count));
            drawn += count;
        }
        int pool = sizes.values().stream().mapToInt(Integer::intValue).sum();
        // The public-information minimum is a share of the whole scope, capped enterprises included (as publishDraw).
        if (rules.minimumTargets(item, pool) > 0) {
            int scope = limit == null ? pool : store.poolSizes(department, item, districts, null).values().stream().mapToInt(Integer::intValue).sum();
            drawn = Math.max(drawn, Math.min(pool, rules.minimumTargets(item, scope)));
        }
        int certified = inspectors.certified(department).size();
        return new Readiness(item, strata, pool, drawn, certified, pool > 0 && certified >= rules.inspectorsPerTask().count());
    }

    /** An item's pool per risk class, what a draw would take, and whether it can be drawn now. */
    public record Readiness(InspectionItem item, List<InspectionDraw.Stratum> strata, int poolSize, int expectedDrawn,
                            int certifiedInspectors, boolean drawReady) {
    }

    /** Draws a plan for a submission without a form token (every call is a new draw). */
    public String draw(String staff, Department department, String itemCode, List<String> districts, String recusals) {
        return draw(staff, department, itemCode, districts, recusals, null);
    }

    /**
     * Draws a plan: targets per risk class by the rules' ratios, then inspectors per target; publishes
     * the plan and one task per target in one transaction. The plan id is derived from the draw
     * form's token, so a resubmitted form (double click, retry) answers the plan it already drew and
     * publishes nothing.
     *
     * @param token the draw form's one-time token; null or blank: a fresh one
     * @return the plan id
     * @throws DrawRefusedException when the rules cannot be met, naming the rule
     */
    public String draw(String staff, Department department, String itemCode, List<String> districts, String recusals, String token) {
        InspectionItem item = item(department, itemCode);
        List<String> scope = districts == null ? List.of() : districts.stream().filter(d -> d != null && !d.isBlank()).map(String::strip)
                .distinct().sorted().toList();
        for (String district : scope) {
            if (!district.matches("\\d{6}")) {
                throw new InvalidInspectionInputException("districts", "gb2260", "district " + district + " is not a six-digit GB/T 2260 code");
            }
        }
        List<InspectorPool.Inspector> certified = inspectors.certified(department);
        Set<String> recused = parseRecusals(recusals, certified);
        // The form's draw is known by its token alone: a resubmission after midnight is the plan of the day before.
        String formId = formId(department, token);
        Optional<String> drawn = store.planIdOfForm(formId);
        if (drawn.isPresent()) {
            return sameDraw(drawn.get(), item, scope, recused);
        }
        String planId = department.name() + "-" + PLAN_DAY.format(LocalDate.now(clock)) + "-" + formId;
        String claimKey = "draw:" + formId;
        // The claim holds what was asked as well: the plan may not be in the read model yet when the form comes again.
        String asked = asked(item, scope, recused);
        Optional<String> claimed = claims.claim(claimKey, planId + " " + asked);
        if (claimed.isPresent()) {
            String[] earlier = claimed.get().split(" ", 2);
            if (earlier.length == 2 && !earlier[1].equals(asked)) {
                throw formUsed(earlier[0], earlier[1]);
            }
            return earlier[0];
        }
        try {
            publishDraw(planId, staff, department, item, scope, certified, recused);
        } catch (RuntimeException e) {
            claims.release(claimKey);
            throw e;
        }
        claims.done(claimKey);
        metrics.drawn(department).increment();
        return planId;
    }

    /**
     * The plan a form already drew, when it is submitted again for the same draw: a double click or a
     * retry. The same form sent for another item or district (the page left open and changed) would
     * otherwise answer that earlier plan as if it were the draw asked for.
     */
    private String sameDraw(String planId, InspectionItem item, List<String> scope, Set<String> recused) {
        Optional<InspectionStore.Plan> plan = store.plan(planId);
        if (plan.isEmpty()) {
            return planId;
        }
        String drew = asked(plan.get().itemCodes(), plan.get().districts(), plan.get().excludedInspectorIds());
        if (!drew.equals(asked(item, scope, recused))) {
            throw formUsed(planId, drew);
        }
        return planId;
    }

    /** What a draw form asked for, as one comparable text: the item, the districts and the recused officers (回避). */
    private static String asked(InspectionItem item, List<String> scope, Set<String> recused) {
        return asked(List.of(item.code()), scope, recused);
    }

    private static String asked(List<String> itemCodes, List<String> scope, java.util.Collection<String> recused) {
        return itemCodes + ", districts " + scope + ", recused " + recused.stream().sorted().toList();
    }

    private static DrawRefusedException formUsed(String planId, String drew) {
        return new DrawRefusedException("form-used", "this draw form already drew plan " + planId + " (" + drew
                + "); open the form again for another draw", planId);
    }

    /** The yearly cap of a draw of a general item: this calendar year's tasks of the department; key items have none. */
    private InspectionStore.YearlyLimit yearlyLimit(Department department, InspectionItem item) {
        if (item.kind() == InspectionItem.Kind.KEY) {
            return null;
        }
        LocalDate today = LocalDate.now(clock);
        return new InspectionStore.YearlyLimit(department, today.withDayOfYear(1).atStartOfDay(zone).toInstant(),
                today.withDayOfYear(1).plusYears(1).atStartOfDay(zone).toInstant(), rules.yearlyCap());
    }

    /**
     * A UUID named by the department and the form token (a random one without): the end of the plan
     * id, after the department and the day of the draw; unique, never truncated.
     */
    private static String formId(Department department, String token) {
        UUID id = token == null || token.isBlank() ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((department.name() + ":" + token.strip()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return id.toString().toUpperCase(Locale.ROOT);
    }

    private void publishDraw(String planId, String staff, Department department, InspectionItem item, List<String> scope,
                             List<InspectorPool.Inspector> certified, Set<String> recused) {
        long seed = SEEDS.nextLong();
        InspectionStore.YearlyLimit limit = yearlyLimit(department, item);
        List<InspectionDraw.Candidate> pool = store.targetPool(department, item, scope, limit);
        // The whole scope, capped enterprises included: the public-information minimum is a share of all of them.
        int scopeSize = limit == null ? pool.size() : store.targetPool(department, item, scope, null).size();
        if (pool.isEmpty() && scopeSize > 0) {
            throw new DrawRefusedException("yearly-cap", "every enterprise of the scope has had as many " + department
                    + " inspections this year as its risk class's yearly cap allows (rules: inspection.yearly-cap; 国办发〔2024〕54号)");
        }
        int minimumTargets = rules.minimumTargets(item, scopeSize);
        InspectionDraw.Outcome outcome = InspectionDraw.draw(pool, riskClass -> rules.ratioPercent(item, riskClass),
                minimumTargets, certified, recused,
                usccs -> store.recentInspectors(department, usccs, rules.rotation().plans()), rules.inspectorsPerTask().count(), seed);

        Instant now = clock.instant();
        List<BusPublisher.Outgoing> records = new ArrayList<>();
        InspectionPlanDrawn plan = InspectionPlanDrawn.newBuilder()
                .setItemCodes(List.of(item.code())).setItemNames(List.of(item.name())).setDistricts(scope).setRiskClasses(List.of())
                .setStrata(outcome.strata().stream().map(s -> DrawStratum.newBuilder().setRiskClass(s.riskClass())
                        .setRatioPercent(s.ratioPercent().setScale(2, RoundingMode.UNNECESSARY)).setPoolSize(s.poolSize())
                        .setDrawnCount(s.drawnCount()).build()).toList())
                .setRandomSeed(seed).setPoolDigest(outcome.poolDigest()).setPoolSize(outcome.poolSize())
                .setDrawnCount(outcome.assignments().size()).setInspectorPoolSize(certified.size())
                .setExcludedInspectorIds(List.copyOf(recused)).setDrawnBy(staff).setMinimumTargets(minimumTargets)
                .build();
        records.add(record(planId, department, now, "InspectionPlanDrawn", plan, UUID.randomUUID()));
        LocalDate dueOn = LocalDate.now(clock).plus(rules.taskPeriod());
        int n = 0;
        for (InspectionDraw.Assignment assignment : outcome.assignments()) {
            InspectionDraw.Candidate target = assignment.target();
            records.add(record(planId, department, now, "InspectionTaskAssigned", InspectionTaskAssigned.newBuilder()
                    .setTaskId(planId + "-" + String.format(Locale.ROOT, "%04d", ++n)).setUscc(target.uscc())
                    .setEnterpriseName(target.name()).setRegionCode(target.regionCode())
                    .setRiskClass(target.riskClass() == null ? "UNKNOWN" : target.riskClass())
                    .setInspectorIds(assignment.inspectorIds()).setDueOn(dueOn).build(), UUID.randomUUID()));
        }
        publisher.publish(records);
    }

    /** A task of the staff member's department, or a refusal naming the rule. */
    private InspectionStore.TaskRow ownTask(Department department, String taskId) {
        InspectionStore.TaskRow row = store.task(taskId == null ? "" : taskId)
                .orElseThrow(() -> new InvalidInspectionInputException("taskId", "exists", "no inspection task " + taskId));
        if (row.task().department() != department) {
            throw new InvalidInspectionInputException("taskId", "department", "task " + taskId + " belongs to " + row.task().department()
                    + ": only its own department acts on it (谁检查、谁录入)");
        }
        return row;
    }

    /**
     * Recuses one officer from a task after the draw (回避, 行政处罚法第四十三条), for a direct interest
     * or on the enterprise's request, and draws a replacement at random ({@link InspectionDraw#replacement})
     * from the officers the draw could have sent: certified, not recused from the plan, not rotated
     * out for the enterprise, not on the task, never recused from it before. Only before the task
     * has its result. The same recusal submitted again is done already.
     *
     * @return the replacement's certificate number; null when the recusal was done already
     */
    public String recuse(String staff, Department department, String taskId, String inspectorId, String reason) {
        InspectionStore.TaskRow row = ownTask(department, taskId);
        String officer = inspectorId == null ? "" : inspectorId.strip();
        String why = reason == null ? "" : checkText("reason", reason.strip());
        if (why.isEmpty()) {
            throw new InvalidInspectionInputException("reason", "required", "a recusal needs its reason (e.g. 企业申请回避：亲属关系)");
        }
        if (why.length() > MAX_REASON_LENGTH) {
            throw new InvalidInspectionInputException("reason", "max-length", "reason is at most " + MAX_REASON_LENGTH + " characters");
        }
        Set<String> recusedBefore = store.recusedFrom(taskId);
        if (recusedBefore.contains(officer)) {
            return null;
        }
        if (!row.task().inspectorIds().contains(officer)) {
            throw new InvalidInspectionInputException("inspectorId", "on-task", "officer " + officer + " is not one of task " + taskId
                    + "'s inspectors " + row.task().inspectorIds(), officer);
        }
        if (row.result() != null) {
            throw new ActionConflictException("taskId", "open", "task " + taskId + " already has its result: its inspection is done");
        }
        // One recusal of a task at a time: numbered by the recusals the read model shows, so that two officers
        // recused at once cannot both be replaced from the same list (the second is told the task changed).
        String claim = "recusal:" + taskId + ":" + (recusedBefore.size() + 1);
        Optional<String> earlier = claims.claim(claim, officer);
        if (earlier.isPresent()) {
            if (earlier.get().equals(officer)) {
                return null;
            }
            throw new ActionConflictException("inspectorId", "changed", "task " + taskId + " had officer " + earlier.get()
                    + " recused a moment ago: reload the plan and recuse again if still needed");
        }
        try {
            String replacement = publishRecusal(staff, department, row, officer, why, recusedBefore);
            claims.done(claim);
            return replacement;
        } catch (RuntimeException e) {
            claims.release(claim);
            throw e;
        }
    }

    private String publishRecusal(String staff, Department department, InspectionStore.TaskRow row, String officer, String reason,
                                  Set<String> recusedBefore) {
        InspectionStore.Task task = row.task();
        Set<String> excluded = new java.util.HashSet<>(task.inspectorIds());
        excluded.addAll(recusedBefore);
        store.plan(task.planId()).ifPresent(plan -> excluded.addAll(plan.excludedInspectorIds()));
        // The draw looked at the latest plans before this one; this one is among the latest now.
        excluded.addAll(store.recentInspectors(department, List.of(task.uscc()), rules.rotation().plans() + 1)
                .getOrDefault(task.uscc(), Set.of()));
        List<InspectorPool.Inspector> eligible = inspectors.certified(department).stream()
                .filter(inspector -> !excluded.contains(inspector.id())).toList();
        long seed = SEEDS.nextLong();
        String replacement = InspectionDraw.replacement(eligible, task.regionCode(), seed).orElseThrow(() -> new ActionConflictException(
                "inspectorId", "replacement", "no certified officer is left to replace " + officer + " on task " + task.taskId()
                + " (those on the task, recused from it or from the plan, and those who inspected the enterprise recently are left out)"));
        List<String> after = task.inspectorIds().stream().map(id -> id.equals(officer) ? replacement : id).toList();
        publisher.publish(List.of(record(task.planId(), department, clock.instant(), "InspectorRecused", InspectorRecused.newBuilder()
                .setTaskId(task.taskId()).setRecusedInspectorId(officer).setReplacementInspectorId(replacement).setInspectorIds(after)
                .setReason(reason).setRandomSeed(seed).setRecordedBy(staff).build(),
                UUID.nameUUIDFromBytes(("InspectorRecused:" + task.taskId() + ":" + officer).getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        return replacement;
    }

    /** Records the result of one task of the staff member's department. */
    public void recordResult(String staff, Department department, String taskId, String resultCode, String formedOn, String followUp) {
        InspectionStore.TaskRow row = ownTask(department, taskId);
        InspectionResult code = resultCode(resultCode);
        LocalDate formed;
        try {
            formed = LocalDate.parse(formedOn == null ? "" : formedOn.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInspectionInputException("resultFormedOn", "date", "resultFormedOn must be a date yyyy-MM-dd, got '" + formedOn + "'");
        }
        LocalDate assignedOn = LocalDate.ofInstant(row.task().assignedAt(), zone);
        if (formed.isAfter(today()) || formed.isBefore(assignedOn)) {
            throw new InvalidInspectionInputException("resultFormedOn", "range", "resultFormedOn must be between the draw (" + assignedOn
                    + ") and today (" + today() + "), got " + formed);
        }
        String penalty = followUp == null || followUp.isBlank() ? null : checkText("followUpPenaltyRef", followUp.strip());
        if (penalty != null && penalty.length() > MAX_FOLLOW_UP_LENGTH) {
            throw new InvalidInspectionInputException("followUpPenaltyRef", "max-length", "followUpPenaltyRef is at most "
                    + MAX_FOLLOW_UP_LENGTH + " characters");
        }
        // It is published unmasked: only a decision number may go there, never words about a person. Checked in its
        // canonical form, so one typed in an input method's full-width mode (〔２０２６〕８８号) is taken as the same number.
        String typed = penalty;
        penalty = DecisionNumbers.canonical(penalty);
        if (penalty != null && !DecisionNumbers.PATTERN.matcher(penalty).matches()) {
            throw new InvalidInspectionInputException("followUpPenaltyRef", "pattern", "followUpPenaltyRef must be a penalty decision"
                    + " number such as 杭余市监罚〔2026〕88号 (it is published as it is), got '" + typed + "'", typed);
        }
        // A task has one result: the same result again (a double click, a retry) is done already, another one is a conflict.
        String submitted = code + "|" + formed + "|" + (penalty == null ? "" : penalty);
        if (row.result() != null) {
            String recorded = row.result().resultCode() + "|" + row.result().resultFormedOn() + "|"
                    + (row.result().followUpPenaltyRef() == null ? "" : row.result().followUpPenaltyRef());
            if (recorded.equals(submitted)) {
                return;
            }
            throw new ActionConflictException("taskId", "once", "task " + taskId + " already has its result (" + row.result().resultCode() + ")");
        }
        String claim = "result:" + taskId;
        var earlier = claims.claim(claim, submitted);
        if (earlier.isPresent()) {
            if (earlier.get().equals(submitted)) {
                return;
            }
            throw new ActionConflictException("taskId", "once", "task " + taskId + " already has its result (" + earlier.get().split("\\|")[0] + ")");
        }
        try {
            publisher.publish(List.of(record(row.task().planId(), department, clock.instant(), "InspectionResultRecorded",
                    InspectionResultRecorded.newBuilder().setTaskId(taskId).setResultCode(code).setResultFormedOn(formed)
                            .setFollowUpPenaltyRef(penalty).setRecordedBy(staff).build(), resultEventId(taskId))));
        } catch (RuntimeException e) {
            claims.release(claim);
            throw e;
        }
        claims.done(claim);
        metrics.results(department, code).increment();
    }

    /** The six published codes; OTHER is only what an old reader maps an unknown symbol to. */
    static InspectionResult resultCode(String code) {
        for (InspectionResult result : InspectionResult.values()) {
            if (result != InspectionResult.OTHER && result.name().equals(code)) {
                return result;
            }
        }
        throw new InvalidInspectionInputException("resultCode", "enum", "resultCode must be one of the six published codes "
                + publishedCodes() + ", got '" + code + "'");
    }

    public static List<String> publishedCodes() {
        return java.util.Arrays.stream(InspectionResult.values()).filter(r -> r != InspectionResult.OTHER).map(Enum::name).toList();
    }

    /** The event id of a task's result: named by the task, so a consumer recognises the same result published twice. */
    static UUID resultEventId(String taskId) {
        return UUID.nameUUIDFromBytes(("InspectionResultRecorded:" + taskId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The recused officers: certificate numbers of the department's certified officers, or the submission is refused. */
    private static Set<String> parseRecusals(String text, List<InspectorPool.Inspector> certified) {
        if (text != null && text.length() > MAX_RECUSALS_LENGTH) {
            throw new InvalidInspectionInputException("recusals", "length", "recusals is at most " + MAX_RECUSALS_LENGTH + " characters");
        }
        checkText("recusals", text);
        Set<String> ids = parseIds(text);
        Set<String> known = new java.util.HashSet<>(certified.stream().map(InspectorPool.Inspector::id).toList());
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInspectionInputException("recusals", "known-inspector", "not certified officers of the department's"
                    + " inspector pool: " + String.join(", ", unknown), String.join(", ", unknown));
        }
        return ids;
    }

    private static Set<String> parseIds(String text) {
        Set<String> ids = new LinkedHashSet<>();
        if (text != null) {
            for (String id : text.split("[\\s,，;；]+")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
        }
        return ids;
    }

    private static BusPublisher.Outgoing record(String planId, Department department, Instant at, String type, Object payload,
                                                UUID eventId) {
        return new BusPublisher.Outgoing(TopicCatalogue.INSPECTIONS, planId, InspectionEvent.newBuilder()
                .setEventId(eventId).setEventType(type).setPlanId(planId).setDepartment(department).setOccurredAt(at)
                .setPayload(payload).build());
    }

    /** Refuses the text (rule {@code characters}) when it holds a control character ({@link InputText}). */
    private static String checkText(String field, String text) {
        if (InputText.hasControlCharacters(text)) {
            throw new InvalidInspectionInputException(field, "characters", field + " must not contain control characters");
        }
        return text;
    }
}
