package org.sharebus.consumers.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sharebus.consumers.InProcessServices;
import org.sharebus.consumers.TestBus;
import org.sharebus.consumers.api.ApiCaller;
import org.sharebus.consumers.inspection.StaffActionClaims;
import org.sharebus.event.MarketExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.uscc.UsccGenerator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Scale-out: two consumer instances with the same application id against one broker, one
 * registry and one PostgreSQL share the partitions, and either answers for any enterprise,
 * forwarding to the instance that holds the key. Heavy (two applications on two cores): one test.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwoInstancesTest {

    private static final int ENTERPRISES = 24;
    /** The secret the instances share (sharebus.api.instance-key): the staff pages ask with it. */
    private static final String INSTANCE_KEY = "two-instances-test-instance-key-of-40-chars";
    private static final int PARTITIONS = 4;

    private static InProcessServices services;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void startBusAndTwoInstances() throws Exception {
        services = InProcessServices.start();
        for (String name : List.of("a", "b")) {
            instances.add(services.startConsumers(PARTITIONS, "--sharebus.api.instance-key=" + INSTANCE_KEY,
                    "--sharebus.profile.instance-id=profile-scale-out-" + name, "--spring.application.name=sharebus-consumers-" + name));
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        if (services != null) {
            services.close();
        }
    }

    @Test
    void shouldAnswerForEveryEnterpriseFromEitherInstanceWhenTheyShareThePartitions(CapturedOutput output) throws Exception {
        // given both instances running in one group
        for (ConfigurableApplicationContext instance : instances) {
            awaitRunning(instance);
        }

        // when market supervision registers many enterprises
        List<String> usccs = new ArrayList<>();
        List<SpecificRecord> events = new ArrayList<>();
        MarketEvent template = MarketExamples.companyRegistered();
        UsccGenerator generator = new UsccGenerator(42);
        for (int i = 0; i < ENTERPRISES; i++) {
            String uscc = generator.next(template.getHeader().getRegionCode()).value();
            usccs.add(uscc);
            events.add(MarketEvent.newBuilder(template).setHeader(EventHeader.newBuilder(template.getHeader())
                    .setUscc(uscc).setEnterpriseName("杭州扩容测试" + i + "号有限公司").setEventId(UUID.randomUUID()).build()).build());
        }
        TestBus.publish(services.bootstrapServers(), services.registryClient(), events);

        // then each instance owns some of the profile store's partitions
        Set<Integer> owners = new HashSet<>();
        for (StreamsMetadata member : streams(instances.get(0)).metadataForAllStreamsClients()) {
            assertThat(member.topicPartitions()).as("partitions of " + member.hostInfo()).isNotEmpty();
            owners.add(member.hostInfo().port());
        }
        assertThat(owners).containsExactlyInAnyOrder(port(instances.get(0)), port(instances.get(1)));

        // and both answer for every enterprise, the other's included
        for (ConfigurableApplicationContext instance : instances) {
            for (int i = 0; i < usccs.size(); i++) {
                String expected = "杭州扩容测试" + i + "号有限公司";
                HttpResponse<String> answer = TestBus.awaitGet(url(instance, "/api/v1/enterprises/" + usccs.get(i)),
                        r -> r.statusCode() == 200);
                assertThat(answer.body()).as(usccs.get(i) + " from instance " + port(instance)).contains("\"name\":\"" + expected + "\"");
            }
        }
        // and a forwarded request is answered as the caller may see it: customs gets no risk class,
        // the staff pages (with the instance key) get the whole profile, from either instance
        for (String uscc : usccs) {
            HttpResponse<String> asCustoms = TestBus.get(url(instances.get(0), "/api/v1/enterprises/" + uscc), TestBus.apiKey(Department.CUSTOMS));
            assertThat(asCustoms.statusCode()).isEqualTo(200);
            assertThat(asCustoms.body()).as(uscc + " for customs").contains("\"identity\"").doesNotContain("\"risk\"");
            HttpResponse<String> asInstance = TestBus.get(url(instances.get(0), "/api/v1/enterprises/" + uscc), "Bearer " + INSTANCE_KEY);
            assertThat(asInstance.body()).as(uscc + " for an instance").contains("\"riskClass\"");
            // a staff page asks on its member of staff's department's behalf, and the holder answers as that department
            HttpResponse<String> forCustomsStaff = TestBus.exchange(HttpRequest.newBuilder(URI.create(url(instances.get(0),
                            "/api/v1/enterprises/" + uscc))).header("Authorization", "Bearer " + INSTANCE_KEY)
                    .header(ApiCaller.ON_BEHALF_HEADER, "CUSTOMS").header(ApiCaller.STAFF_HEADER, "customs-staff").GET().build());
            assertThat(forCustomsStaff.statusCode()).isEqualTo(200);
            assertThat(forCustomsStaff.body()).as(uscc + " for customs staff").isEqualTo(asCustoms.body());
        }
        // and the holder's access log marks the forwarded reads as forwarded: the instances' proof holds between them
        assertThat(usccs).anySatisfy(uscc -> assertThat(output.getOut())
                .contains("caller=CUSTOMS method=GET path=/api/v1/enterprises/" + uscc + " status=200 forwarded=true")
                .contains("caller=instance staff=customs-staff for=CUSTOMS method=GET path=/api/v1/enterprises/" + uscc
                        + " status=200 forwarded=true"));
        // and the search read model, written by both instances' projections, holds them all
        HttpResponse<String> search = TestBus.awaitGet(url(instances.get(1), "/api/v1/enterprises?name=扩容测试&size=100"),
                r -> r.body().contains("\"totalElements\":" + ENTERPRISES));
        assertThat(search.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldPublishAStaffActionOnceWhenTwoInstancesAnswerTheSameDoubleClick() {
        // given each instance's claims, over the database they share
        StaffActionClaims a = instances.get(0).getBean(StaffActionClaims.class);
        StaffActionClaims b = instances.get(1).getBean(StaffActionClaims.class);
        String key = "draw:" + UUID.randomUUID();

        // when one instance claims a draw and the other is asked for the same one
        assertThat(a.claim(key, "plan-1")).isEmpty();

        // then the other sees it taken, with the first value
        assertThat(b.claim(key, "plan-2")).contains("plan-1");
        assertThat(a.claim(key, "plan-3")).contains("plan-1");

        // and once the broker refused the first, either may take it again
        a.release(key);
        assertThat(b.claim(key, "plan-2")).isEmpty();
        assertThat(a.claim(key, "plan-1")).contains("plan-2");

        // and a claim its instance left PENDING (it stopped half-way) is taken up again after a while, a DONE one is not
        JdbcClient jdbc = instances.get(0).getBean(JdbcClient.class);
        String done = "result:" + UUID.randomUUID();
        assertThat(a.claim(done, "NO_PROBLEM_FOUND")).isEmpty();
        a.done(done);
        for (String claim : List.of(key, done)) {
            jdbc.sql("UPDATE consumers.staff_action_claim SET claimed_at = now() - interval '3 minutes' WHERE claim_key = :key")
                    .param("key", claim).update();
        }
        assertThat(a.claim(key, "plan-3")).isEmpty();
        assertThat(b.claim(key, "plan-4")).contains("plan-3");
        assertThat(b.claim(done, "CORRECTION_ORDERED")).contains("NO_PROBLEM_FOUND");
    }

    private static void awaitRunning(ConfigurableApplicationContext instance) throws InterruptedException {
        Instant deadline = Instant.now().plus(TestBus.PATIENCE);
        // Running, and the group's assignment gives both members some partitions.
        while (streams(instance) == null || streams(instance).state() != KafkaStreams.State.RUNNING
                || streams(instance).metadataForAllStreamsClients().size() < 2
                || streams(instance).metadataForAllStreamsClients().stream().anyMatch(m -> m.topicPartitions().isEmpty())) {
            assertThat(Instant.now()).as("instance " + port(instance) + " RUNNING in a group of two").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static KafkaStreams streams(ConfigurableApplicationContext instance) {
        return instance.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static String url(ConfigurableApplicationContext instance, String path) {
        return "http://127.0.0.1:" + port(instance) + path;
    }
}
