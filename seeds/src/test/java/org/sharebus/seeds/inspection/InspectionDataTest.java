package org.sharebus.seeds.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sharebus.inspection.InspectionItem;
import org.sharebus.inspection.InspectionItems;
import org.sharebus.event.common.Department;
import org.sharebus.seeds.city.District;
import org.sharebus.topic.TopicCatalogue;

class InspectionDataTest {

    @Test
    void shouldListGeneralAndKeyItemsWithUniqueCodesWhenReadingTheItemList() {
        // given the item list on the classpath
        List<InspectionItem> items = InspectionItems.all();

        // when its codes and kinds are looked at
        Set<String> codes = new HashSet<>();
        items.forEach(item -> codes.add(item.code()));

        // then every department has items, codes are unique, and market supervision has both kinds
        assertThat(codes).hasSize(items.size());
        assertThat(TopicCatalogue.publishingDepartments()).allSatisfy(department -> assertThat(InspectionItems.of(department)).isNotEmpty());
        assertThat(InspectionItems.of(Department.MARKET)).extracting(InspectionItem::kind)
                .contains(InspectionItem.Kind.GENERAL, InspectionItem.Kind.KEY);
        assertThat(InspectionItems.applicable(Department.MARKET, 'H')).extracting(InspectionItem::name).contains("食品生产经营检查");
        assertThat(InspectionItems.applicable(Department.MARKET, 'I')).extracting(InspectionItem::name).doesNotContain("食品生产经营检查");
    }

    @Test
    void shouldGiveEveryDistrictMarketAndTaxInspectorsWithUniqueIdsWhenGeneratingARoster() {
        // given a roster made from a seed
        InspectorRoster roster = InspectorRoster.generate(42);

        // when its officers are grouped
        Set<String> ids = new HashSet<>();
        roster.all().forEach(inspector -> ids.add(inspector.id()));

        // then ids are unique, each district has at least two market and tax officers, and the same seed gives the same names
        assertThat(ids).hasSize(roster.all().size());
        for (District district : District.values()) {
            assertThat(roster.of(Department.MARKET, district.code())).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(inspector -> assertThat(inspector.id()).startsWith(district.code() + "1"));
            assertThat(roster.of(Department.TAX, district.code())).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(roster.of(Department.CUSTOMS)).allSatisfy(inspector -> assertThat(inspector.unit()).isEqualTo("杭州海关"));
        assertThat(InspectorRoster.generate(42).all()).isEqualTo(roster.all());
        assertThat(InspectorRoster.generate(43).all()).isNotEqualTo(roster.all());
    }
}
