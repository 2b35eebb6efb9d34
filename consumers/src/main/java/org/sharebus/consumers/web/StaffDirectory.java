package org.sharebus.consumers.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sharebus.event.common.Department;
import org.sharebus.platform.auth.DemoCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Staff logins from configuration ({@code sharebus.web.users}), each with its department and a
 * BCrypt password hash. With none configured, one demo login per department
 * ({@code market-staff} / {@code demo-market}, …), logged at start-up so a first run can log in.
 * A login locked for wrong passwords ({@link LoginAttempts}) is answered as locked, so Spring
 * Security refuses it before it looks at the password; Spring Security looks a login up only to
 * check a password, so each look-up is counted as a try ({@link LoginAttempts#begin}).
 */
public class StaffDirectory implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(StaffDirectory.class);
    static final List<Department> DEMO_USERS = List.of(Department.MARKET, Department.CUSTOMS, Department.COMMERCE,
            Department.CREDIT, Department.TAX);

    private final Map<String, StaffProperties.User> users;
    private final boolean demo;
    private final LoginAttempts attempts;

    StaffDirectory(StaffProperties properties, PasswordEncoder encoder, Environment environment, Clock clock) {
        this.demo = properties.users().isEmpty();
        if (demo) {
            DemoCredentials.refuseBesideConfigured(environment, DemoCredentials.STAFF_USERS,
                    "Configure sharebus.web.users.<name>.department and .password-hash (BCrypt) for each member of staff.");
            Map<String, StaffProperties.User> demoUsers = new LinkedHashMap<>();
            for (Department department : DEMO_USERS) {
                demoUsers.put(demoUsername(department), new StaffProperties.User(department, encoder.encode(demoPassword(department))));
            }
            this.users = demoUsers;
            log.warn("Staff pages use the DEMO logins (no sharebus.web.users configured): {}",
                    String.join(", ", DEMO_USERS.stream().map(d -> demoUsername(d) + " / " + demoPassword(d)).toList()));
        } else {
            properties.users().forEach((name, user) -> {
                if (user.department() == null || user.passwordHash() == null || !user.passwordHash().startsWith("$2")) {
                    throw new IllegalStateException("sharebus.web.users." + name + " needs a department and a BCrypt password-hash"
                            + " ($2a$…, $2b$… or $2y$…), got department=" + user.department() + ", password-hash="
                            + (user.passwordHash() == null ? "none" : "not BCrypt"));
                }
            });
            this.users = properties.users();
        }
        this.attempts = new LoginAttempts(properties.login().maxFailures(), properties.login().lockout(), users::containsKey, clock);
    }

    LoginAttempts attempts() {
        return attempts;
    }

    public static String demoUsername(Department department) {
        return department.name().toLowerCase(Locale.ROOT) + "-staff";
    }

    public static String demoPassword(Department department) {
        return "demo-" + department.name().toLowerCase(Locale.ROOT);
    }

    public boolean usingDemoUsers() {
        return demo;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        StaffProperties.User user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no staff login '" + username + "'");
        }
        return User.withUsername(username).password(user.passwordHash())
                .authorities(new SimpleGrantedAuthority(StaffMember.AUTHORITY_PREFIX + user.department().name()))
                .accountLocked(attempts.begin(username))
                .build();
    }
}
