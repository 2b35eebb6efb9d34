package org.sharebus.gateway.auth;

import java.util.Locale;
import org.sharebus.gateway.GatewayProblem;
import org.sharebus.gateway.auth.DepartmentSigners.SigningKey;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public keys consumers verify the {@code sharebus-signature} header with. No credentials needed. */
@RestController
class PublicKeyController {

    private final DepartmentSigners signers;

    PublicKeyController(DepartmentSigners signers) {
        this.signers = signers;
    }

    @GetMapping("/api/v1/departments/{department}/public-key")
    PublicKeyView publicKey(@PathVariable String department) {
        SigningKey key = TopicCatalogue.publishingDepartments().stream()
                .filter(d -> d.name().equals(department.toUpperCase(Locale.ROOT)))
                .findFirst().map(signers::key)
                .orElseThrow(() -> new GatewayProblem(HttpStatus.NOT_FOUND, "unknown-department", "Unknown department",
                        "'" + department + "' is not a publishing department; they are " + TopicCatalogue.publishingDepartments()));
        return new PublicKeyView(key.department().name(), DepartmentSigners.ALGORITHM, key.keyId(), key.publicKeyBase64(),
                "-----BEGIN PUBLIC KEY-----\n" + key.publicKeyBase64() + "\n-----END PUBLIC KEY-----\n");
    }

    /**
     * @param publicKey base64 of the X.509 SubjectPublicKeyInfo ({@code KeyFactory.getInstance("Ed25519")
     *                  .generatePublic(new X509EncodedKeySpec(...))} in Java)
     */
    record PublicKeyView(String department, String algorithm, String keyId, String publicKey, String pem) {
    }
}
