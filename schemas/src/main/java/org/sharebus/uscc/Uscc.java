package org.sharebus.uscc;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * A Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check
 * character over the first 17.
 *
 * <p>Input is trimmed and upper-cased before it is checked, because department systems and people
 * type codes in lower case; what is stored and published is always the upper-case form. The
 * letters I, O, S, V and Z are never valid, in either case.
 *
 * <p>The secondary GB 11714 check on the organisation code (positions 9–17) is only a warning
 * ({@link #organisationCodeCheckHolds()}): codes issued before the standard do not always pass it.
 */
public record Uscc(String value) implements Comparable<Uscc> {

    /** The 31 symbols of GB 32100, in value order: 0–9 then the letters without I, O, S, V, Z. */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** Wᵢ = 3^(i−1) mod 31. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    public static final int LENGTH = 18;

    public Uscc {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new InvalidUsccException(value, problem.get());
        }
    }

    /** Parses user input: folds full-width characters (as typed in a Chinese input method), trims and upper-cases, then checks. */
    public static Uscc of(String input) {
        if (input == null) {
            throw new InvalidUsccException(null, "is required");
        }
        return new Uscc(normalise(input));
    }

    public static boolean isValid(String input) {
        return input != null && problem(normalise(input)).isEmpty();
    }

    /**
     * Why a (normalised) code is not a valid USCC, in words a department's developer can act on;
     * empty when it is valid.
     */
    public static Optional<String> problem(String code) {
        if (code == null || code.isEmpty()) {
            return Optional.of("is required");
        }
        if (code.length() != LENGTH) {
            return Optional.of("must have 18 characters, has " + code.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.of("character " + (i + 1) + " '" + c + "' is not allowed"
                        + " (digits and capital letters except I, O, S, V, Z)");
            }
            if (i >= 2 && i < 8 && !Character.isDigit(c)) {
                return Optional.of("characters 3 to 8 are the administrative-division code and must be digits");
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return Optional.of("check character is '" + code.charAt(17) + "', expected '" + expected + "' (GB 32100-2015)");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters of a code: (31 − Σ Cᵢ·Wᵢ mod 31) mod 31. */
    public static char checkCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " '" + first17.charAt(i) + "' is not allowed");
            }
            sum += v * WEIGHTS[i];
        }
        return ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** GB 11714 check digit of an 8-character organisation-code body: 11 − (Σ Cᵢ·Wᵢ mod 11), 10 → X, 11 → 0. */
    static char organisationCheckDigit(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** Whether positions 9–17 pass GB 11714's own check; a warning only, see the class comment. */
    public boolean organisationCodeCheckHolds() {
        return organisationCheckDigit(value.substring(8, 16)) == value.charAt(16);
    }

    /** Position 1: registration department (9 = market supervision 工商/市场监管). */
    public char registrationDepartment() {
        return value.charAt(0);
    }

    /** Positions 3–8: administrative-division code, GB/T 2260 (330100 = Hangzhou). */
    public String regionCode() {
        return value.substring(2, 8);
    }

    /**
     * Input as a code is compared: NFKC first (９１３３… and an ideographic space are what a Chinese input
     * method types in full-width mode), trimmed, upper-cased. Not checked: a fragment of a code normalises too.
     */
    public static String normalise(String input) {
        return Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    }

    @Override
    public int compareTo(Uscc other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
