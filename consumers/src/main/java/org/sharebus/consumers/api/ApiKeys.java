package org.sharebus.consumers.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sharebus.event.common.Department;
import org.sharebus.platform.auth.DemoCredentials;
import org.sharebus.platform.auth.DepartmentKeyTable;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The keys the consumers' REST API accepts: each department's ({@link DepartmentKeyTable}, hashes
 * only; the demo keys are the gateway's, one per publishing department) and the instance key the
 * instances share.
 */
@Component
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final DepartmentKeyTable departments;
    private final byte[] instanceKey;

    /**
     * @throws IllegalStateException when the gateway's keys or the staff logins are configured and the
     *                               API's keys are not ({@link DemoCredentials})
     */
    public ApiKeys(ApiProperties properties, Environment environment) {
        Map<Department, List<String>> hashes = new LinkedHashMap<>();
        properties.departments().forEach((department, keys) -> hashes.put(department, keys.keyHashes()));
        departments = DepartmentKeyTable.of(hashes, TopicCatalogue.publishingDepartments());
        if (departments.usingDemoKeys()) {
            DemoCredentials.refuseBesideConfigured(environment, DemoCredentials.API_KEYS, "Configure "
                    + "sharebus.api.departments.<DEPARTMENT>.key-hashes (the same hashes if departments are to read with the keys "
                    + "they publish with).");
        }
        if (departments.usingDemoKeys()) {
            TopicCatalogue.publishingDepartments().forEach(department -> log.warn("REST API demo key for {}: {} "
                    + "(no sharebus.api.departments configured; never use demo keys in production)",
                    department, DepartmentKeyTable.demoKey(department)));
        }
        String instance = properties.instanceKey();
        if (instance == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            instance = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.info("no sharebus.api.instance-key configured: a random one for this process; set the same on every instance "
                    + "when running more than one, or the staff pages cannot read profiles held by another");
        }
        instanceKey = instance.getBytes(StandardCharsets.UTF_8);
    }


    /** Whether the documented demo keys are in use because no department is configured. */
    public boolean usingDemoKeys() {
        return departments.usingDemoKeys();
    }

    /** The caller an {@code Authorization} header names; empty when missing or unknown. */
    public Optional<ApiCaller> authenticate(String authorization) {
        Optional<String> token = DepartmentKeyTable.bearerToken(authorization);
        if (token.isPresent() && MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8), instanceKey)) {
            return Optional.of(ApiCaller.INSTANCE);
        }
        return departments.authenticate(authorization).map(ApiCaller::of);
    }

    /** The {@code Authorization} header with which this instance asks the API (its own or another instance's). */
    public String instanceAuthorization() {
        return "Bearer " + new String(instanceKey, StandardCharsets.UTF_8);
    }

    /**
     * The {@value ApiCaller#FORWARDED_HEADER} value with which an instance forwards a request for
     * {@code path}: an HMAC of the path under the instance key. Only an instance can make it, so a
     * caller cannot mark its own reads as forwarded in the owner's access log (where an auditor
     * would take them for the copy of a read logged elsewhere).
     */
    public String forwardedProof(String path) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(instanceKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(path.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether the header is {@link #forwardedProof} of the path; false when missing. */
    public boolean isForwardedProof(String header, String path) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                forwardedProof(path).getBytes(StandardCharsets.UTF_8));
    }
}
