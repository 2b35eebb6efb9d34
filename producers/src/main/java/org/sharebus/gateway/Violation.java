package org.sharebus.gateway;

/**
 * One reason an event was refused.
 *
 * @param index   position of the event in the request (0 for a single event)
 * @param field   JSON path of the offending field, e.g. {@code payload.amount}; empty for the whole event
 * @param rule    the rule broken, a stable word a program can switch on (see docs/connecting-a-department.md)
 * @param message what is wrong, in words the department's developer can act on
 */
public record Violation(int index, String field, String rule, String message) {
}
