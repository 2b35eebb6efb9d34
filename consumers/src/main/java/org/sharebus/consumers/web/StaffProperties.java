package org.sharebus.consumers.web;

import java.util.Map;
import org.sharebus.event.common.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff pages' settings ({@code sharebus.web}).
 *
 * @param users          staff logins by user name; none configured means the demo logins
 *                       ({@link StaffDirectory#DEMO_USERS}), announced in the log at start-up
 * @param riskDepartment the department whose INTERNAL fact the credit-risk class is (企业信用风险分类 is
 *                       market supervision's, 国市监信发〔2022〕6号); only its staff see classes and factors
 */
@ConfigurationProperties("sharebus.web")
public record StaffProperties(Map<String, User> users, Department riskDepartment) {

    public StaffProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        riskDepartment = riskDepartment == null ? Department.MARKET : riskDepartment;
    }

    /**
     * @param department   the department the person works for; decides which INTERNAL facts they see
     * @param passwordHash BCrypt hash of the password ({@code $2a$…}, e.g. from {@code htpasswd -bnBC 10 "" secret})
     */
    public record User(Department department, String passwordHash) {
    }
}
