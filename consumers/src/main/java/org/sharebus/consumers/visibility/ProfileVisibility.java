package org.sharebus.consumers.visibility;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.sharebus.event.DataClass;
import org.sharebus.event.common.Department;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.KeptFact;
import org.sharebus.profile.SharedFacts;

/**
 * What a department may see of a profile, read from the profile schema's {@code dataClass} of each
 * field, never from code: PUBLIC and SHARED fields for everyone, INTERNAL (and PERSONAL) fields
 * only for the department the fact came from ({@code origin.source}; a timeline entry's
 * {@code source}). The credit-risk assessment has no origin: it is the INTERNAL fact of the risk
 * department ({@code sharebus.rules.risk.department}, market supervision). Facts the bus derives
 * itself (no origin) have no department, so their INTERNAL fields are nobody's to see. A fact
 * from an event its department marked INTERNAL is its department's alone, whatever its fields' classes.
 * A field the schema gives an origin of its own ({@value #ORIGIN_FIELD}) is judged by that origin as well.
 * A fact that holds one value, replaced by another department's INTERNAL event, is seen as it was
 * before ({@link SharedFacts}): hidden, it would tell that such an event came.
 *
 * <p>The REST API applies this one rule, and the staff pages ask the API on their member of staff's
 * department's behalf.
 */
public final class ProfileVisibility {

    private static final String RISK = "risk";
    private static final String SHARED = "shared";
    /** The profile fields {@link SharedFacts} keeps, by name: all of its fields but keptBy. */
    public static final List<String> SINGLE_VALUED = SharedFacts.getClassSchema().getFields().stream()
            .map(Schema.Field::name).filter(name -> !name.equals("keptBy")).toList();
    /** The schema property naming the field that holds a field's own origin, where it is not its record's. */
    public static final String ORIGIN_FIELD = "originField";

    private ProfileVisibility() {
    }

    /**
     * Whether a reader from {@code viewer} (null: an instance) may know that the
     * bus holds the enterprise at all: from an event every department may know of, or from one of its
     * own INTERNAL events. An enterprise that only another department's INTERNAL events told the bus
     * of is as unknown to it as one no event told of, or its answer would tell that such an event came.
     */
    public static boolean knownTo(EnterpriseProfile profile, Department viewer) {
        return viewer == null || profile.getEventCount() > 0
                || profile.getInternalEvents().stream().anyMatch(own -> own.getSource() == viewer);
    }

    /** Whether a reader from {@code viewer} sees a field of this class in a fact from {@code source} (null: derived). */
    public static boolean visible(DataClass dataClass, String source, Department viewer) {
        return switch (dataClass) {
            case PUBLIC, SHARED -> true;
            case INTERNAL, PERSONAL -> viewer.name().equals(source);
        };
    }

    /**
     * The profile as JSON values ({@link AvroJson}) with only what {@code viewer} may see; null
     * viewer: everything. A field hidden is left out, not nulled; a fact hidden is left out of its list.
     */
    public static Map<String, Object> json(EnterpriseProfile profile, Department viewer, Department riskDepartment) {
        if (viewer == null) {
            return AvroJson.of(profile);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : profile.getSchema().getFields()) {
            String source = field.name().equals(RISK) ? riskDepartment.name() : null;
            put(json, field, seenBy(profile, field.name(), viewer), source, viewer);
        }
        return json;
    }

    /**
     * A profile field's value as {@code viewer} may know it: where another department's INTERNAL
     * event set a fact that holds one value, the value before ({@link SharedFacts}); else the
     * profile's own. What of it the viewer may see is {@link #json}'s to say. A null viewer:
     * {@link #asEveryoneKnows}.
     */
    public static Object seenBy(EnterpriseProfile profile, String field, Department viewer) {
        SharedFacts shared = profile.getShared();
        return shared != null && keptFrom(shared.getKeptBy(), fact(field), viewer) ? shared.get(field) : profile.get(field);
    }

    /**
     * A profile field's value as every department may know it: where any department's INTERNAL event
     * set a fact that holds one value, the value before ({@link SharedFacts}); else the profile's own.
     * For what the bus tells or shows the departments without a reader of its own: the search row,
     * and the facts and enterprise name of a notice.
     */
    public static Object asEveryoneKnows(EnterpriseProfile profile, String field) {
        return seenBy(profile, field, null);
    }

    /**
     * The departments whose INTERNAL events set a profile field that holds one value, so that they know
     * it otherwise than everyone ({@link #seenBy}); empty for the other fields and for most profiles.
     */
    public static Set<Department> keptBy(EnterpriseProfile profile, String field) {
        SharedFacts shared = profile.getShared();
        String fact = fact(field);
        if (shared == null || fact == null) {
            return Set.of();
        }
        Set<Department> keeping = EnumSet.noneOf(Department.class);
        shared.getKeptBy().stream().filter(kept -> kept.getFact().equals(fact)).forEach(kept -> keeping.add(kept.getSource()));
        return keeping;
    }

    /**
     * The {@link SharedFacts#getKeptBy() keptBy} name of a profile field that holds one value (the
     * name goes with the identity: a registration or change sets both); null for the other fields.
     */
    private static String fact(String field) {
        return field.equals("name") ? "identity" : SINGLE_VALUED.contains(field) ? field : null;
    }

    /**
     * Whether an INTERNAL event of a department other than {@code viewer} set the fact: the viewer
     * sees its shared value. Of a fact two departments kept things in, each sees the shared value.
     * A null viewer ({@link #asEveryoneKnows}): whoever set it.
     */
    private static boolean keptFrom(List<KeptFact> keptBy, String fact, Department viewer) {
        if (fact == null) {
            return false;
        }
        for (KeptFact kept : keptBy) {
            if (kept.getFact().equals(fact) && kept.getSource() != viewer) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> record(IndexedRecord record, String source, Department viewer) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (ownOrigin(record, field) instanceof IndexedRecord own) {
                String ownSource = sourceOf(own, source);
                if (!internalToAnother(visibilityOf(own), ownSource, viewer)) {
                    put(json, field, record.get(field.pos()), ownSource, viewer);
                }
            } else {
                put(json, field, record.get(field.pos()), source, viewer);
            }
        }
        return json;
    }

    /**
     * The origin of a field whose value came from another event than its record's (a customs class
     * and its filing): the record's field that the schema's {@value #ORIGIN_FIELD} names; null: the record's own.
     */
    private static Object ownOrigin(IndexedRecord record, Schema.Field field) {
        Object name = field.getObjectProp(ORIGIN_FIELD);
        Schema.Field origin = name == null ? null : record.getSchema().getField(name.toString());
        return origin == null ? null : record.get(origin.pos());
    }

    /**
     * Whether a fact from an event its department marked INTERNAL (its origin's, or a timeline
     * entry's, {@code visibility}) is kept from a reader of another department: the event's
     * visibility narrows its fields' classes, never widens them.
     */
    public static boolean internalToAnother(String eventVisibility, String source, Department viewer) {
        return "INTERNAL".equals(eventVisibility) && !viewer.name().equals(source);
    }

    /** A record value is judged by its own source (its origin), anything else by the enclosing fact's. */
    private static void put(Map<String, Object> json, Schema.Field field, Object value, String source, Department viewer) {
        DataClass dataClass = DataClass.of(field);
        if (value instanceof IndexedRecord record) {
            String own = sourceOf(record, source);
            if (visible(dataClass, own, viewer) && !internalToAnother(visibilityOf(record), own, viewer)) {
                json.put(field.name(), record(record, own, viewer));
            }
        } else if (value instanceof Collection<?> items && (items.isEmpty() || items.iterator().next() instanceof IndexedRecord)) {
            // A list of facts keeps its key, empty or not, so that a hidden fact cannot be told from none.
            List<Object> list = new ArrayList<>(items.size());
            for (Object item : items) {
                String own = sourceOf((IndexedRecord) item, source);
                if (visible(dataClass, own, viewer) && !internalToAnother(visibilityOf((IndexedRecord) item), own, viewer)) {
                    list.add(record((IndexedRecord) item, own, viewer));
                }
            }
            json.put(field.name(), list);
        } else if (visible(dataClass, source, viewer)) {
            json.put(field.name(), AvroJson.value(value));
        }
    }

    /** The visibility of the event a record's data came from: its origin's, or its own (a timeline entry); null: PUBLIC. */
    private static String visibilityOf(IndexedRecord record) {
        Schema schema = record.getSchema();
        Schema.Field origin = schema.getField("origin");
        IndexedRecord holder = origin != null && record.get(origin.pos()) instanceof IndexedRecord o ? o : record;
        Schema.Field visibility = holder.getSchema().getField("visibility");
        Object value = visibility == null ? null : holder.get(visibility.pos());
        return value == null ? null : value.toString();
    }

    /** The department a record's data came from: its {@code origin.source}, a timeline entry's {@code source}, or the enclosing one's. */
    private static String sourceOf(IndexedRecord record, String enclosing) {
        Schema schema = record.getSchema();
        Schema.Field origin = schema.getField("origin");
        if (origin != null && record.get(origin.pos()) instanceof IndexedRecord o) {
            Object source = o.get(o.getSchema().getField("source").pos());
            return source == null ? enclosing : source.toString();
        }
        Schema.Field source = schema.getField("source");
        if (source != null && record.get(source.pos()) != null) {
            return record.get(source.pos()).toString();
        }
        return enclosing;
    }
}
