package org.sharebus.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Department API keys (部门接入密钥). The gateway keeps only SHA-256 hashes of them
 * ({@code sharebus.gateway.departments.<DEPT>.key-hashes}): API keys are long random strings, not
 * passwords, so a plain hash is enough to make a leaked configuration useless to an attacker.
 *
 * <p>With no department configured, each publishing department gets the documented demo key
 * {@code demo-key-<department>} and the log says so: fine on a laptop, never in production.
 */
@Component
public class DepartmentKeys {

    private static final Logger log = LoggerFactory.getLogger(DepartmentKeys.class);
    private static final String BEARER = "Bearer ";

    private final Map<String, Department> departmentByHash = new HashMap<>();
    private final boolean demo;

    public DepartmentKeys(GatewayProperties properties) {
        demo = properties.departments().isEmpty();
        if (demo) {
            for (Department department : TopicCatalogue.publishingDepartments()) {
                String key = demoKey(department);
                departmentByHash.put(sha256Hex(key), department);
                log.warn("demo key for {}: {} (no sharebus.gateway.departments configured; never use demo keys in production)",
                        department, key);
            }
            return;
        }
        properties.departments().forEach((department, settings) -> settings.keyHashes().forEach(hash -> {
            Department previous = departmentByHash.put(hash.strip().toLowerCase(Locale.ROOT), department);
            if (previous != null && previous != department) {
                throw new IllegalStateException("the same API key hash is configured for " + previous + " and " + department);
            }
        }));
    }

    /** Whether the documented demo keys are in use because no department is configured. */
    public boolean usingDemoKeys() {
        return demo;
    }

    /** The documented demo key of a department. */
    public static String demoKey(Department department) {
        return "demo-key-" + department.name().toLowerCase(Locale.ROOT);
    }

    /** The department whose key the {@code Authorization} header carries; empty when missing or unknown. */
    public Optional<Department> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).strip();
        return key.isEmpty() ? Optional.empty() : Optional.ofNullable(departmentByHash.get(sha256Hex(key)));
    }

    /** SHA-256 of a key, lower-case hex: what goes into the configuration. */
    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
