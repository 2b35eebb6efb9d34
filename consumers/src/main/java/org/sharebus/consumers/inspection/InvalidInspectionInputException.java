package org.sharebus.consumers.inspection;

/** Staff input the rules refuse: names the form field and the rule. */
public class InvalidInspectionInputException extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidInspectionInputException(String field, String rule, String message) {
        super(message);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
