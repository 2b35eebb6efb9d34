package org.sharebus.consumers.disclosure;

/**
 * What the public sees of a subject (一公开, masked where personal). An individual business
 * (个体工商户: USCC position 1 '9' market supervision, position 2 '2') is a natural person's
 * business and its name is often the person's: the public sees the name's first character and a
 * {@code *} for each further one (张三 → 张*, 张记小吃 → 张***), and the USCC without its subject
 * identifier. Enterprises are legal persons and are shown as registered.
 */
public final class Masking {

    private Masking() {
    }

    public static boolean individualBusiness(String uscc) {
        return uscc != null && uscc.length() == 18 && uscc.charAt(0) == '9' && uscc.charAt(1) == '2';
    }

    public static String name(String uscc, String name) {
        if (!individualBusiness(uscc) || name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(name.codePointCount(first, name.length()));
    }

    /** Positions 9 to 17 (the subject identifier, 主体标识码) of an individual business become *. */
    public static String uscc(String uscc) {
        if (!individualBusiness(uscc)) {
            return uscc;
        }
        return uscc.substring(0, 8) + "*".repeat(9) + uscc.substring(17);
    }
}
