package org.sharebus.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.gateway.GatewayProperties.DepartmentSettings;
import org.sharebus.topic.TopicCatalogue;

/** Signatures are made outside the JDK (for speed) and must be exactly the JDK's, which is what consumers verify with. */
class DepartmentSignersTest {

    @Test
    void shouldSignExactlyAsTheJdkDoesWithEveryDepartmentsKey() throws Exception {
        // given
        DepartmentSigners signers = new DepartmentSigners(new GatewayProperties(null, null, null, null, null, null));
        Random random = new Random(20261127L);

        for (Department department : TopicCatalogue.publishingDepartments()) {
            for (int length : new int[] {0, 1, 32, 33, 250, 4_000}) {
                byte[] message = new byte[length];
                random.nextBytes(message);

                // when
                byte[] signed = signers.sign(department, message);

                // then
                Signature jdk = Signature.getInstance(DepartmentSigners.ALGORITHM);
                jdk.initSign(signers.key(department).privateKey());
                jdk.update(message);
                assertThat(signed).as(department + ", " + length + " bytes").isEqualTo(jdk.sign());
                assertThat(DepartmentSigners.verify(signers.key(department).publicKey(), message, signed)).isTrue();
            }
        }
    }

    @Test
    void shouldSignWithConfiguredKeysAndRefuseHalvesThatAreNotAPair() throws Exception {
        // given two key pairs made by the JDK
        KeyPairGenerator generator = KeyPairGenerator.getInstance(DepartmentSigners.ALGORITHM);
        KeyPair pair = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();

        // when one is configured
        DepartmentSigners signers = new DepartmentSigners(configured(pair.getPrivate().getEncoded(), pair.getPublic().getEncoded()));

        // then its signatures verify under its public key
        byte[] message = "root".getBytes();
        assertThat(DepartmentSigners.verify(pair.getPublic(), message, signers.sign(Department.TAX, message))).isTrue();

        // and a private key configured with another pair's public key stops the gateway
        assertThatThrownBy(() -> new DepartmentSigners(configured(pair.getPrivate().getEncoded(), other.getPublic().getEncoded())))
                .hasMessageContaining("TAX are not a pair");
    }

    @Test
    void shouldRefuseToStartWhenADepartmentHasKeysButNoSigningKey() {
        // given a department with real API keys and no signing keys: its records would carry a signature anyone can make
        GatewayProperties keysOnly = new GatewayProperties(Map.of(Department.TAX, new DepartmentSettings(List.of("ab12"), null, null)),
                null, null, null, null, null);

        // then
        assertThatThrownBy(() -> new DepartmentSigners(keysOnly))
                .hasMessageStartingWith("sharebus.gateway.departments.TAX has API keys but no signing keys");
    }

    private static GatewayProperties configured(byte[] privateKey, byte[] publicKey) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new GatewayProperties(Map.of(Department.TAX, new DepartmentSettings(null, base64.encodeToString(privateKey),
                base64.encodeToString(publicKey))), null, null, null, null, null);
    }
}
