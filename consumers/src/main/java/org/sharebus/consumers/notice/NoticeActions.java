package org.sharebus.consumers.notice;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sharebus.consumers.inspection.StaffActionClaims;
import org.sharebus.consumers.notice.Notice.NoticeStatus;
import org.sharebus.event.common.Department;
import org.sharebus.notice.NoticeAcknowledged;
import org.sharebus.notice.NoticeClosed;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.registry.SchemaRegistryClient;
import org.sharebus.serde.ConfluentAvroSerializer;
import org.sharebus.topic.TopicCatalogue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Service;

/**
 * Staff actions on a notice: acknowledge (签收) and close (办结). An action is a record on
 * {@code sharebus.notices.v1} first (acks=all, idempotent: the platform's producer settings) and
 * is answered only after the broker acknowledged it.
 *
 * <p>Then, rather than wait for the projection to read the record back, the acknowledged record is
 * applied to the read model here, through the same idempotent, order-independent write the
 * projection uses: the staff member sees the new status at once, and the projection applying the
 * record again changes nothing. The row is still what a replay of the topic gives.
 */
@Service
public class NoticeActions implements DisposableBean {

    /**
     * How long the producer may try an action's record before it reports a failure; the wait for
     * that report is longer. Otherwise a send the staff member was told had failed (and whose claim
     * was released) could still land after another member's action, and override it.
     */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(8);
    static final Duration SEND_TIMEOUT = DELIVERY_TIMEOUT.plusSeconds(2);
    /** Longest remark or outcome accepted: a paragraph, not a report. */
    static final int MAX_TEXT = 2_000;

    private final NoticeInbox inbox;
    private final StaffActionClaims claims;
    private final DefaultKafkaProducerFactory<String, NoticeEvent> producers;
    private final KafkaTemplate<String, NoticeEvent> template;
    private final Clock clock = Clock.systemUTC();

    NoticeActions(NoticeInbox inbox, StaffActionClaims claims, ProducerFactory<?, ?> bootProducers, SchemaRegistryClient registry) {
        this.inbox = inbox;
        this.claims = claims;
        Map<String, Object> config = new HashMap<>(bootProducers.getConfigurationProperties());
        // One record per action, sent and acknowledged on its own: no transaction whatever the application's producers do.
        config.remove("transactional.id");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis() / 2);
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ConfluentAvroSerializer<>(registry, NoticeEvent.class));
        this.template = new KafkaTemplate<>(producers);
    }

    /** The action producer's settings, as given to it. */
    Map<String, Object> producerConfig() {
        return producers.getConfigurationProperties();
    }

    /** Who acts: a staff member's username and department. */
    public record Actor(String username, Department department) {
    }

    public Notice acknowledge(UUID id, Actor actor, String remark) {
        Notice notice = actionable(id, actor);
        if (notice.status() != NoticeStatus.OPEN) {
            if (sameAgain(notice.acknowledgedBy(), notice.acknowledgeRemark(), actor, remark)) {
                return notice;
            }
            throw new NoticeActionException(409, "status", "status", "notice " + id + " is already " + notice.status());
        }
        String text = text("remark", remark, false);
        return once("acknowledged", notice, actor, text, () -> record(notice, NoticeAcknowledged.newBuilder()
                .setAcknowledgedBy(actor.username()).setDepartment(actor.department()).setRemark(text).build()));
    }

    /** Closes the notice; an open one is acknowledged by the same record. */
    public Notice close(UUID id, Actor actor, String outcome) {
        Notice notice = actionable(id, actor);
        if (notice.status() == NoticeStatus.CLOSED) {
            if (sameAgain(notice.closedBy(), notice.outcome(), actor, outcome)) {
                return notice;
            }
            throw new NoticeActionException(409, "status", "status", "notice " + id + " is already CLOSED");
        }
        String text = text("outcome", outcome, true);
        return once("closed", notice, actor, text, () -> record(notice, NoticeClosed.newBuilder().setClosedBy(actor.username())
                .setDepartment(actor.department()).setOutcome(text).build()));
    }

    /**
     * Publishes an action once. The status read above may be stale (a double click, two staff on two
     * instances, the record of the first not yet applied): the claim in the database the instances
     * share decides who acts. The same action submitted again is answered as done; another one is
     * 409, or the topic would hold two outcomes and the read model keep only the first.
     */
    private Notice once(String action, Notice notice, Actor actor, String text, Supplier<NoticeEvent> record) {
        String key = "notice:" + action + ":" + notice.id();
        String value = actor.username() + "|" + (text == null ? "" : text);
        Optional<String> earlier = claims.claim(key, value);
        if (earlier.isPresent()) {
            if (earlier.get().equals(value)) {
                return inbox.find(notice.id()).orElseThrow();
            }
            throw new NoticeActionException(409, "status", "status", "notice " + notice.id() + " was just " + action + " by "
                    + earlier.get().substring(0, earlier.get().indexOf('|')));
        }
        NoticeEvent published = record.get();
        try {
            send(published);
        } catch (RuntimeException e) {
            claims.release(key);
            throw e;
        }
        // The broker has it: the claim stays, whatever happens to the read model's write below.
        claims.done(key);
        return applied(published);
    }

    /**
     * The same member of staff submitting the same action again once the first is applied: a double
     * click whose second request comes after the first was answered (a browser shows only the second
     * answer), or a form sent again. Answered as done, as {@link #once} answers it while the first is
     * still on its way; told 409 instead, the member would read that the action was not done.
     */
    private static boolean sameAgain(String doneBy, String doneText, Actor actor, String submitted) {
        String text = submitted == null || submitted.isBlank() ? null : submitted.strip();
        return actor.username().equals(doneBy) && Objects.equals(doneText, text);
    }

    private Notice actionable(UUID id, Actor actor) {
        Notice notice = inbox.find(id).orElseThrow(() -> new NoticeActionException(404, "id", "exists", "no notice " + id));
        if (notice.targetDepartment() != actor.department()) {
            throw new NoticeActionException(403, "department", "department", "notice " + id + " is for " + notice.targetDepartment()
                    + "; staff of " + actor.department() + " may not act on it");
        }
        return notice;
    }

    private static String text(String field, String value, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                throw new NoticeActionException(400, field, "required", field + " is required");
            }
            return null;
        }
        if (v.length() > MAX_TEXT) {
            throw new NoticeActionException(400, field, "length", field + " must be at most " + MAX_TEXT + " characters, got " + v.length());
        }
        // Refused before publishing: PostgreSQL text cannot hold U+0000, so an acknowledged record holding one could never be projected.
        int control = v.codePoints().filter(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r').findFirst().orElse(-1);
        if (control >= 0) {
            throw new NoticeActionException(400, field, "characters",
                    field + " must not hold control characters (other than tab and line breaks), found U+%04X".formatted(control));
        }
        return v;
    }

    private NoticeEvent record(Notice notice, Object payload) {
        return NoticeEvent.newBuilder().setNoticeId(notice.id()).setEventType(payload.getClass().getSimpleName())
                .setUscc(notice.uscc()).setOccurredAt(clock.instant()).setPayload(payload).build();
    }

    private void send(NoticeEvent record) {
        try {
            template.send(TopicCatalogue.NOTICES, record.getUscc(), record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoticeActionException(503, "broker", "acknowledged", "interrupted while waiting for the broker");
        } catch (ExecutionException | TimeoutException e) {
            throw new NoticeActionException(503, "broker", "acknowledged", "the broker did not acknowledge the action in time: " + e.getMessage());
        }
    }

    private Notice applied(NoticeEvent record) {
        inbox.apply(record);
        return inbox.find(record.getNoticeId()).orElseThrow();
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    /** An action refused: HTTP status, the field at fault, the rule it breaks, and why. */
    public static final class NoticeActionException extends RuntimeException {
        private final int status;
        private final String field;
        private final String rule;

        NoticeActionException(int status, String field, String rule, String message) {
            super(message);
            this.status = status;
            this.field = field;
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }

        public int status() {
            return status;
        }

        public String field() {
            return field;
        }
    }
}
