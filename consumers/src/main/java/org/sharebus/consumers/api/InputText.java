package org.sharebus.consumers.api;

/**
 * Free text from staff or the public before it reaches PostgreSQL or the topic: a NUL (U+0000)
 * cannot be stored in a text column, and a record the projection cannot write would be dead-lettered
 * after the broker already has it. Tab, line feed and carriage return are allowed.
 */
public final class InputText {

    private InputText() {
    }

    /** Whether the text holds a control character other than tab, line feed or carriage return. */
    public static boolean hasControlCharacters(String text) {
        return text != null && text.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r');
    }
}
