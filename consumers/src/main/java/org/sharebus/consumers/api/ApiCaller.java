package org.sharebus.consumers.api;

import org.sharebus.event.common.Department;

/**
 * Who is asking the REST API: a department system (its key) or another instance of the bus (the
 * instance key). A department sees PUBLIC and SHARED data, and INTERNAL data of its own facts
 * only; an instance sees everything, unless it asks on a department's behalf
 * ({@value #ON_BEHALF_HEADER}, as the staff pages do for the member of staff logged in): then it is
 * that department's caller, and gets that department's answer.
 *
 * @param department the calling department; null for an instance
 */
public record ApiCaller(Department department) {

    /** The request attribute under which {@link ApiAuthentication} leaves the caller for the controllers. */
    public static final String ATTRIBUTE = "org.sharebus.consumers.api.caller";
    /**
     * Marks a request one instance forwards to the instance holding the key: never forwarded again.
     * Its value is {@link ApiKeys#forwardedProof}; a request whose value is not is treated as not forwarded.
     */
    public static final String FORWARDED_HEADER = "X-Sharebus-Forwarded";
    /** The request attribute, a Boolean, under which {@link ApiAuthentication} says whether an instance forwarded the request. */
    public static final String FORWARDED_ATTRIBUTE = "org.sharebus.consumers.api.forwarded";
    /** The member of staff a staff page asks for, for the access log; believed only from an instance. */
    public static final String STAFF_HEADER = "X-Sharebus-Staff";
    /** The department an instance asks on behalf of (a staff page, for its member of staff); believed only from an instance. */
    public static final String ON_BEHALF_HEADER = "X-Sharebus-On-Behalf-Of";
    /** The request attribute, a Boolean, under which {@link ApiAuthentication} says whether the instance key authenticated it. */
    public static final String INSTANCE_KEY_ATTRIBUTE = "org.sharebus.consumers.api.instance-key";

    public static final ApiCaller INSTANCE = new ApiCaller(null);

    public static ApiCaller of(Department department) {
        return new ApiCaller(department);
    }

    public boolean isInstance() {
        return department == null;
    }

    /** Whether the caller may see INTERNAL data of facts from {@code source}. */
    public boolean seesInternalOf(Department source) {
        return isInstance() || department == source;
    }

    @Override
    public String toString() {
        return isInstance() ? "instance" : department.name();
    }
}
