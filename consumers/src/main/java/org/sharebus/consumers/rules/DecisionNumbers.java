package org.sharebus.consumers.rules;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Penalty decision numbers (处罚决定书文号) as staff type them and as the bus compares them. The
 * official form writes the year in 〔〕 and no 第 before the number (GB/T 9704, 发文字号); clerks
 * also type [ ], （ ）, ( ) or 【 】 and 第, and in an input method's full-width mode the digits and
 * brackets come full-width (２０２６, ［ ］). One canonical form, so a repair naming
 * {@code 杭余市监罚〔2026〕88号} finds the result published as {@code 杭余市监罚[2026]第88号}, and the
 * penalty recorded as {@code 杭余市监罚〔２０２６〕８８号}.
 */
public final class DecisionNumbers {

    /**
     * A penalty decision's number: the issuer's abbreviation in Chinese characters ending as penalty
     * numbers do (杭余市监罚, 浙杭余市监处罚字, 杭关缉违字, 杭市监处), the year in brackets of any usual kind, a
     * number, 号. No digits or letters before the year, so an identity card number cannot pass for one.
     */
    public static final Pattern PATTERN = Pattern.compile("\\p{IsHan}{1,20}[罚字处][〔\\[（(【]\\d{4}[〕\\]）)】]第?\\d{1,8}号");

    /** Compiled once: the search projection folds the numbers of every penalty of every profile it writes. */
    private static final Pattern YEAR = Pattern.compile("[\\[（(【](\\d{4})[\\]）)】]");
    private static final Pattern ORDINAL = Pattern.compile("〕第(\\d)");

    private DecisionNumbers() {
    }

    /** The number in the official form; null stays null. */
    public static String canonical(String number) {
        if (number == null || official(number)) {
            return number;
        }
        // Full-width digits and brackets folded first (NFKC), then the brackets and 第 as above.
        String folded = Normalizer.normalize(number, Normalizer.Form.NFKC).strip();
        return ORDINAL.matcher(YEAR.matcher(folded).replaceAll("〔$1〕")).replaceAll("〕$1");
    }

    /**
     * Whether two numbers name the same decision, however each was typed; two nulls are the same.
     * Compares without changing what is kept: a court's case number, (2026)浙0106执77号, keeps its own
     * brackets where it is shown.
     */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(b) || canonical(a).equals(canonical(b));
    }

    /**
     * Already in the official form: no other bracket, no 第, no full-width character (U+FF01 to U+FF5E,
     * the ideographic space), nothing to strip. Most numbers are, and the builder compares numbers on
     * every event, so they are told apart without a regular expression.
     */
    private static boolean official(String number) {
        if (number.isEmpty() || Character.isWhitespace(number.charAt(0)) || Character.isWhitespace(number.charAt(number.length() - 1))) {
            return number.isEmpty();
        }
        for (int i = 0; i < number.length(); i++) {
            switch (number.charAt(i)) {
                case '[', ']', '（', '）', '(', ')', '【', '】', '第' -> {
                    return false;
                }
                default -> {
                    if (number.charAt(i) == '\u3000' || (number.charAt(i) >= '\uFF01' && number.charAt(i) <= '\uFF5E')) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
