package org.sharebus.bench.gateway;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.publish.EventTypes;
import org.sharebus.gateway.publish.EventTypes.EventType;
import org.sharebus.gateway.publish.ExampleEvents;
import org.sharebus.uscc.UsccGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Valid JSON events of every event type of each department, each with a fresh event id and one of
 * a few thousand enterprises (so the records spread over all partitions), built from a per-type
 * template so that the client spends next to nothing on them while the gateway is measured.
 */
final class EventBodies {

    private static final String ID = "@EVENT-ID@";
    private static final String USCC = "@USCC@";

    private final Map<Department, List<String>> templates = new EnumMap<>(Department.class);
    private final String[] usccs;
    private final boolean timeOrderedIds;

    /**
     * @param timeOrderedIds version-7 event ids (time first, as docs/connecting-a-department.md asks
     *                       of departments) rather than random version-4 ones
     */
    EventBodies(EventTypes types, List<Department> departments, int enterprises, boolean timeOrderedIds) {
        this.timeOrderedIds = timeOrderedIds;
        JsonMapper json = JsonMapper.builder().build();
        for (Department department : departments) {
            List<String> ofDepartment = new ArrayList<>();
            for (EventType type : types.of(department)) {
                Map<String, Object> event = ExampleEvents.of(type, UUID.randomUUID());
                event.put("eventId", ID);
                event.put("uscc", USCC);
                ofDepartment.add(json.writeValueAsString(event));
            }
            if (ofDepartment.isEmpty()) {
                throw new IllegalStateException(department + " has no event types");
            }
            templates.put(department, ofDepartment);
        }
        UsccGenerator generator = new UsccGenerator(20251126L);
        String[] regions = {"330102", "330105", "330106", "330108", "330109", "330110", "330112"};
        usccs = new String[enterprises];
        for (int i = 0; i < enterprises; i++) {
            usccs[i] = generator.next(regions[i % regions.length]).value();
        }
    }

    /** A JSON array of {@code size} events of {@code department}, its event types in turn. */
    String batch(Department department, int size) {
        List<String> ofDepartment = templates.get(department);
        StringBuilder body = new StringBuilder(size * ofDepartment.get(0).length() + 64).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(event(ofDepartment.get(i % ofDepartment.size())));
        }
        return body.append(']').toString();
    }

    /** One event of {@code department}, of one of its types at random. */
    String single(Department department) {
        List<String> ofDepartment = templates.get(department);
        return event(ofDepartment.get(ThreadLocalRandom.current().nextInt(ofDepartment.size())));
    }

    int eventTypes(Department department) {
        return templates.get(department).size();
    }

    private String event(String template) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID id = timeOrderedIds ? timeOrderedUuid(random) : randomUuid(random);
        return template.replace(ID, id.toString()).replace(USCC, usccs[random.nextInt(usccs.length)]);
    }

    /** A version-4 UUID from the thread's random source: UUID.randomUUID() would draw on SecureRandom in every client thread. */
    static UUID randomUuid(ThreadLocalRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** A version-7 UUID (RFC 9562): the Unix time in milliseconds in its first 48 bits, then random bits. */
    static UUID timeOrderedUuid(ThreadLocalRandom random) {
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
