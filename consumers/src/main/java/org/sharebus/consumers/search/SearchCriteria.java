package org.sharebus.consumers.search;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.sharebus.consumers.api.ApiParameters;
import org.sharebus.consumers.api.InputText;
import org.sharebus.profile.EnterpriseStatus;
import org.sharebus.profile.RiskClass;
import org.sharebus.uscc.Uscc;

/**
 * What to look for: every given criterion must hold. Built from request parameters by
 * {@link #of}, which refuses what it cannot answer, naming the parameter.
 *
 * @param name      part of the name or of the USCC, any case; null for any (see {@link #usccFragment})
 * @param district  a district's name (西湖区) or a 6-digit region code (330106); null for any
 * @param riskClass a {@link RiskClass} symbol; null for any
 * @param status    an {@link EnterpriseStatus} symbol; null for any
 * @param page      page index from 0
 * @param size      page size, 1 to {@value #MAX_SIZE}
 */
public record SearchCriteria(String name, String district, String riskClass, String status, int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Longest name fragment accepted: longer than any registered name. */
    static final int MAX_NAME_LENGTH = 200;

    static final List<String> RISK_CLASSES = symbols(RiskClass.values());
    static final List<String> STATUSES = symbols(EnterpriseStatus.values());

    /** The query parameters a search takes; any other is refused rather than ignored (a misspelt filter would list everyone). */
    public static final List<String> PARAMETERS = List.of("name", "district", "riskClass", "status", "page", "size");

    /** Refuses a parameter the search does not take, naming it. */
    public static void refuseUnknown(Collection<String> given) {
        ApiParameters.unknown(given, PARAMETERS).ifPresent(parameter -> {
            throw new InvalidSearchException(parameter, "unknown", "the search takes " + String.join(", ", PARAMETERS)
                    + "; '" + parameter + "' is none of them");
        });
    }

    /** Validates and normalises request parameters; blank means absent. */
    public static SearchCriteria of(String name, String district, String riskClass, String status, String page, String size) {
        String n = text("name", name);
        if (n != null && n.length() > MAX_NAME_LENGTH) {
            throw new InvalidSearchException("name", "max-length", "name must be at most " + MAX_NAME_LENGTH + " characters, got " + n.length());
        }
        String d = text("district", district);
        return new SearchCriteria(n, d == null ? null : Normalizer.normalize(d, Normalizer.Form.NFKC),
                symbol("riskClass", riskClass, RISK_CLASSES), symbol("status", status, STATUSES),
                integer("page", page, 0, 0, Integer.MAX_VALUE),
                integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /**
     * The form as the reader filled it, for the page that says why their search was refused: a class
     * or status is kept where it is one the form offers, so the reader mends one field, not four.
     */
    public static SearchCriteria asGiven(String name, String district, String riskClass, String status) {
        return new SearchCriteria(name, district, offered(riskClass, RISK_CLASSES), offered(status, STATUSES), 0, DEFAULT_SIZE);
    }

    private static String offered(String value, List<String> allowed) {
        String upper = value == null ? null : value.strip().toUpperCase(Locale.ROOT);
        return allowed.contains(upper) ? upper : null;
    }

    /**
     * The name criterion as a USCC fragment: full-width letters and digits folded (NFKC) and upper-cased,
     * so ９１３３０１ typed in a Chinese input method's full-width mode finds 913301…. Names keep the
     * characters as given: registered names are written with full-width brackets （集团）, which NFKC
     * would turn into ASCII ones.
     */
    public String usccFragment() {
        return name == null ? null : Uscc.normalise(name);
    }

    /** The same criteria without the risk class, for readers who may not see it. */
    public SearchCriteria withoutRiskClass() {
        return new SearchCriteria(name, district, null, status, page, size);
    }

    public SearchCriteria atPage(int other) {
        return new SearchCriteria(name, district, riskClass, status, other, size);
    }

    private static String symbol(String field, String value, List<String> allowed) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new InvalidSearchException(field, "enum", field + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return upper;
    }

    private static int integer(String field, String value, int absent, int min, int max) {
        return ApiParameters.wholeNumber(field, value, absent, min, max, InvalidSearchException::new);
    }

    /** Free text: blank is absent; a control character (a NUL cannot even reach PostgreSQL) is refused, naming the parameter. */
    private static String text(String field, String value) {
        if (InputText.hasControlCharacters(value)) {
            throw new InvalidSearchException(field, "characters", field + " must not contain control characters");
        }
        return blankToNull(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> symbols(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
