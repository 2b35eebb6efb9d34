package org.sharebus.gateway.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.platform.auth.DemoCredentials;
import org.sharebus.platform.auth.DepartmentKeyTable;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The gateway's department API keys ({@code sharebus.gateway.departments.<DEPT>.key-hashes}, SHA-256
 * hashes only; {@link DepartmentKeyTable} has the rules).
 *
 * <p>With no department configured, each publishing department gets the documented demo key
 * {@code demo-key-<department>} and the log says so: fine on a laptop, never in production.
 */
@Component
public class DepartmentKeys {

    private static final Logger log = LoggerFactory.getLogger(DepartmentKeys.class);

    private final DepartmentKeyTable table;

    public DepartmentKeys(GatewayProperties properties, Environment environment) {
        Map<Department, List<String>> hashes = new LinkedHashMap<>();
        properties.departments().forEach((department, settings) -> hashes.put(department, settings.keyHashes()));
        table = DepartmentKeyTable.of(hashes, TopicCatalogue.publishingDepartments());
        if (table.usingDemoKeys()) {
            DemoCredentials.refuseBesideConfigured(environment, DemoCredentials.GATEWAY_KEYS,
                    "Configure sharebus.gateway.departments.<DEPARTMENT>.key-hashes and its signing keys.");
            TopicCatalogue.publishingDepartments().forEach(department -> log.warn(
                    "demo key for {}: {} (no sharebus.gateway.departments configured; never use demo keys in production)",
                    department, demoKey(department)));
        }
    }

    /** Whether the documented demo keys are in use because no department is configured. */
    public boolean usingDemoKeys() {
        return table.usingDemoKeys();
    }

    /** The documented demo key of a department. */
    public static String demoKey(Department department) {
        return DepartmentKeyTable.demoKey(department);
    }

    /** The department whose key the {@code Authorization} header carries; empty when missing or unknown. */
    public Optional<Department> authenticate(String authorization) {
        return table.authenticate(authorization);
    }
}
