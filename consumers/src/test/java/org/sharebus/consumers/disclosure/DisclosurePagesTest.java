package org.sharebus.consumers.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.inspection.BusPublisher;
import org.sharebus.consumers.inspection.InspectionService;
import org.sharebus.consumers.inspection.InspectionStore;
import org.sharebus.consumers.inspection.InspectorPool;
import org.sharebus.consumers.inspection.InvalidInspectionInputException;
import org.sharebus.consumers.inspection.PlanPage;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.event.common.Department;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * The publish button's answers on the plan page: the service and read model stubbed, the controller
 * as deployed. (Publishing as a browser sees it: InspectionPagesBrowserTest.)
 */
class DisclosurePagesTest {

    private static final String PLAN = "MARKET-20261126-6F1C2E0A-5B7D-3E2F-9A41-0C8D7E6B5A49";
    private static final String TASK = PLAN + "-0001";
    private static final Authentication MARKET_STAFF = new UsernamePasswordAuthenticationToken("market-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_MARKET")));

    private final DisclosureService disclosures = mock(DisclosureService.class);
    private final InspectionService inspections = mock(InspectionService.class);
    private final InspectionStore store = mock(InspectionStore.class);
    private final DisclosurePages pages = new DisclosurePages(disclosures, store,
            new PlanPage(inspections, store, new InspectorPool(List.of()), TestRules.standard()));
    private final ExtendedModelMap model = new ExtendedModelMap();
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final InspectionStore.Task task = new InspectionStore.Task(TASK, PLAN, Department.MARKET, "91330106N4446551XY",
            "杭州西溪数码科技有限公司", "330106", "B", List.of("33010610001"), LocalDate.of(2027, 1, 26), Instant.now());

    DisclosurePagesTest() {
        when(store.plan(PLAN)).thenReturn(Optional.of(new InspectionStore.Plan(PLAN, Department.MARKET, List.of("MKT-01"),
                List.of("企业公示信息检查"), List.of(), "[]", 1L, "digest", 1, 1, 2, List.of(), "market-staff", Instant.now())));
        when(inspections.today()).thenReturn(LocalDate.of(2026, 11, 26));
    }

    @Test
    void shouldPublishAsTheStaffMembersDepartmentAndShowTheTaskOnItsPlan() {
        // given a task the projection shows published once the broker has the publication
        when(store.task(TASK)).thenReturn(Optional.of(new InspectionStore.TaskRow(task, null, LocalDate.of(2026, 11, 26))));
        when(store.tasks(PLAN)).thenReturn(List.of(new InspectionStore.TaskRow(task, null, LocalDate.of(2026, 11, 26))));
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        // when
        String view = pages.publish(TASK, MARKET_STAFF, model, response, redirect);

        // then
        verify(disclosures).publish(Department.MARKET, TASK);
        assertThat(view).isEqualTo("redirect:/staff/inspections/plans/{planId}#task-" + TASK);
        assertThat(redirect).containsEntry("planId", PLAN);
    }

    @Test
    void shouldAnswer503OnThePlanPageWhenTheBrokerDoesNotTakeThePublication() {
        // given the broker is down
        when(store.task(TASK)).thenReturn(Optional.of(new InspectionStore.TaskRow(task, null, null)));
        when(store.tasks(PLAN)).thenReturn(List.of(new InspectionStore.TaskRow(task, null, null)));
        doThrow(new BusPublisher.PublishFailedException("the broker did not acknowledge: timeout", null))
                .when(disclosures).publish(any(), any());

        // when
        String view = pages.publish(TASK, MARKET_STAFF, model, response, new RedirectAttributesModelMap());

        // then
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(view).isEqualTo("staff/plan");
        assertThat(((Exception) model.get("unavailable")).getMessage()).contains("did not acknowledge");
    }

    @Test
    void shouldAnswer400OnThePlanPageNamingTheRuleWhenTheTaskHasNoResultYet() {
        // given
        when(store.task(TASK)).thenReturn(Optional.of(new InspectionStore.TaskRow(task, null, null)));
        when(store.tasks(PLAN)).thenReturn(List.of(new InspectionStore.TaskRow(task, null, null)));
        doThrow(new InvalidInspectionInputException("taskId", "recorded", "task " + TASK + " has no result to publish yet"))
                .when(disclosures).publish(any(), any());

        // when
        String view = pages.publish(TASK, MARKET_STAFF, model, response, new RedirectAttributesModelMap());

        // then
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(view).isEqualTo("staff/plan");
        assertThat(((InvalidInspectionInputException) model.get("invalid")).getMessage()).contains("no result to publish yet");
        assertThat(model.get("plan")).isNotNull();
    }
}
