package org.sharebus.gateway.publish;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.event.common.Department;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every event type the bus knows, read from the generated {@code <Dept>Event} classes: each branch
 * of a department's payload union is one event type. A new event type in a schema is publishable
 * through the gateway without code.
 */
@Component
public class EventTypes {

    private static final Logger log = LoggerFactory.getLogger(EventTypes.class);

    private final Map<String, EventType> byName = new LinkedHashMap<>();
    private final Map<Department, Class<? extends SpecificRecord>> envelopes = new LinkedHashMap<>();

    public EventTypes() {
        for (Department department : TopicCatalogue.publishingDepartments()) {
            String className = TopicCatalogue.eventRecordName(department);
            Class<? extends SpecificRecord> envelope;
            try {
                envelope = Class.forName(className).asSubclass(SpecificRecord.class);
            } catch (ClassNotFoundException e) {
                // A department listed in the catalogue whose contract is not written yet publishes nothing.
                log.warn("No contract for {}: class {} is not on the classpath; its events are refused", department, className);
                continue;
            }
            envelopes.put(department, envelope);
            Schema schema = SpecificData.get().getSchema(envelope);
            for (Schema branch : schema.getField("payload").schema().getTypes()) {
                EventType previous = byName.put(branch.getName(), new EventType(branch.getName(), department, envelope, branch));
                if (previous != null) {
                    throw new IllegalStateException("event type " + branch.getName() + " is defined by both "
                            + previous.department() + " and " + department + ": event type names must be unique");
                }
            }
        }
    }

    public Optional<EventType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<EventType> all() {
        return byName.values();
    }

    public List<EventType> of(Department department) {
        return byName.values().stream().filter(t -> t.department() == department).toList();
    }

    public Optional<Class<? extends SpecificRecord>> envelope(Department department) {
        return Optional.ofNullable(envelopes.get(department));
    }

    /**
     * One event type: the name senders give as {@code eventType}, its department, the department's
     * envelope class and the payload record's schema.
     */
    public record EventType(String name, Department department, Class<? extends SpecificRecord> envelope, Schema payloadSchema) {
        public Schema envelopeSchema() {
            return SpecificData.get().getSchema(envelope);
        }
    }
}
