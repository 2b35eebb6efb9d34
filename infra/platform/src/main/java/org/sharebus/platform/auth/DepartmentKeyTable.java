package org.sharebus.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sharebus.event.common.Department;

/**
 * Department API keys (部门接入密钥) as both doors of the bus check them: the gateway's publishing
 * API and the consumers' query API. Only SHA-256 hashes are kept: API keys are long random
 * strings, not passwords, so a plain hash is enough to make a leaked configuration useless.
 *
 * <p>With no key configured, each department gets the documented demo key
 * {@code demo-key-<department>}, the same at both doors: fine on a laptop, never in production.
 */
public final class DepartmentKeyTable {

    private static final String BEARER = "Bearer ";
    /** The {@code WWW-Authenticate} challenge of a 401 for a missing or unknown key, the same at both doors (RFC 9110). */
    public static final String CHALLENGE = "Bearer realm=\"sharebus\"";

    private final Map<String, Department> departmentByHash;
    private final boolean demo;

    private DepartmentKeyTable(Map<String, Department> departmentByHash, boolean demo) {
        this.departmentByHash = Map.copyOf(departmentByHash);
        this.demo = demo;
    }

    /**
     * The configured hashes, or the demo keys of {@code demoDepartments} when no department is
     * configured at all (a department configured without hashes has no key).
     *
     * @throws IllegalStateException when one hash is configured for two departments
     */
    public static DepartmentKeyTable of(Map<Department, List<String>> hashes, Collection<Department> demoDepartments) {
        Map<String, Department> table = new HashMap<>();
        if (hashes.isEmpty()) {
            demoDepartments.forEach(department -> table.put(sha256Hex(demoKey(department)), department));
            return new DepartmentKeyTable(table, true);
        }
        hashes.forEach((department, list) -> list.forEach(hash -> {
            Department previous = table.put(hash.strip().toLowerCase(Locale.ROOT), department);
            if (previous != null && previous != department) {
                throw new IllegalStateException("the same API key hash is configured for " + previous + " and " + department);
            }
        }));
        return new DepartmentKeyTable(table, false);
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
        return bearerToken(authorization).map(key -> departmentByHash.get(sha256Hex(key)));
    }

    /** The token of a {@code Bearer} header (scheme in any case); empty when missing, of another scheme, or blank. */
    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = authorization.substring(BEARER.length()).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
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
