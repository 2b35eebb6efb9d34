package org.sharebus.consumers.inspection;

/** A second, different submission of an action that may happen only once (a task's result, its publication): 409. */
public class ActionConflictException extends InvalidInspectionInputException {

    public ActionConflictException(String field, String rule, String message) {
        super(field, rule, message);
    }
}
