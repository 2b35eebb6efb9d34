package org.sharebus.event;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The characters an event's string may hold: any Unicode character but the control characters
 * (U+0000 to U+001F and U+007F to U+009F) other than tab, line feed and carriage return, and no
 * unpaired surrogate.
 *
 * <p>Why: PostgreSQL's {@code text} cannot hold U+0000, so one such character makes every projection
 * of the event fail; the other control characters are invisible on a page and in a CSV export, and
 * no department's fact needs them. An unpaired surrogate (JSON {@code "\ud800"}) is no character at
 * all: UTF-8, and so Avro's string encoding, cannot write it faithfully (Java writes {@code ?}).
 *
 * <p>The gateway refuses such a string with the rule {@link #CONTROL_CHARACTER} or
 * {@link #UNPAIRED_SURROGATE}; a consumer reading a record sent straight to Kafka can apply the same
 * test. It runs on every string of every event: one pass over the chars, no allocation unless a
 * character is found.
 */
public final class EventText {

    /** Longest string (in characters) where the schema gives its field no {@code maxLength} property. */
    public static final int DEFAULT_MAX_LENGTH = 4_000;
    /**
     * The envelope's ({@code EventHeader}'s) limits where a longer value is no value: a type, a name,
     * a document number. Its other strings have {@link #DEFAULT_MAX_LENGTH}.
     */
    public static final Map<String, Integer> HEADER_MAX_LENGTH = Map.of(
            "eventType", 100, "enterpriseName", 200, "docNo", 100, "legalBasis", 1_000, "correlationId", 100);

    /** Rule name: the string holds a control character other than tab, line feed or carriage return. */
    public static final String CONTROL_CHARACTER = "control-character";
    /** Rule name: the string holds a high surrogate without a low one after it, or a low one without a high one before it. */
    public static final String UNPAIRED_SURROGATE = "unpaired-surrogate";

    private EventText() {
    }

    /** The index (in chars) of the first character {@code text} may not hold, or -1 when it holds none. */
    public static int firstForbidden(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            // Printable ASCII, and everything from U+00A0 to the surrogates (Chinese): most characters, one or two comparisons.
            if (c >= 0x20 && c < 0x7F || c >= 0xA0 && c < Character.MIN_SURROGATE) {
                continue;
            }
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (c <= 0x9F) {
                // U+007F DELETE and the C1 controls U+0080 to U+009F.
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The first character {@code text} may not hold, with the rule it breaks; empty when it holds none. */
    public static Optional<Forbidden> problem(String text) {
        int index = firstForbidden(text);
        if (index < 0) {
            return Optional.empty();
        }
        char c = text.charAt(index);
        String code = String.format(Locale.ROOT, "U+%04X", (int) c);
        // 1-based and in characters, as a person counts; the index is in UTF-16 chars.
        int position = text.codePointCount(0, index) + 1;
        return Optional.of(Character.isSurrogate(c)
                ? new Forbidden(index, UNPAIRED_SURROGATE, "holds an unpaired surrogate " + code + " at character " + position
                        + ", which is no Unicode character and has no UTF-8 form")
                : new Forbidden(index, CONTROL_CHARACTER, "holds the control character " + code + " at character " + position
                        + "; only tab, line feed and carriage return are allowed"));
    }

    /**
     * A character an event string may not hold.
     *
     * @param index   its index in the string, in chars
     * @param rule    {@link #CONTROL_CHARACTER} or {@link #UNPAIRED_SURROGATE}
     * @param message what is wrong, naming the character's code point and 1-based position, without the string itself
     */
    public record Forbidden(int index, String rule, String message) {
    }
}
