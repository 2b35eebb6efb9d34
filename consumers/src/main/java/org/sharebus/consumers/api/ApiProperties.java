package org.sharebus.consumers.api;

import java.util.List;
import java.util.Map;
import org.sharebus.event.common.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the consumers' REST API ({@code sharebus.api}).
 *
 * @param departments API keys per department, as SHA-256 hashes; none configured means the demo keys
 *                    {@code demo-key-<department>} (the gateway's, so one key per department opens
 *                    both doors of the one-command default), announced in the log at start-up
 * @param instanceKey the secret the instances of one deployment present to each other (a forwarded
 *                    request from the staff pages), at least {@value #MIN_INSTANCE_KEY_LENGTH}
 *                    characters; every instance must have the same. Unset: a random key per
 *                    process, which is enough for a single instance only
 */
@ConfigurationProperties("sharebus.api")
public record ApiProperties(Map<Department, DepartmentKeys> departments, String instanceKey) {

    public static final int MIN_INSTANCE_KEY_LENGTH = 32;

    public ApiProperties {
        departments = departments == null ? Map.of() : Map.copyOf(departments);
        instanceKey = instanceKey == null || instanceKey.isBlank() ? null : instanceKey.strip();
        if (instanceKey != null && instanceKey.length() < MIN_INSTANCE_KEY_LENGTH) {
            throw new IllegalArgumentException("sharebus.api.instance-key must have at least " + MIN_INSTANCE_KEY_LENGTH
                    + " characters (it opens every profile whole), has " + instanceKey.length());
        }
    }

    /** Without the instance key: configuration is printed in failure reports and debug logs. */
    @Override
    public String toString() {
        return "ApiProperties[departments=" + departments + ", instanceKey=" + (instanceKey == null ? "unset" : "(set)") + "]";
    }

    /** @param keyHashes SHA-256 (hex) of each API key the department may use; several allow rotation */
    public record DepartmentKeys(List<String> keyHashes) {
        public DepartmentKeys {
            keyHashes = keyHashes == null ? List.of() : List.copyOf(keyHashes);
        }
    }
}
