package org.sharebus.consumers.inspection;

import java.time.LocalDate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sharebus.consumers.projection.ProjectionContainers;
import org.sharebus.inspection.InspectionEvent;
import org.sharebus.inspection.InspectionPlanDrawn;
import org.sharebus.inspection.InspectionResultRecorded;
import org.sharebus.inspection.InspectionTaskAssigned;
import org.sharebus.inspection.InspectorRecused;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroDeserializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the inspection read model in step with {@code sharebus.inspections.v1}: a plan, its tasks
 * and their results, each inserted once by its id (a redelivery or a replay changes nothing). The
 * disclosure deadline of a result is computed here from the rules table: after a rule change,
 * rebuild the projection (docs/operations.md).
 */
@Component
class InspectionProjection {

    static final String GROUP_ID = ProjectionContainers.INSPECTION_GROUP;
    static final String LISTENER_ID = "inspection-projection";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InspectionStore store;
    private final ConfluentAvroDeserializer<InspectionEvent> decoder;
    private final WorkingCalendar calendar;
    private final int disclosureWorkingDays;

    InspectionProjection(InspectionStore store, SchemaRegistryClient registry, InspectionRules rules) {
        this.store = store;
        this.decoder = new ConfluentAvroDeserializer<>(registry, InspectionEvent.class);
        this.calendar = WorkingCalendar.of(rules.calendar());
        this.disclosureWorkingDays = rules.disclosure().workingDays();
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP_ID, topics = TopicCatalogue.INSPECTIONS,
            containerFactory = InspectionConfiguration.INSPECTIONS_CONTAINER_FACTORY)
    void onRecord(ConsumerRecord<String, byte[]> record) {
        InspectionEvent event = ProjectionContainers.decode(decoder, record);
        Object payload = event.getPayload();
        if (payload instanceof InspectionPlanDrawn plan) {
            store.insertPlan(new InspectionStore.Plan(event.getPlanId(), event.getDepartment(), plan.getItemCodes(), plan.getItemNames(),
                    plan.getDistricts(), strataJson(plan), plan.getRandomSeed(), plan.getPoolDigest(), plan.getPoolSize(),
                    plan.getDrawnCount(), plan.getInspectorPoolSize(), plan.getExcludedInspectorIds(), plan.getDrawnBy(),
                    event.getOccurredAt()));
        } else if (payload instanceof InspectionTaskAssigned task) {
            store.insertTask(new InspectionStore.Task(task.getTaskId(), event.getPlanId(), event.getDepartment(), task.getUscc(),
                    task.getEnterpriseName(), task.getRegionCode(), task.getRiskClass(), task.getInspectorIds(), task.getDueOn(),
                    event.getOccurredAt()));
        } else if (payload instanceof InspectionResultRecorded result) {
            LocalDate formedOn = result.getResultFormedOn();
            store.insertResult(new InspectionStore.Result(result.getTaskId(), event.getPlanId(), event.getDepartment(),
                    result.getResultCode().name(), formedOn, result.getFollowUpPenaltyRef(), result.getRecordedBy(), event.getOccurredAt(),
                    calendar.plusWorkingDays(formedOn, disclosureWorkingDays)));
        } else if (payload instanceof InspectorRecused recusal) {
            store.insertRecusal(new InspectionStore.Recusal(event.getEventId(), recusal.getTaskId(),
                    recusal.getRecusedInspectorId(), recusal.getReplacementInspectorId(), recusal.getReason(), recusal.getRandomSeed(),
                    recusal.getRecordedBy(), event.getOccurredAt()));
        } else {
            throw new ProjectionContainers.UndecodableRecordException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has a payload this projection does not know: " + payload.getClass().getName(), null);
        }
    }

    private static String strataJson(InspectionPlanDrawn plan) {
        return JSON.writeValueAsString(plan.getStrata().stream().map(stratum -> java.util.Map.of("riskClass", stratum.getRiskClass(),
                "ratioPercent", stratum.getRatioPercent().toPlainString(), "poolSize", stratum.getPoolSize(),
                "drawnCount", stratum.getDrawnCount())).toList());
    }
}
