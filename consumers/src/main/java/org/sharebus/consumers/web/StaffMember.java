package org.sharebus.consumers.web;

import org.sharebus.event.common.Department;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A logged-in member of staff: who, and for which department (部门). */
public record StaffMember(String username, Department department) {

    static final String AUTHORITY_PREFIX = "DEPARTMENT_";

    public static StaffMember of(Authentication authentication) {
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(AUTHORITY_PREFIX)) {
                return new StaffMember(authentication.getName(), Department.valueOf(name.substring(AUTHORITY_PREFIX.length())));
            }
        }
        throw new IllegalStateException("user '" + authentication.getName() + "' has no department authority");
    }
}
