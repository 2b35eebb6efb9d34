package org.sharebus.consumers.search;

/** A search parameter the read model cannot answer; names the parameter and the rule it breaks. */
public class InvalidSearchException extends RuntimeException {

    private final String field;
    private final String rule;

    InvalidSearchException(String field, String rule, String message) {
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
