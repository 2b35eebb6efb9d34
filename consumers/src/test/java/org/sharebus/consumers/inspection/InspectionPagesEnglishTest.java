package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.consumers.web.PageRendering;
import org.sharebus.event.common.Department;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The inspection pages as an English-speaking member of staff reads them: rendered with the
 * templates and messages as deployed, the service and read model stubbed.
 */
class InspectionPagesEnglishTest {

    private static final String PLAN = "MARKET-20261126-6F1C2E0A-5B7D-3E2F-9A41-0C8D7E6B5A49";
    private static final UsernamePasswordAuthenticationToken MARKET_STAFF = new UsernamePasswordAuthenticationToken("market-staff", null,
            List.of(new SimpleGrantedAuthority("DEPARTMENT_MARKET")));

    private final InspectionService inspections = mock(InspectionService.class);
    private final InspectionStore store = mock(InspectionStore.class);
    private final MockMvc pages = PageRendering.pages(new InspectionPages(inspections, store,
            new PlanPage(inspections, store, new InspectorPool(List.of()), TestRules.standard()), InspectionRulesTest.standard(),
            TestRules.standard()));

    @Test
    void shouldNameAPlansDistrictsInEnglishWhenThePageIsInEnglish() {
        // given a plan drawn in two districts, whose names the read model holds in Chinese
        when(store.districts(Department.MARKET)).thenReturn(Map.of("330106", "西湖区", "330112", "临安区"));
        when(store.plan(PLAN)).thenReturn(Optional.of(new InspectionStore.Plan(PLAN, Department.MARKET, List.of("MKT-01"),
                List.of("企业公示信息检查"), List.of("330106", "330112"), "[]", 1L, "digest", 1, 1, 2, List.of(), "market-staff", Instant.now())));
        when(inspections.today()).thenReturn(LocalDate.of(2026, 11, 26));

        // when English-speaking staff open it, and Chinese-speaking staff
        String en = PageRendering.render(pages, "/staff/inspections/plans/" + PLAN + "?lang=en", MARKET_STAFF);
        String zh = PageRendering.render(pages, "/staff/inspections/plans/" + PLAN + "?lang=zh", MARKET_STAFF);

        // then each reads the districts in their language
        assertThat(en).containsPattern("<dd id=\"plan-scope\"><span>Xihu District, </span><span>Lin&#39;an District</span></dd>");
        assertThat(zh).containsPattern("<dd id=\"plan-scope\"><span>西湖区、</span><span>临安区</span></dd>");
    }

    @Test
    void shouldNameAPlansItemsInEnglishWhenThePageIsInEnglishAndAsRecordedInChinese() {
        // given a plan of two items, their names recorded in Chinese when it was drawn
        when(store.districts(Department.MARKET)).thenReturn(Map.of());
        when(store.plan(PLAN)).thenReturn(Optional.of(new InspectionStore.Plan(PLAN, Department.MARKET, List.of("MKT-01", "MKT-10"),
                List.of("企业公示信息检查", "产品质量监督抽查"), List.of(), "[]", 1L, "digest", 1, 1, 2, List.of(), "market-staff", Instant.now())));
        when(inspections.today()).thenReturn(LocalDate.of(2026, 11, 26));

        // when English-speaking staff open it, and Chinese-speaking staff
        String en = PageRendering.render(pages, "/staff/inspections/plans/" + PLAN + "?lang=en", MARKET_STAFF);
        String zh = PageRendering.render(pages, "/staff/inspections/plans/" + PLAN + "?lang=zh", MARKET_STAFF);

        // then the English page names them in English, the Chinese one as recorded
        assertThat(en).contains("<dd id=\"plan-items\">MKT-01, MKT-10 Enterprise disclosure inspection, Product quality supervisory sampling</dd>");
        assertThat(zh).contains("<dd id=\"plan-items\">MKT-01、MKT-10 企业公示信息检查、产品质量监督抽查</dd>");
    }
}
