package org.sharebus.consumers.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import org.sharebus.platform.auth.DepartmentKeyTable;
import org.springframework.mock.env.MockEnvironment;

class ApiKeysTest {

    private static final String INSTANCE_KEY = "shared-instance-secret-0123456789abcdef";

    @Test
    void shouldAcceptDemoKeysAndOwnInstanceKeyWhenNothingConfigured() {
        // given
        ApiKeys keys = new ApiKeys(new ApiProperties(null, null), new MockEnvironment());

        // then
        assertThat(keys.usingDemoKeys()).isTrue();
        assertThat(keys.authenticate("Bearer demo-key-tax")).contains(ApiCaller.of(Department.TAX));
        assertThat(keys.authenticate("bearer  demo-key-customs ")).contains(ApiCaller.of(Department.CUSTOMS));
        assertThat(keys.authenticate(keys.instanceAuthorization())).contains(ApiCaller.INSTANCE);
        assertThat(keys.instanceAuthorization()).as("a random instance key, not a guessable one")
                .isNotEqualTo(new ApiKeys(new ApiProperties(null, null), new MockEnvironment()).instanceAuthorization());
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.authenticate("Basic ZGVtby1rZXktdGF4")).isEmpty();
        assertThat(keys.authenticate("Bearer ")).isEmpty();
        assertThat(keys.authenticate("Bearer demo-key-other")).isEmpty();
    }

    @Test
    void shouldAcceptOnlyConfiguredHashesAndSharedInstanceKeyWhenConfigured() {
        // given
        String hash = DepartmentKeyTable.sha256Hex("k3y-of-the-credit-office");
        ApiKeys keys = new ApiKeys(new ApiProperties(Map.of(Department.CREDIT, new ApiProperties.DepartmentKeys(List.of(hash.toUpperCase()))),
                " " + INSTANCE_KEY + " "), new MockEnvironment());

        // then
        assertThat(keys.usingDemoKeys()).isFalse();
        assertThat(keys.authenticate("Bearer k3y-of-the-credit-office")).contains(ApiCaller.of(Department.CREDIT));
        assertThat(keys.authenticate("Bearer demo-key-credit")).isEmpty();
        assertThat(keys.authenticate("Bearer " + INSTANCE_KEY)).contains(ApiCaller.INSTANCE);
        assertThat(keys.instanceAuthorization()).isEqualTo("Bearer " + INSTANCE_KEY);
        assertThat(keys.authenticate("Bearer " + hash)).as("the hash is not a key").isEmpty();
    }

    @Test
    void shouldLetInstanceSeeEveryDepartmentsInternalFactsAndDepartmentOnlyItsOwn() {
        assertThat(ApiCaller.INSTANCE.seesInternalOf(Department.MARKET)).isTrue();
        assertThat(ApiCaller.of(Department.TAX).seesInternalOf(Department.TAX)).isTrue();
        assertThat(ApiCaller.of(Department.TAX).seesInternalOf(Department.MARKET)).isFalse();
    }

    @Test
    void shouldRefuseToStartWithDemoKeysWhenGatewayKeysAreConfigured() {
        // given a deployment whose gateway has real keys and whose API has none
        MockEnvironment environment = new MockEnvironment()
                .withProperty("sharebus.gateway.departments.CUSTOMS.key-hashes[0]", DepartmentKeyTable.sha256Hex("real-key"));

        // then
        assertThatThrownBy(() -> new ApiKeys(new ApiProperties(null, null), environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("sharebus.gateway.departments is configured but sharebus.api.departments is not");
    }

    @Test
    void shouldRefuseShortInstanceKeyAndNeverPrintIt() {
        assertThatThrownBy(() -> new ApiProperties(null, "too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sharebus.api.instance-key must have at least 32 characters (it opens every profile whole), has 9");
        assertThat(new ApiProperties(null, INSTANCE_KEY).toString()).doesNotContain(INSTANCE_KEY).contains("instanceKey=(set)");
    }

    @Test
    void shouldProveForwardingOnlyForThePathAndUnderTheInstanceKey() {
        // given two deployments' instances
        ApiKeys ours = new ApiKeys(new ApiProperties(null, "our-instances-share-this-key-of-forty-chars"), new MockEnvironment());
        ApiKeys theirs = new ApiKeys(new ApiProperties(null, "their-instances-share-another-key-of-forty"), new MockEnvironment());

        // when ours forwards a request for one path
        String proof = ours.forwardedProof("/api/v1/enterprises/91330106N4446551XY");

        // then only ours accept it, and only for that path; a caller's own marks are not proof
        assertThat(ours.isForwardedProof(proof, "/api/v1/enterprises/91330106N4446551XY")).isTrue();
        assertThat(ours.isForwardedProof(proof, "/api/v1/enterprises/91330106N4446551XY/timeline")).isFalse();
        assertThat(theirs.isForwardedProof(proof, "/api/v1/enterprises/91330106N4446551XY")).isFalse();
        assertThat(ours.isForwardedProof("1", "/api/v1/enterprises/91330106N4446551XY")).isFalse();
        assertThat(ours.isForwardedProof(null, "/api/v1/enterprises/91330106N4446551XY")).isFalse();
    }
}
