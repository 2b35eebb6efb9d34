package org.sharebus.seeds.inspection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sharebus.event.common.Department;
import org.sharebus.seeds.city.District;
import org.sharebus.seeds.city.Names;

/**
 * The inspector pools of every department, made from the seed: market supervision and tax have
 * officers in each district's bureau (more in the larger districts), customs, commerce and the
 * credit office at city level. The seed events name market inspectors from this roster, so a
 * roster made with the data set's seed matches its inspection results.
 */
public final class InspectorRoster {

    private static final String CITY = "330100";
    private final Map<Department, List<Inspector>> byDepartment;

    private InspectorRoster(Map<Department, List<Inspector>> byDepartment) {
        this.byDepartment = byDepartment;
    }

    public static InspectorRoster generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x1A5BEC7L);
        Map<Department, List<Inspector>> roster = new EnumMap<>(Department.class);
        List<Inspector> market = new ArrayList<>();
        List<Inspector> tax = new ArrayList<>();
        for (District district : District.values()) {
            addOfficers(market, Department.MARKET, '1', district.code(), district.marketAuthority(), 4 + district.weight(), random);
            addOfficers(tax, Department.TAX, '5', district.code(), district.taxAuthority(), 3 + district.weight() / 2, random);
        }
        roster.put(Department.MARKET, List.copyOf(market));
        roster.put(Department.TAX, List.copyOf(tax));
        roster.put(Department.CUSTOMS, officers(Department.CUSTOMS, '2', "杭州海关", 24, random));
        roster.put(Department.COMMERCE, officers(Department.COMMERCE, '3', "杭州市商务局", 10, random));
        roster.put(Department.CREDIT, officers(Department.CREDIT, '4', "杭州市发展和改革委员会", 6, random));
        return new InspectorRoster(roster);
    }

    public List<Inspector> of(Department department) {
        return byDepartment.getOrDefault(department, List.of());
    }

    /** The department's officers in one district (for city-level departments, all of them). */
    public List<Inspector> of(Department department, String regionCode) {
        List<Inspector> local = of(department).stream().filter(inspector -> inspector.regionCode().equals(regionCode)).toList();
        return local.isEmpty() ? of(department) : local;
    }

    public List<Inspector> all() {
        return byDepartment.values().stream().flatMap(List::stream).toList();
    }

    private static List<Inspector> officers(Department department, char digit, String unit, int count, SplittableRandom random) {
        List<Inspector> officers = new ArrayList<>();
        addOfficers(officers, department, digit, CITY, unit, count, random);
        return List.copyOf(officers);
    }

    private static void addOfficers(List<Inspector> into, Department department, char digit, String regionCode, String unit,
                                    int count, SplittableRandom random) {
        for (int i = 1; i <= count; i++) {
            into.add(new Inspector(regionCode + digit + String.format("%04d", i), Names.personName(random), department,
                    regionCode, unit));
        }
    }
}
