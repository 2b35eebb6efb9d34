package org.sharebus.inspection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.sharebus.event.common.Department;

/**
 * The inspection-item list (抽查事项清单) of every department, read from the classpath resource
 * {@value #RESOURCE}. Shared reference data (like the topic catalogue): the seeds draw their
 * inspection results from it and the consumers' inspection feature its plans.
 */
public final class InspectionItems {

    public static final String RESOURCE = "/org/sharebus/inspection/inspection-items.json";
    private static final List<InspectionItem> ALL = load();

    private InspectionItems() {
    }

    public static List<InspectionItem> all() {
        return ALL;
    }

    public static List<InspectionItem> of(Department department) {
        return ALL.stream().filter(item -> item.department() == department).toList();
    }

    /** The item with this code, if the list has one. */
    public static java.util.Optional<InspectionItem> find(String code) {
        return ALL.stream().filter(item -> item.code().equals(code)).findFirst();
    }

    /** The department's items that apply to an enterprise of the section. */
    public static List<InspectionItem> applicable(Department department, char section) {
        return ALL.stream().filter(item -> item.department() == department && item.appliesTo(section)).toList();
    }

    private static List<InspectionItem> load() {
        try (InputStream in = InspectionItems.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("inspection item list " + RESOURCE + " is not on the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<InspectionItem> items = new ArrayList<>();
            for (JsonNode item : root.path("items")) {
                List<String> sections = new ArrayList<>();
                item.path("sections").forEach(section -> sections.add(section.asText()));
                items.add(new InspectionItem(item.path("code").asText(), Department.valueOf(item.path("department").asText()),
                        item.path("name").asText(), InspectionItem.Kind.valueOf(item.path("kind").asText()), sections,
                        item.path("basis").asText()));
            }
            return List.copyOf(items);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inspection item list " + RESOURCE, e);
        }
    }
}
