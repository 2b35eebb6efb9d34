package org.sharebus.consumers.disclosure;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sharebus.consumers.inspection.BusPublisher;
import org.sharebus.consumers.inspection.InspectionStore;
import org.sharebus.consumers.inspection.InvalidInspectionInputException;
import org.sharebus.consumers.inspection.StaffActionClaims;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.disclosure.DisclosedResult;
import org.sharebus.disclosure.DisclosureEvent;
import org.sharebus.disclosure.ResultDisclosed;
import org.sharebus.event.common.Department;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.stereotype.Service;

/**
 * Publishes a recorded inspection result (一公开): staff of the inspecting department only
 * (谁检查、谁公开), once per task, masked as {@link Masking} says, on {@code sharebus.disclosures.v1}
 * keyed by the task id; answered once the broker has it.
 *
 * <p>The key is the task id, not the USCC: the key is as public as the value, and an individual
 * business's full USCC is not public. A task is published once, so nothing needs per-enterprise
 * order on this topic.
 */
@Service
public class DisclosureService {

    /** The inspecting authority (检查机关) as published, per department. */
    static final Map<Department, String> AUTHORITIES = Map.of(
            Department.MARKET, "杭州市市场监督管理局",
            Department.CUSTOMS, "杭州海关",
            Department.COMMERCE, "杭州市商务局",
            Department.CREDIT, "杭州市发展和改革委员会",
            Department.TAX, "国家税务总局杭州市税务局");

    private final InspectionStore inspections;
    private final BusPublisher publisher;
    private final Clock clock;
    private final StaffActionClaims claims;

    DisclosureService(InspectionStore inspections, BusPublisher publisher, Rules rules, StaffActionClaims claims) {
        this.inspections = inspections;
        this.publisher = publisher;
        this.claims = claims;
        this.clock = Clock.system(rules.zone());
    }

    public void publish(Department department, String taskId) {
        InspectionStore.TaskRow row = inspections.task(taskId == null ? "" : taskId)
                .orElseThrow(() -> new InvalidInspectionInputException("taskId", "exists", "no inspection task " + taskId));
        if (row.task().department() != department) {
            throw new InvalidInspectionInputException("taskId", "department", "task " + taskId + " belongs to " + row.task().department()
                    + ": only the inspecting department publishes its result (谁检查、谁公开)");
        }
        if (row.result() == null) {
            throw new InvalidInspectionInputException("taskId", "recorded", "task " + taskId + " has no result to publish yet");
        }
        // Published once: a second submission (double click, retry) of the same publication is done already.
        String claim = "disclosure:" + taskId;
        if (row.disclosed() || claims.claim(claim, taskId).isPresent()) {
            return;
        }
        try {
            publish(department, row);
        } catch (RuntimeException e) {
            claims.release(claim);
            throw e;
        }
        claims.done(claim);
    }

    /** The event id of a task's publication: named by the task, so a consumer recognises the same publication twice. */
    static UUID eventId(String taskId) {
        return UUID.nameUUIDFromBytes(("ResultDisclosed:" + taskId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void publish(Department department, InspectionStore.TaskRow row) {
        InspectionStore.Task task = row.task();
        InspectionStore.Result result = row.result();
        List<String> itemNames = inspections.plan(task.planId()).map(InspectionStore.Plan::itemNames).orElse(List.of());
        ResultDisclosed disclosed = ResultDisclosed.newBuilder()
                .setTaskId(task.taskId()).setPlanId(task.planId())
                .setEnterpriseName(Masking.name(task.uscc(), task.enterpriseName())).setUscc(Masking.uscc(task.uscc()))
                .setIndividualBusiness(Masking.individualBusiness(task.uscc()))
                .setItemNames(itemNames).setAuthority(AUTHORITIES.getOrDefault(department, department.name()))
                .setResultFormedOn(result.resultFormedOn()).setResultCode(DisclosedResult.valueOf(result.resultCode()))
                .setFollowUpPenaltyRef(result.followUpPenaltyRef()).setDisclosedOn(LocalDate.now(clock))
                .setDisclosureDueOn(result.disclosureDueOn())
                .build();
        publisher.publish(List.of(new BusPublisher.Outgoing(TopicCatalogue.DISCLOSURES, task.taskId(), DisclosureEvent.newBuilder()
                .setEventId(eventId(task.taskId())).setEventType("ResultDisclosed").setDepartment(department).setOccurredAt(clock.instant())
                .setPayload(disclosed).build())));
    }
}
