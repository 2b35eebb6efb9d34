package org.sharebus.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sharebus.event.common.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's settings ({@code sharebus.gateway.*}).
 *
 * @param departments   credentials and signing keys per department; a department with no key hashes
 *                      cannot publish. With no department configured at all the gateway runs on the
 *                      documented demo keys (see docs/connecting-a-department.md) and says so in its log.
 * @param maxBatchSize  most events in one batch request
 * @param maxBodyBytes  largest request body accepted
 * @param maxClockSkew  how far in the future an event's {@code occurredAt} may lie
 * @param ackTimeout    how long a request waits for the broker's acknowledgement
 * @param claimWait     how long a resend waits for an earlier request still publishing the same event
 *                      ids before it is answered 503 (retry later); that request may hold them for up to
 *                      the producer's {@code delivery.timeout.ms} while its records settle
 */
@ConfigurationProperties("sharebus.gateway")
public record GatewayProperties(Map<Department, DepartmentSettings> departments, Integer maxBatchSize,
                                Integer maxBodyBytes, Duration maxClockSkew, Duration ackTimeout,
                                Duration claimWait) {

    public GatewayProperties {
        departments = departments == null ? Map.of() : Map.copyOf(departments);
        maxBatchSize = maxBatchSize == null ? 1_000 : maxBatchSize;
        maxBodyBytes = maxBodyBytes == null ? 1 << 20 : maxBodyBytes;
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
        ackTimeout = ackTimeout == null ? Duration.ofSeconds(30) : ackTimeout;
        claimWait = claimWait == null ? Duration.ofSeconds(30) : claimWait;
        // PostgreSQL's lock_timeout takes whole milliseconds up to 2^31 - 1, and 0 would mean no limit.
        if (claimWait.toMillis() < 1 || claimWait.compareTo(Duration.ofDays(24)) > 0) {
            throw new IllegalArgumentException("sharebus.gateway.claim-wait must be between 1 ms and 24 days, got " + claimWait);
        }
    }

    /**
     * @param keyHashes         SHA-256 (hex) of each API key the department may use; several allow rotation
     * @param signingPrivateKey Ed25519 private key, PKCS#8, base64
     * @param signingPublicKey  the matching public key, X.509 SubjectPublicKeyInfo, base64
     */
    public record DepartmentSettings(List<String> keyHashes, String signingPrivateKey, String signingPublicKey) {
        public DepartmentSettings {
            keyHashes = keyHashes == null ? List.of() : List.copyOf(keyHashes);
        }
    }
}
