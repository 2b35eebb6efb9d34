package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.event.common.Department;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * The staff pages' answers when the bus or the input fails: the service and read model stubbed,
 * the controller as deployed. (The pages as a browser sees them: {@link InspectionPagesBrowserTest}.)
 */
class InspectionPagesTest {

    private static final String PLAN = "MARKET-20261126-6F1C2E0A-5B7D-3E2F-9A41-0C8D7E6B5A49";
    private static final String TASK = PLAN + "-0001";
    /** On the plan's second page (50 tasks a page). */
    private static final int DEMO_TASK_NUMBER = 57;
    private static final Authentication MARKET_STAFF = new UsernamePasswordAuthenticationToken("market-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_MARKET")));

    private final InspectionService inspections = mock(InspectionService.class);
    private final InspectionStore store = mock(InspectionStore.class);
    private final InspectionPages pages = new InspectionPages(inspections, store,
            new PlanPage(inspections, store, new InspectorPool(List.of()), TestRules.standard()), InspectionRulesTest.standard(),
            TestRules.standard());
    private final ExtendedModelMap model = new ExtendedModelMap();
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    InspectionPagesTest() {
        when(store.plans(any(), anyInt(), anyInt())).thenReturn(new SearchPage<>(List.of(), 0, InspectionPages.PLANS_PAGE_SIZE, 0));
        when(store.districts(any())).thenReturn(Map.of());
        when(store.plan(PLAN)).thenReturn(Optional.of(new InspectionStore.Plan(PLAN, Department.MARKET, List.of("MKT-01"),
                List.of("企业公示信息检查"), List.of(), "[]", 1L, "digest", 1, 1, 2, List.of(), "market-staff", Instant.now())));
        List<InspectionStore.TaskRow> tasks = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            boolean demo = i == DEMO_TASK_NUMBER;
            tasks.add(new InspectionStore.TaskRow(new InspectionStore.Task(PLAN + String.format("-%04d", i), PLAN, Department.MARKET,
                    demo ? "91330106MA2H7DEM0L" : "91330106N4446551XY", demo ? "杭州西溪数字贸易有限公司" : "杭州西溪数码科技有限公司", "330106",
                    demo ? "D" : "B", List.of("33010610001", "33010610002"), LocalDate.of(2027, 1, 26), Instant.now()), null, null));
        }
        when(store.tasks(PLAN)).thenReturn(tasks);
        when(store.task(TASK)).thenReturn(Optional.of(tasks.get(0)));
        when(inspections.today()).thenReturn(LocalDate.of(2026, 11, 26));
    }

    @Test
    void shouldAnswer503SayingNothingWasDoneWhenTheBrokerDoesNotTakeADraw() {
        // given the broker is down
        when(inspections.draw(anyString(), any(), any(), any(), any(), any()))
                .thenThrow(new BusPublisher.PublishFailedException("the broker did not commit the records: timeout", null));

        // when market staff draw
        String view = pages.draw("MKT-01", "330106", "", "token-1", MARKET_STAFF, model, response);

        // then the draw page answers 503 with the broker's reason, not a 500
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(view).isEqualTo("staff/inspections");
        assertThat(((Exception) model.get("unavailable")).getMessage()).contains("did not commit");
    }

    @Test
    void shouldAnswer503WhenTheBrokerDoesNotTakeAResult() {
        // given the broker is down
        doThrow(new BusPublisher.PublishFailedException("the broker did not acknowledge: timeout", null))
                .when(inspections).recordResult(any(), any(), any(), any(), any(), any());

        // when
        String recorded = pages.recordResult(TASK, "NO_PROBLEM_FOUND", "2026-11-26", "", MARKET_STAFF, model, response,
                new RedirectAttributesModelMap());

        // then it answers 503 on the plan page (a publication likewise: DisclosurePagesTest)
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(recorded).isEqualTo("staff/plan");
        assertThat(((Exception) model.get("unavailable")).getMessage()).contains("did not acknowledge");
    }

    @Test
    void shouldAnswer409WhenADifferentResultIsSubmittedForATaskThatHasOne() {
        // given
        doThrow(new ActionConflictException("taskId", "once", "task " + TASK + " already has its result (NO_PROBLEM_FOUND)"))
                .when(inspections).recordResult(any(), any(), any(), any(), any(), any());

        // when
        pages.recordResult(TASK, "CORRECTION_ORDERED", "2026-11-26", "", MARKET_STAFF, model, response, new RedirectAttributesModelMap());

        // then
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((InvalidInspectionInputException) model.get("invalid")).rule()).isEqualTo("once");
    }

    @Test
    void shouldListTheEnterprisesTaskAloneWhenThePlanIsSearchedByItsNameOrUscc() {
        // when market staff look for the demo's enterprise in a plan of 60 tasks, by name and by a USCC fragment typed full-width
        pages.plan(PLAN, null, " 西溪数字 ", MARKET_STAFF, model, response);
        ExtendedModelMap byCode = new ExtendedModelMap();
        pages.plan(PLAN, null, "ｍａ２ｈ７ｄｅｍ", MARKET_STAFF, byCode, new MockHttpServletResponse());

        // then its task is the page's only one, and the plan's progress still counts all 60
        for (ExtendedModelMap found : List.of(model, byCode)) {
            @SuppressWarnings("unchecked")
            SearchPage<InspectionStore.TaskRow> shown = (SearchPage<InspectionStore.TaskRow>) found.get("tasks");
            assertThat(shown.content()).extracting(row -> row.task().enterpriseName()).containsExactly("杭州西溪数字贸易有限公司");
            assertThat(shown.totalElements()).isEqualTo(1);
            assertThat(found.get("taskCount")).isEqualTo(60);
        }
        assertThat(model.get("name")).isEqualTo("西溪数字");
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void shouldKeepThePlansSearchAsTypedWhenLinkingToItsNextPage() {
        // when the plan of 60 tasks, 59 of one name, is searched by part of that name
        pages.plan(PLAN, null, "数码", MARKET_STAFF, model, response);

        // then the next page's link carries the search, form-encoded
        assertThat(model.get("nextLink")).isEqualTo("/staff/inspections/plans/" + PLAN + "?name=%E6%95%B0%E7%A0%81&page=1");
        // and a search with a '+' and a space keeps both ('+' as %2B: read back, a bare '+' is a space)
        ExtendedModelMap plus = new ExtendedModelMap();
        when(store.tasks(PLAN)).thenReturn(java.util.Collections.nCopies(60, new InspectionStore.TaskRow(new InspectionStore.Task(PLAN + "-0001",
                PLAN, Department.MARKET, "91330106N4446551XY", "杭州A+B 科技有限公司", "330106", "B", List.of("33010610001", "33010610002"),
                LocalDate.of(2027, 1, 26), Instant.now()), null, null)));
        pages.plan(PLAN, null, "A+B 科技", MARKET_STAFF, plus, new MockHttpServletResponse());
        assertThat(plus.get("nextLink")).isEqualTo("/staff/inspections/plans/" + PLAN + "?name=A%2BB+%E7%A7%91%E6%8A%80&page=1");
    }

    @Test
    void shouldGoBackToThePageListingTheTaskWhenItsResultIsRecorded() {
        // given the task on the plan's second page, whose result the projection shows at once
        String task = PLAN + String.format("-%04d", DEMO_TASK_NUMBER);
        InspectionStore.Task assigned = inspectionTask(task);
        when(store.task(task)).thenReturn(Optional.of(new InspectionStore.TaskRow(assigned, new InspectionStore.Result(task, PLAN,
                Department.MARKET, "CORRECTION_ORDERED", LocalDate.of(2026, 11, 26), null, "market-staff", Instant.now(),
                LocalDate.of(2026, 12, 24)), null)));
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        // when its result is recorded
        String view = pages.recordResult(task, "CORRECTION_ORDERED", "2026-11-26", "", MARKET_STAFF, model, response, redirect);

        // then the answer leads to that page, at the task
        assertThat(view).isEqualTo("redirect:/staff/inspections/plans/{planId}#task-" + task);
        assertThat(redirect).containsEntry("planId", PLAN).containsEntry("page", "1");
    }

    private InspectionStore.Task inspectionTask(String taskId) {
        return store.tasks(PLAN).stream().map(InspectionStore.TaskRow::task).filter(t -> t.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    @Test
    void shouldShowAnEmptyPageNotFailWhenThePlanPageNumberIsHuge() {
        // when
        String view = pages.plan(PLAN, "50000000", null, MARKET_STAFF, model, response);

        // then
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(view).isEqualTo("staff/plan");
        @SuppressWarnings("unchecked")
        SearchPage<InspectionStore.TaskRow> shown = (SearchPage<InspectionStore.TaskRow>) model.get("tasks");
        assertThat(shown.content()).isEmpty();
        assertThat(shown.totalElements()).isEqualTo(60);
    }

    @Test
    void shouldAnswer400NamingThePageWhenThePageNumberIsNotANumber() {
        // when
        pages.plan(PLAN, "abc", null, MARKET_STAFF, model, response);
        MockHttpServletResponse listResponse = new MockHttpServletResponse();
        ExtendedModelMap listModel = new ExtendedModelMap();
        pages.inspections(null, "-1", MARKET_STAFF, listModel, listResponse);

        // then
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((InvalidInspectionInputException) model.get("invalid")).field()).isEqualTo("page");
        assertThat(listResponse.getStatus()).isEqualTo(400);
        assertThat(((InvalidInspectionInputException) listModel.get("invalid")).rule()).isEqualTo("min");
    }

    @Test
    void shouldAnswer400AndFilterNothingWhenTheDistrictIsNotARegionCode() {
        // when a district that is not a region code (a NUL would fail PostgreSQL's driver) is asked for
        pages.inspections("3301\u0000", null, MARKET_STAFF, model, response);

        // then the page says so, and the pools are counted for no district rather than for the bad one
        assertThat(response.getStatus()).isEqualTo(400);
        InvalidInspectionInputException invalid = (InvalidInspectionInputException) model.get("invalid");
        assertThat(invalid.field()).isEqualTo("district");
        assertThat(invalid.rule()).isEqualTo("gb2260");
        assertThat(model.get("district")).isEqualTo("");
        verify(inspections, never()).readiness(any(), any(), eq(List.of("3301\u0000")));
    }

    @Test
    void shouldTellTheRulesTablesDisclosurePeriodWhenItIsNotTwentyWorkingDays() {
        // given the rules table gives results 15 working days to be published
        InspectionRules standard = InspectionRulesTest.standard();
        InspectionRules fifteen = new InspectionRules(standard.ratios(), standard.generalMaxPercent(), standard.generalMaxSource(),
                standard.publicInformation(), standard.yearlyCap(), standard.inspectorsPerTask(), standard.rotation(),
                standard.recusalSource(), standard.taskPeriod(), standard.taskPeriodSource(),
                new InspectionRules.Disclosure(15, standard.disclosure().source()), standard.calendar());
        InspectionPages deployed = new InspectionPages(inspections, store,
                new PlanPage(inspections, store, new InspectorPool(List.of()), TestRules.standard()), fifteen, TestRules.standard());
        when(inspections.readiness(any(), any(), any())).thenAnswer(call -> new InspectionService.Readiness(call.getArgument(1),
                List.of(), 0, 0, 0, false));

        // when market staff open the draw page, in Chinese and in English
        String view = deployed.inspections(null, null, MARKET_STAFF, model, response);
        String zh = org.sharebus.consumers.web.PageRendering.render(view, model, java.util.Locale.SIMPLIFIED_CHINESE);
        String en = org.sharebus.consumers.web.PageRendering.render(view, model, java.util.Locale.ENGLISH);

        // then every sentence about the deadline says 15, none the 20 of the rules table's default
        assertThat(zh).contains("抽查结果自形成之日起15个工作日内公示", "结果 15 个工作日内公示").doesNotContain("20个工作日", "20 个工作日");
        assertThat(en).contains("results are published within 15 working days of being formed").doesNotContain("20 working days");
    }
}
