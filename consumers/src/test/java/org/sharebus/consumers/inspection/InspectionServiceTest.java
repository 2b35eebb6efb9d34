package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.event.common.Department;

/**
 * The draw's once-only rule where the clock matters. The store and the broker are stand-ins (the
 * read model lagging, as it does right after a draw); {@link InspectionWiringTest} runs the same
 * path on a real broker and PostgreSQL, where the clock cannot be moved.
 */
class InspectionServiceTest {

    private static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");

    private final InspectionStore store = mock(InspectionStore.class);
    private final BusPublisher publisher = mock(BusPublisher.class);
    private final StaffActionClaims claims = mock(StaffActionClaims.class);
    private final Map<String, String> claimed = new HashMap<>();
    private Instant now = Instant.parse("2026-11-27T15:59:58Z"); // 23:59:58 in Hangzhou

    @Test
    void shouldAnswerThePlanAlreadyDrawnWhenTheFormIsResubmittedAfterMidnight() {
        // given a draw at 23:59:58, its plan not yet in the read model
        InspectionService inspections = service();
        String first = inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "", "token-1");

        // when the same form comes again at 00:00:02, the next day
        now = Instant.parse("2026-11-27T16:00:02Z");
        String second = inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "", "token-1");

        // then the plan of the day before, published once
        assertThat(first).startsWith("MARKET-20261127-");
        assertThat(second).isEqualTo(first);
        verify(publisher, times(1)).publish(anyList());
    }

    @Test
    void shouldAnswerThePlanOfTheReadModelWhenTheFormIsResubmittedAfterItsClaimIsForgotten() {
        // given a plan drawn yesterday from this form, in the read model, its claim long gone
        InspectionService inspections = service();
        String drawn = "MARKET-20261127-" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12);
        when(store.planIdOfForm(anyString())).thenReturn(Optional.of(drawn));

        // when the form comes again
        String again = inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "", "token-1");

        // then
        assertThat(again).isEqualTo(drawn);
        verify(publisher, times(0)).publish(anyList());
    }

    /** A plan of MKT-01 in 330106 without recusals, which the read model shows drawn from the form. */
    private String planOfMkt01In330106DrawnFromTheForm() {
        String drawn = "MARKET-20261127-" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12);
        when(store.planIdOfForm(anyString())).thenReturn(Optional.of(drawn));
        when(store.plan(drawn)).thenReturn(Optional.of(new InspectionStore.Plan(drawn, Department.MARKET, List.of("MKT-01"),
                List.of("企业公示信息检查"), List.of("330106"), "[]", 1L, "digest", 1, 1, 4, List.of(), "market-staff", now)));
        return drawn;
    }

    @Test
    void shouldRefuseAFormThatDrewAPlanWhenItIsSentAgainForAnotherItemOrDistrict() {
        // given a plan of MKT-01 in 西湖区 drawn from this form, in the read model
        InspectionService inspections = service();
        String drawn = planOfMkt01In330106DrawnFromTheForm();

        // when the page, left open, sends the same form for another item, and for the same item in another district
        Throwable otherItem = org.assertj.core.api.Assertions.catchThrowable(() ->
                inspections.draw("market-staff", Department.MARKET, "MKT-02", List.of("330106"), "", "token-1"));
        Throwable otherDistrict = org.assertj.core.api.Assertions.catchThrowable(() ->
                inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330108"), "", "token-1"));

        // then both are refused, naming the plan the form drew, instead of answering it as the draw asked for
        assertThat(List.of(otherItem, otherDistrict)).allSatisfy(refused -> {
            assertThat(refused).isInstanceOf(DrawRefusedException.class);
            assertThat(((DrawRefusedException) refused).rule()).isEqualTo("form-used");
            assertThat(((DrawRefusedException) refused).details()).containsExactly(drawn);
        });
        // and the same draw again is still answered with its plan
        assertThat(inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "", "token-1")).isEqualTo(drawn);
        verify(publisher, times(0)).publish(anyList());
    }

    @Test
    void shouldRefuseAFormSentAgainWithAnOfficerRecusedThatItsPlanAssigned() {
        // given a plan of MKT-01 in 330106 drawn from this form without recusals, officer 1 assigned
        InspectionService inspections = service();
        String drawn = planOfMkt01In330106DrawnFromTheForm();

        // when the same form is sent back with officer 1 recused (回避)
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "33010610001", "token-1"));

        // then it is refused as form-used, naming the plan drawn without the recusal
        assertThat(refused).isInstanceOf(DrawRefusedException.class).hasMessageContaining(drawn).hasMessageContaining("recused []");
        assertThat(((DrawRefusedException) refused).rule()).isEqualTo("form-used");
    }

    @Test
    void shouldRefuseAFormSentAgainForAnotherItemWhileItsPlanIsNotInTheReadModelYet() {
        // given a draw of MKT-01 from this form, its plan not yet in the read model (the claim holds it)
        InspectionService inspections = service();
        String first = inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "", "token-1");

        // when the same form comes for MKT-02
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                inspections.draw("market-staff", Department.MARKET, "MKT-02", List.of("330106"), "", "token-1"));

        // then it is refused as form-used, not answered with the MKT-01 plan; the same form for the same draw still is
        assertThat(refused).as("answered " + first).isInstanceOf(DrawRefusedException.class).hasMessageContaining(first)
                .hasMessageContaining("[MKT-01]");
        assertThat(inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "", "token-1")).isEqualTo(first);
    }

    @Test
    void shouldRefuseASecondOfficersRecusalFromATaskWhileTheFirstIsNotInTheReadModelYet() {
        // given a task of two officers, a third and a fourth free to replace them
        InspectionService inspections = service();
        String task = "MARKET-20261127-0000-0001";
        when(store.task(task)).thenReturn(Optional.of(new InspectionStore.TaskRow(new InspectionStore.Task(task, "MARKET-20261127-0000",
                Department.MARKET, "91330106MA2B2C3D4E", "杭州西溪数字科技有限公司", "330106", "B", List.of("33010610001", "33010610002"),
                java.time.LocalDate.of(2027, 1, 26), now), null, null)));
        when(store.recusedFrom(task)).thenReturn(java.util.Set.of());

        // when one officer is recused, and at once (the read model still shows the task as drawn) the other
        String replacement = inspections.recuse("market-staff", Department.MARKET, task, "33010610001", "企业申请回避");
        Throwable second = org.assertj.core.api.Assertions.catchThrowable(() ->
                inspections.recuse("market-staff", Department.MARKET, task, "33010610002", "直接利害关系"));

        // then the first is replaced, once; the second is told the task changed, not replaced from the same list
        assertThat(replacement).isIn("33010610003", "33010610004");
        assertThat(second).isInstanceOf(ActionConflictException.class);
        assertThat(((InvalidInspectionInputException) second).rule()).isEqualTo("changed");
        verify(publisher, times(1)).publish(anyList());
    }

    @Test
    void shouldSampleThreePercentOfTheWholeScopeInAPublicInformationCheckWhenHalfIsAtItsYearlyCap() {
        // given 100 class-A enterprises in scope, 50 of them inspected once this year already (cap A = 1), so out of the pool
        InspectionService inspections = service();
        List<InspectionDraw.Candidate> scope = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new InspectionDraw.Candidate(String.format("A%017d", i), "企业" + i, "330106", "A")).toList();
        when(store.targetPool(any(), any(), anyList(), org.mockito.ArgumentMatchers.isNull())).thenReturn(scope);
        when(store.targetPool(any(), any(), anyList(), org.mockito.ArgumentMatchers.notNull())).thenReturn(scope.subList(50, 100));

        // when market draws the public-information check (MKT-01: 3 % of class A, at least 3 % of the scope, SAMR Order 101)
        inspections.draw("market-staff", Department.MARKET, "MKT-01", List.of("330106"), "", "token-cap");

        // then 3 of the 100 are drawn (3 % of the 50 left would be 2), all from those under the cap, and the plan counts them in A
        @SuppressWarnings("unchecked")
        org.mockito.ArgumentCaptor<List<BusPublisher.Outgoing>> records = org.mockito.ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(records.capture());
        List<org.sharebus.inspection.InspectionTaskAssigned> tasks = records.getValue().stream()
                .map(r -> ((org.sharebus.inspection.InspectionEvent) r.value()).getPayload())
                .filter(org.sharebus.inspection.InspectionTaskAssigned.class::isInstance)
                .map(org.sharebus.inspection.InspectionTaskAssigned.class::cast).toList();
        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(scope.subList(50, 100)).extracting(InspectionDraw.Candidate::uscc)
                .contains(t.getUscc()));
        org.sharebus.inspection.InspectionPlanDrawn plan = records.getValue().stream()
                .map(r -> ((org.sharebus.inspection.InspectionEvent) r.value()).getPayload())
                .filter(org.sharebus.inspection.InspectionPlanDrawn.class::isInstance)
                .map(org.sharebus.inspection.InspectionPlanDrawn.class::cast).findFirst().orElseThrow();
        assertThat(plan.getStrata()).filteredOn(stratum -> stratum.getRiskClass().equals("A")).singleElement()
                .satisfies(a -> assertThat(a.getDrawnCount()).isEqualTo(3)).satisfies(a -> assertThat(a.getPoolSize()).isEqualTo(50));
        assertThat(plan.getDrawnCount()).isEqualTo(3);
        assertThat(plan.getMinimumTargets()).as("recorded, so that a redraw from the seed gives the same list").isEqualTo(3);
        // and the draw page said so beforehand
        when(store.poolSizes(any(), any(), anyList(), org.mockito.ArgumentMatchers.isNull()))
                .thenReturn(Map.of("A", 100, "B", 0, "C", 0, "D", 0, "UNKNOWN", 0));
        when(store.poolSizes(any(), any(), anyList(), org.mockito.ArgumentMatchers.notNull()))
                .thenReturn(Map.of("A", 50, "B", 0, "C", 0, "D", 0, "UNKNOWN", 0));
        assertThat(inspections.readiness(Department.MARKET, inspections.item(Department.MARKET, "MKT-01"), List.of("330106")).expectedDrawn())
                .isEqualTo(3);
    }

    private InspectionService service() {
        when(store.planIdOfForm(anyString())).thenReturn(Optional.empty());
        when(store.targetPool(any(), any(), anyList(), any())).thenReturn(List.of(
                new InspectionDraw.Candidate("91330106MA2B2C3D4E", "杭州西溪数字科技有限公司", "330106", "B")));
        when(store.recentInspectors(any(), any(), anyInt())).thenReturn(Map.of());
        // The claims table's rule: the first value claimed under a key is the one every later claim answers.
        when(claims.claim(anyString(), anyString())).thenAnswer(call ->
                Optional.ofNullable(claimed.putIfAbsent(call.getArgument(0), call.getArgument(1))));
        InspectorPool officers = new InspectorPool(List.of(
                new InspectorPool.Inspector("33010610001", Department.MARKET, "330106", "officer 1", true),
                new InspectorPool.Inspector("33010610002", Department.MARKET, "330106", "officer 2", true),
                new InspectorPool.Inspector("33010610003", Department.MARKET, "330106", "officer 3", true),
                new InspectorPool.Inspector("33010610004", Department.MARKET, "330106", "officer 4", true)));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return HANGZHOU;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the service never changes its clock's zone");
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new InspectionService(store, officers, InspectionRulesTest.standard(), publisher, TestRules.standard(),
                new InspectionMetrics(new SimpleMeterRegistry()), claims, clock);
    }
}
