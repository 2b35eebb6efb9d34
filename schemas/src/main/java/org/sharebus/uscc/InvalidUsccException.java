package org.sharebus.uscc;

/** Thrown for input that is not a valid USCC; the message names the rule that was broken. */
public class InvalidUsccException extends IllegalArgumentException {

    private final String input;
    private final String rule;

    public InvalidUsccException(String input, String rule) {
        super("USCC " + (input == null ? "" : "'" + input + "' ") + rule);
        this.input = input;
        this.rule = rule;
    }

    public String input() {
        return input;
    }

    /** The broken rule in words, without the input, e.g. "check character is 'Z', expected '3'". */
    public String rule() {
        return rule;
    }
}
