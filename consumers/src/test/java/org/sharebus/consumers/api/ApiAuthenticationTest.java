package org.sharebus.consumers.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Who a request is taken for, and what of it may reach the access log line. */
class ApiAuthenticationTest {

    private final ApiKeys keys = new ApiKeys(new ApiProperties(null, null), new MockEnvironment());
    private final ApiAuthentication authentication = new ApiAuthentication(keys, JsonMapper.builder().build());
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void shouldKeepLineBreaksAndOtherControlCharactersOutOfTheAccessLog() {
        // a staff name sent URL-encoded with a line break would otherwise start a forged log line
        assertThat(ApiAuthentication.printable("customs-staff\ncaller=TAX method=GET\r\t\u0000"))
                .isEqualTo("customs-staff?caller=TAX method=GET???");
        assertThat(ApiAuthentication.printable("/api/v1/enterprises?name=杭州&page=1")).isEqualTo("/api/v1/enterprises?name=杭州&page=1");
        assertThat(ApiAuthentication.printable("王".repeat(300))).isEqualTo("王".repeat(200) + "…");
    }

    @Test
    void shouldTakeAnInstanceAskingOnADepartmentsBehalfForThatDepartment() throws Exception {
        // given a staff page's request: the instance key, on behalf of tax
        MockHttpServletRequest request = request(keys.instanceAuthorization(), "TAX");

        // when / then it is tax's request, answered as tax's
        assertThat(authentication.preHandle(request, response, null)).isTrue();
        assertThat(request.getAttribute(ApiCaller.ATTRIBUTE)).isEqualTo(ApiCaller.of(Department.TAX));
        // and the instance alone without the header
        MockHttpServletRequest own = request(keys.instanceAuthorization(), null);
        assertThat(authentication.preHandle(own, new MockHttpServletResponse(), null)).isTrue();
        assertThat(own.getAttribute(ApiCaller.ATTRIBUTE)).isEqualTo(ApiCaller.INSTANCE);
    }

    @Test
    void shouldIgnoreTheHeaderFromADepartmentSoThatNoDepartmentReadsAsAnother() throws Exception {
        // given customs' own key, claiming to ask on tax's behalf
        MockHttpServletRequest request = request("Bearer demo-key-customs", "TAX");

        // when / then it stays customs' request
        assertThat(authentication.preHandle(request, response, null)).isTrue();
        assertThat(request.getAttribute(ApiCaller.ATTRIBUTE)).isEqualTo(ApiCaller.of(Department.CUSTOMS));
    }

    @Test
    void shouldRefuseAnInstanceNamingNoDepartmentRatherThanAnswerItEverything() throws Exception {
        // given the instance key with a header that names no department
        MockHttpServletRequest request = request(keys.instanceAuthorization(), "CUSTOMS,TAX");

        // when / then 400 problem+json naming the header, and no caller to answer
        assertThat(authentication.preHandle(request, response, null)).isFalse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains(ApiCaller.ON_BEHALF_HEADER).contains("CUSTOMS,TAX");
        assertThat(request.getAttribute(ApiCaller.ATTRIBUTE)).isNull();
    }

    private static MockHttpServletRequest request(String authorization, String onBehalf) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/enterprises/91330106MA2B2C3D4E");
        request.addHeader("Authorization", authorization);
        if (onBehalf != null) {
            request.addHeader(ApiCaller.ON_BEHALF_HEADER, onBehalf);
        }
        return request;
    }
}
