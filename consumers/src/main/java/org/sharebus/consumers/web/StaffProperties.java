package org.sharebus.consumers.web;

import java.time.Duration;
import java.util.Map;
import org.sharebus.event.common.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff pages' settings ({@code sharebus.web}).
 *
 * @param users staff logins by user name; none configured means the demo logins
 *              ({@link StaffDirectory#DEMO_USERS}), announced in the log at start-up
 * @param login how many wrong passwords in a row lock a login, and for how long ({@link LoginAttempts})
 */
@ConfigurationProperties("sharebus.web")
public record StaffProperties(Map<String, User> users, Login login) {

    public StaffProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        login = login == null ? new Login(null, null) : login;
    }

    /**
     * @param maxFailures wrong passwords in a row that lock a login (5 by default)
     * @param lockout     how long a locked login is refused (15 minutes by default)
     */
    public record Login(Integer maxFailures, Duration lockout) {
        public Login {
            maxFailures = maxFailures == null ? 5 : maxFailures;
            lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        }
    }

    /**
     * @param department   the department the person works for; decides which INTERNAL facts they see
     * @param passwordHash BCrypt hash of the password ({@code $2a$…}, e.g. from {@code htpasswd -bnBC 10 "" secret})
     */
    public record User(Department department, String passwordHash) {
    }
}
