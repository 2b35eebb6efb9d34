package org.sharebus.seeds.generate;

import java.util.HashMap;
import java.util.Map;

/**
 * Document numbers (文书号) such as 杭西市监罚〔2024〕17号: numbered from 1 per authority, kind and
 * year, so they are unique as real ones are. Numbers follow generation order, not date order.
 */
final class DocNumbers {

    private final Map<String, Integer> next = new HashMap<>();

    /** {@code prefix〔year〕n号}, e.g. next("杭西市监罚", 2024). */
    String next(String prefix, int year) {
        int n = next.merge(prefix + year, 1, Integer::sum);
        return prefix + "〔" + year + "〕" + n + "号";
    }

    /** A court case number: (2024)浙0106执17号. */
    String courtCase(String courtCode, int year) {
        int n = next.merge(courtCode + "执" + year, 1, Integer::sum);
        return "(" + year + ")" + courtCode + "执" + n + "号";
    }

    /** A plain sequence per key, for contract and certificate numbers. */
    int sequence(String key) {
        return next.merge(key, 1, Integer::sum);
    }
}
