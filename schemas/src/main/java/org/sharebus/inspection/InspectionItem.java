package org.sharebus.inspection;

import java.util.List;
import org.sharebus.event.common.Department;

/**
 * One entry of the inspection-item list (抽查事项清单).
 *
 * @param code       sharebus's code of the item, e.g. MKT-07
 * @param department the department that inspects it
 * @param name       the item as the list names it, e.g. 食品生产经营检查; inspection results carry this name
 * @param kind       GENERAL (一般检查事项: the sampling ratio is strictly limited) or KEY (重点检查事项: no upper limit)
 * @param sections   GB/T 4754 sections the item applies to; empty for every enterprise
 * @param basis      the legal basis of the inspection
 */
public record InspectionItem(String code, Department department, String name, Kind kind, List<String> sections, String basis) {

    public enum Kind {
        /** 一般检查事项. */
        GENERAL,
        /** 重点检查事项. */
        KEY
    }

    public InspectionItem {
        sections = List.copyOf(sections);
    }

    /** Whether the item applies to an enterprise of this GB/T 4754 section. */
    public boolean appliesTo(char section) {
        return sections.isEmpty() || sections.contains(String.valueOf(section));
    }
}
