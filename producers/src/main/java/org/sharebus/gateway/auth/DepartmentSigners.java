package org.sharebus.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.NoSuchElementException;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.gateway.GatewayProperties.DepartmentSettings;
import org.sharebus.topic.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each department's Ed25519 signing key. The gateway signs, once per publish request,
 * the Merkle root over the exact value bytes of the records it publishes on the department's behalf
 * ({@link BatchSignature}); the public keys are published at
 * {@code GET /api/v1/departments/{dept}/public-key}, so any consumer can check that a record came
 * through the gateway for that department and was not altered since.
 *
 * <p>Keys come from {@code sharebus.gateway.departments.<DEPT>.signing-private-key} and
 * {@code signing-public-key}. A department without them gets a demo key derived from its name:
 * stable across restarts (records signed yesterday still verify), known to anyone who reads this
 * code, so the log warns.
 *
 * <p>Keys are read and checked with the JDK; signatures are made with Bouncy Castle's RFC 8032
 * code, which gives the same bytes (Ed25519 signatures are deterministic) in about a tenth of the
 * JDK 17 provider's time (80 against 850 µs of CPU here, docs/benchmarks.md). Verifying, which
 * is what consumers do, stays with the JDK.
 */
@Component
public class DepartmentSigners {

    public static final String ALGORITHM = "Ed25519";
    private static final Logger log = LoggerFactory.getLogger(DepartmentSigners.class);

    private final Map<Department, SigningKey> keys = new EnumMap<>(Department.class);

    public DepartmentSigners(GatewayProperties properties) {
        for (Department department : TopicCatalogue.publishingDepartments()) {
            DepartmentSettings settings = properties.departments().get(department);
            KeyPair pair;
            if (settings != null && settings.signingPrivateKey() != null && settings.signingPublicKey() != null) {
                pair = configured(department, settings);
            } else if (settings != null && !settings.keyHashes().isEmpty()) {
                // Its records would carry a signature anyone can make: the demo keys derive from the department's name.
                throw new IllegalStateException("sharebus.gateway.departments." + department + " has API keys but no signing keys:"
                        + " configure its signing-private-key and signing-public-key (Ed25519, base64; docs/operations.md)");
            } else {
                pair = demoKeyPair(department);
                log.warn("demo signing key for {} (no sharebus.gateway.departments.{}.signing-private-key configured)",
                        department, department);
            }
            keys.put(department, new SigningKey(department, keyId(pair.getPublic()), pair.getPrivate(), pair.getPublic()));
            checkPair(department, pair.getPublic());
        }
    }

    public SigningKey key(Department department) {
        SigningKey key = keys.get(department);
        if (key == null) {
            throw new NoSuchElementException("no signing key for " + department + ": it has no topic of its own");
        }
        return key;
    }

    /** The signature of {@code bytes} with the department's key (64 bytes). */
    public byte[] sign(Department department, byte[] bytes) {
        SigningKey key = key(department);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(key.seed(), 0, key.rawPublicKey(), 0, bytes, 0, bytes.length, signature, 0);
        return signature;
    }

    /** A key that does not verify its own signature with the JDK (the configured halves are not a pair) stops the gateway at start. */
    private void checkPair(Department department, PublicKey publicKey) {
        byte[] probe = "sharebus key check".getBytes(StandardCharsets.UTF_8);
        if (!verify(publicKey, probe, sign(department, probe))) {
            throw new IllegalStateException("the configured signing keys of " + department + " are not a pair");
        }
    }

    /** Whether {@code signature} is a valid signature of {@code bytes} under {@code publicKey}; all a consumer needs. */
    public static boolean verify(PublicKey publicKey, byte[] bytes, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(bytes);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify an Ed25519 signature", e);
        }
    }

    /** A public key from its base64 X.509 form, as the public-key endpoint gives it. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static KeyPair configured(Department department, DepartmentSettings settings) {
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(settings.signingPrivateKey())));
            return new KeyPair(publicKey(settings.signingPublicKey()), privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the signing keys of " + department + ": " + e.getMessage(), e);
        }
    }

    /** A key pair derived from the department's name: Ed25519 draws its 32-byte private key from the random source. */
    static KeyPair demoKeyPair(Department department) {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256")
                    .digest(("sharebus demo signing key " + department.name()).getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeededRandom(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the demo signing key of " + department, e);
        }
    }

    /** First 16 hex digits of the SHA-256 of the public key's X.509 form. */
    static String keyId(PublicKey publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** A department's signing key and its id (carried in the {@code sharebus-key-id} header). */
    public record SigningKey(Department department, String keyId, PrivateKey privateKey, PublicKey publicKey) {
        public String publicKeyBase64() {
            return Base64.getEncoder().encodeToString(publicKey.getEncoded());
        }

        /** The RFC 8032 private key: the 32-byte seed. */
        byte[] seed() {
            return ((EdECPrivateKey) privateKey).getBytes()
                    .orElseThrow(() -> new IllegalStateException("the " + department + " signing key does not give its bytes"));
        }

        /** The RFC 8032 public key: 32 bytes, the end of its X.509 form. */
        byte[] rawPublicKey() {
            byte[] encoded = publicKey.getEncoded();
            return Arrays.copyOfRange(encoded, encoded.length - Ed25519.PUBLIC_KEY_SIZE, encoded.length);
        }
    }

    /** Hands out the seed's bytes, so key generation is a pure function of the seed. */
    private static final class SeededRandom extends SecureRandom {
        private final byte[] seed;

        SeededRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length > seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " seeded bytes, have " + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
