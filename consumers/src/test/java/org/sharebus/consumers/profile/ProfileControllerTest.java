package org.sharebus.consumers.profile;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sharebus.profile.EnterpriseProfile;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The answers the wiring test cannot provoke at will: the store not ready, and the USCC rules one by one. */
class ProfileControllerTest {

    private static final String USCC = "91330106N4446551XY";

    private static MockMvc mvc(ProfileQueries queries) {
        return MockMvcBuilders.standaloneSetup(new ProfileController(queries)).build();
    }

    private static ProfileQueries notReady() {
        return new ProfileQueries(null) {
            @Override
            Optional<EnterpriseProfile> find(String uscc) {
                throw new NotReady("REBALANCING", null);
            }
        };
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenStoreIsNotRunning() throws Exception {
        mvc(notReady()).perform(get("/api/v1/enterprises/" + USCC).accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("the profile store is not ready (Kafka Streams is REBALANCING)"));
    }

    @Test
    void shouldAnswer400NamingTheRuleWhenUsccHasForbiddenLetter() throws Exception {
        mvc(notReady()).perform(get("/api/v1/enterprises/91330106N4446551XO/timeline"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("uscc"))
                .andExpect(jsonPath("$.rule").value("character 18 'O' is not allowed (digits and capital letters except I, O, S, V, Z)"));
    }

    @Test
    void shouldAnswer400WhenUsccIsTooShort() throws Exception {
        mvc(notReady()).perform(get("/api/v1/enterprises/9133"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("USCC '9133' must have 18 characters, has 4"));
    }
}
