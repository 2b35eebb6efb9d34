package org.sharebus.gateway.publish;

import java.util.List;
import org.apache.avro.Schema;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/event-types}: every event type, its department, topic and payload fields. */
@RestController
class EventTypesController {

    private final EventTypes types;
    private final TopicCatalogue catalogue;

    EventTypesController(EventTypes types, TopicCatalogue catalogue) {
        this.types = types;
        this.catalogue = catalogue;
    }

    @GetMapping("/api/v1/event-types")
    List<EventTypeView> eventTypes() {
        return types.all().stream().map(t -> new EventTypeView(t.name(), t.department().name(),
                catalogue.department(t.department()).name(), t.payloadSchema().getDoc(),
                t.payloadSchema().getFields().stream().map(Schema.Field::name).toList())).toList();
    }

    record EventTypeView(String name, String department, String topic, String description, List<String> payloadFields) {
    }
}
