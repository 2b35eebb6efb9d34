package org.sharebus.consumers.profile;

import java.util.Map;

/** Hangzhou's districts and counties by administrative-division code (GB/T 2260, 2021 boundaries). */
final class Districts {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("330100", "杭州市"),
            Map.entry("330102", "上城区"),
            Map.entry("330105", "拱墅区"),
            Map.entry("330106", "西湖区"),
            Map.entry("330108", "滨江区"),
            Map.entry("330109", "萧山区"),
            Map.entry("330110", "余杭区"),
            Map.entry("330111", "富阳区"),
            Map.entry("330112", "临安区"),
            Map.entry("330113", "临平区"),
            Map.entry("330114", "钱塘区"),
            Map.entry("330122", "桐庐县"),
            Map.entry("330127", "淳安县"),
            Map.entry("330182", "建德市"));

    private Districts() {
    }

    /** The district's name, or null for a code outside Hangzhou. */
    static String name(String regionCode) {
        return regionCode == null ? null : NAMES.get(regionCode);
    }
}
