package org.sharebus.consumers.profile;

import org.sharebus.registry.InMemorySchemaRegistryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.sharebus.consumers.api.ApiCaller;
import org.sharebus.consumers.api.ApiKeys;
import org.sharebus.consumers.api.ApiProperties;
import org.sharebus.consumers.rules.TestRules;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.market.ChangeItem;
import org.sharebus.event.market.EnterpriseChanged;
import org.sharebus.profile.EnterpriseProfile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The answers the wiring test cannot provoke at will: the store not ready, and the USCC rules one by one. */
class ProfileControllerTest {

    private static final String USCC = "91330106N4446551XY";

    private static final String CUSTOMS_KEY = "Bearer demo-key-customs";

    private static final ApiKeys KEYS = new ApiKeys(new ApiProperties(null, "profile-controller-test-instance-key-40-chars"),
            new MockEnvironment());

    /** Requests as ApiAuthentication leaves them: a customs system's, its key checked, not forwarded by an instance. */
    private static MockMvc mvc(ProfileQueries queries) {
        return MockMvcBuilders.standaloneSetup(new ProfileController(queries, KEYS, TestRules.standard()))
                .defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, CUSTOMS_KEY)
                        .requestAttr(ApiCaller.ATTRIBUTE, ApiCaller.of(Department.CUSTOMS)).requestAttr(ApiCaller.FORWARDED_ATTRIBUTE, false))
                .build();
    }

    private static ProfileQueries notReady() {
        return queries(Optional.empty(), uscc -> {
            throw ProfileQueries.NotReady.inState("REBALANCING", null);
        });
    }

    private static ProfileQueries ownedBy(HostInfo owner) {
        return queries(Optional.of(owner), uscc -> {
            throw new AssertionError("a key owned elsewhere must not be read here");
        });
    }

    private static ProfileQueries holding(EnterpriseProfile profile) {
        return queries(Optional.empty(), uscc -> uscc.equals(profile.getUscc()) ? Optional.of(profile) : Optional.empty());
    }

    /** The profile store as the controller sees it: who owns every key, and what this instance finds. */
    private static ProfileQueries queries(Optional<HostInfo> owner, java.util.function.Function<String, Optional<EnterpriseProfile>> find) {
        return new ProfileQueries(null, new ProfileQueries.ApplicationServer(), new InMemorySchemaRegistryClient()) {
            @Override
            Optional<HostInfo> ownerElsewhere(String uscc) {
                return owner;
            }

            @Override
            Optional<EnterpriseProfile> find(String uscc) {
                return find.apply(uscc);
            }
        };
    }

    @Test
    void shouldNameTheEnterpriseAsCustomsKnowsItWhenCustomsReadsTheTimelineOfANameMarketKeptToItself() throws Exception {
        // given the registration, public, then a change of name market supervision kept to itself (INTERNAL)
        EnterpriseProfile profile;
        String known;
        try (ProfileDriver driver = new ProfileDriver(EventExamples.at(2026, 8, 1, 9, 0))) {
            driver.pipe(Events.registered(LocalDate.of(2019, 3, 1)));
            known = driver.profile(Events.ENTERPRISE.uscc().value()).getName();
            driver.pipe(Events.internal(Events.market(LocalDate.of(2026, 7, 1), EnterpriseChanged.newBuilder()
                    .setChangeItems(List.of(new ChangeItem("名称", known, "杭州西溪保密新名称有限公司")))
                    .setChangedOn(LocalDate.of(2026, 7, 1)).build(), null)));
            profile = driver.profile(Events.ENTERPRISE.uscc().value());
        }
        MockMvc customs = mvc(holding(profile));

        // when customs reads the profile and its timeline, then both name the enterprise as customs knows it
        customs.perform(get("/api/v1/enterprises/" + profile.getUscc()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value(known));
        customs.perform(get("/api/v1/enterprises/" + profile.getUscc() + "/timeline"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(known))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("杭州西溪保密新名称有限公司"))));
    }

    @Test
    void shouldRelayOwnersAnswerWhenAnotherInstanceHoldsTheKey() throws Exception {
        // given another instance that holds the key
        List<String> forwardedHeaders = new ArrayList<>();
        HttpServer owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/api/v1/enterprises/", exchange -> {
            forwardedHeaders.add(exchange.getRequestHeaders().getFirst(ProfileController.FORWARDED) + " " + exchange.getRequestURI()
                    + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"uscc\":\"91330106N4446551XY\",\"name\":\"杭州西溪数码科技有限公司\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        owner.start();
        try {
            // when
            mvc(ownedBy(new HostInfo("127.0.0.1", owner.getAddress().getPort())))
                    .perform(get("/api/v1/enterprises/" + USCC.toLowerCase()))
                    // then the owner's answer comes back, and the owner was told the request is forwarded, and by whom
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value("杭州西溪数码科技有限公司"));
            String path = "/api/v1/enterprises/" + USCC.toLowerCase();
            assertThat(forwardedHeaders).containsExactly(KEYS.forwardedProof(path) + " " + path + " " + CUSTOMS_KEY);
            assertThat(KEYS.isForwardedProof(KEYS.forwardedProof(path), path)).isTrue();
        } finally {
            owner.stop(0);
        }
    }

    @Test
    void shouldAnswer503NamingMisconfigurationWhenOwnerRefusesCredentialsThisInstanceAccepted() throws Exception {
        // given an owner configured with other keys
        HttpServer owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/api/v1/enterprises/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        owner.start();
        try {
            // when
            mvc(ownedBy(new HostInfo("127.0.0.1", owner.getAddress().getPort()))).perform(get("/api/v1/enterprises/" + USCC))
                    // then the caller, whose key is good here, is not told it is unknown
                    .andExpect(status().isServiceUnavailable())
                    // and not told where the instances run
                    .andExpect(jsonPath("$.detail").value("the profile of " + USCC + " is held by another instance, which does not"
                            + " accept this request's credentials (the instances are configured differently)"));
        } finally {
            owner.stop(0);
        }
    }

    @Test
    void shouldAnswer503InsteadOfForwardingAgainWhenForwardedRequestFindsKeyElsewhere() throws Exception {
        mvc(ownedBy(new HostInfo("127.0.0.1", 1)))
                .perform(get("/api/v1/enterprises/" + USCC).requestAttr(ApiCaller.FORWARDED_ATTRIBUTE, true))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.detail").value("the profile of " + USCC + " is moving between instances"));
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
