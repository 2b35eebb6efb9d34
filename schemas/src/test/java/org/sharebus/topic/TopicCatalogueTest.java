package org.sharebus.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;

class TopicCatalogueTest {

    @Test
    void shouldMapEveryDepartmentTopicToAGeneratedEnvelopeWhenLookingUpItsValueRecord() throws ClassNotFoundException {
        for (TopicSpec topic : TopicCatalogue.standard().departmentTopics()) {
            // given
            Department owner = topic.owner().orElseThrow();

            // when
            Class<?> valueClass = Class.forName(TopicCatalogue.eventRecordName(owner));

            // then
            Schema schema = SpecificData.get().getSchema(valueClass);
            assertThat(SpecificRecord.class).as(topic.name()).isAssignableFrom(valueClass);
            assertThat(schema.getField("header").schema()).as(topic.name()).isEqualTo(EventHeader.getClassSchema());
            assertThat(schema.getField("payload").schema().getType()).as(topic.name()).isEqualTo(Schema.Type.UNION);
            assertThat(schema.getNamespace()).isEqualTo("org.sharebus.event." + owner.name().toLowerCase());
        }
    }

    @Test
    void shouldNameTheRecordAfterTheDepartmentWhenDerivingTheValueRecordName() {
        // when
        String name = TopicCatalogue.eventRecordName(Department.MARKET);

        // then
        assertThat(name).isEqualTo("org.sharebus.event.market.MarketEvent");
    }

    @Test
    void shouldGiveTheFiveDepartmentsATopicEachWhenBuildingTheStandardCatalogue() {
        // when
        var names = TopicCatalogue.standard().departmentTopics().stream().map(TopicSpec::name).sorted().toList();

        // then
        assertThat(names).containsExactly("commerce.events.v1", "credit.events.v1", "customs.events.v1",
                "market.events.v1", "tax.events.v1");
    }
}
