package org.sharebus.gateway.publish;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.sharebus.event.common.Department;
import org.sharebus.gateway.DependencyUnavailableException;
import org.sharebus.gateway.GatewayMetrics;
import org.sharebus.gateway.Violation;
import org.sharebus.gateway.audit.AuditEntry;
import org.sharebus.gateway.audit.AuditLog;
import org.sharebus.gateway.publish.EventPublisher.Outgoing;
import org.sharebus.gateway.publish.EventReader.ReadEvent;
import org.sharebus.gateway.publish.ItemResult.Outcome;
import org.sharebus.gateway.publish.ReceiptIndex.Claim;
import org.sharebus.gateway.publish.ReceiptIndex.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * One publish request from read to receipt: read and validate each event, keep each department to
 * its own event types, make resends idempotent, send, wait for the broker, record the receipts,
 * write the audit log.
 *
 * <p>Idempotency ({@link ReceiptIndex}): each new id is claimed (committed) before its record is sent,
 * under the request's claim key, and the request's receipts are recorded after the broker's ack. A
 * resend finds the original receipt (nothing sent), a different digest (409), or a claim without a
 * receipt whose request went away: the record is then looked for in its partition and sent only if
 * it is not there.
 */
@Service
public class PublishService {

    private static final Logger log = LoggerFactory.getLogger(PublishService.class);

    private static final HexFormat HEX = HexFormat.of();

    private final EventReader reader;
    private final EventPublisher publisher;
    private final ReceiptIndex index;
    private final AuditLog audit;
    private final GatewayMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public PublishService(EventReader reader, EventPublisher publisher, ReceiptIndex index, AuditLog audit, GatewayMetrics metrics) {
        this.reader = reader;
        this.publisher = publisher;
        this.index = index;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Publishes what may be published of {@code items} for {@code caller}; one result per item, in order. */
    public List<ItemResult> publish(Department caller, List<JsonNode> items, RequestContext request) {
        Instant now = clock.instant();
        ItemResult[] results = new ItemResult[items.size()];
        ReadEvent[] reads = new ReadEvent[items.size()];
        Map<UUID, Integer> firstIndex = new HashMap<>();
        Map<Integer, Integer> sameAs = new HashMap<>();
        List<ReadEvent> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ReadEvent read;
            try {
                read = reader.read(i, items.get(i), now);
            } catch (RuntimeException e) {
                // A fault of the gateway's own on one item (not the sender's): that item is refused and said so, the others go on.
                log.error("could not read item {} of a request from {}", i, caller, e);
                results[i] = ItemResult.refused(i, null, null, 500, "internal", List.of(new Violation(i, "", "internal",
                        "the gateway could not read this event (its fault, not the sender's); it was not published")), null);
                continue;
            }
            reads[i] = read;
            String sha = read.digest() == null ? null : HEX.formatHex(read.digest());
            if (read.type() != null && read.type().department() != caller) {
                results[i] = ItemResult.refused(i, read.eventId(), read.type().name(), 403, "forbidden",
                        List.of(new Violation(i, "eventType", "forbidden", "'" + read.type().name() + "' is an event type of "
                                + read.type().department() + "; " + caller + " may publish only its own")), sha);
            } else if (!read.valid()) {
                results[i] = ItemResult.refused(i, read.eventId(), read.type() == null ? null : read.type().name(), 400,
                        "validation", read.violations(), sha);
            } else {
                Integer first = firstIndex.putIfAbsent(read.id(), i);
                if (first == null) {
                    valid.add(read);
                } else if (Arrays.equals(reads[first].digest(), read.digest())) {
                    sameAs.put(i, first);
                } else {
                    results[i] = conflict(read, "was given to item " + first + " of this request, with different content");
                }
            }
        }
        try {
            List<Outgoing> candidates = new ArrayList<>(valid.size());
            for (ReadEvent read : valid) {
                candidates.add(publisher.encode(read));
            }
            publishCandidates(candidates, results, now);
        } catch (RuntimeException e) {
            // A repeat within the request shares its first's fate, as on the way that succeeds.
            sameAs.forEach((i, first) -> results[i] = results[first] == null ? null : results[first].at(i));
            throw failed(caller, results, reads, request, now, e);
        }
        sameAs.forEach((i, first) -> results[i] = results[first].at(i));

        List<ItemResult> answer = Arrays.asList(results);
        record(caller, answer, request, now);
        return answer;
    }

    /**
     * The answer to a request that could not be completed, with every event of it audited and
     * counted (as the log promises: one item per event, in order): those already decided (refused,
     * a conflict, a resend found) as they were, the others with the failure. 503 when a dependency
     * is unavailable (the client retries with the same ids), else the failure as it is (500).
     */
    private RuntimeException failed(Department caller, ItemResult[] decided, ReadEvent[] reads, RequestContext request, Instant now,
                                    RuntimeException failure) {
        Optional<DependencyUnavailableException> unavailable = DependencyUnavailableException.of(failure);
        RuntimeException answer = unavailable.<RuntimeException>map(u -> u).orElse(failure);
        String outcome = unavailable.map(DependencyUnavailableException::reason).orElse("failed");
        int status = unavailable.isPresent() ? 503 : 500;
        List<AuditEntry.Item> items = new ArrayList<>(decided.length);
        for (int i = 0; i < decided.length; i++) {
            if (decided[i] != null) {
                items.add(item(caller, decided[i]));
                continue;
            }
            ReadEvent read = reads[i];
            items.add(new AuditEntry.Item(i, read.eventId(), read.type().name(), HEX.formatHex(read.digest()),
                    outcome.toUpperCase(Locale.ROOT), status, answer.getMessage(), null, null, null));
            metrics.event(caller.name(), read.type().name(), outcome);
        }
        metrics.refused(unavailable.map(DependencyUnavailableException::reason).orElse("internal"));
        try {
            audit.append(AuditEntry.ofItems(now, request.requestId(), caller.name(), request.remoteAddress(), request.action(), items));
        } catch (RuntimeException auditFailure) {
            answer.addSuppressed(auditFailure);
        }
        return answer;
    }

    private void publishCandidates(List<Outgoing> candidates, ItemResult[] results, Instant now) {
        if (candidates.isEmpty()) {
            return;
        }
        List<Claim> claims = candidates.stream().map(out -> new Claim(out.eventId(), out.event().type().department().name(),
                out.event().type().name(), out.event().digest(), out.topic(), out.partition())).toList();
        index.withClaimKey(claimer -> {
            Set<UUID> fresh = index.claim(claimer, claims, now);
            Map<UUID, byte[]> claimedBefore = new HashMap<>();
            candidates.stream().filter(out -> !fresh.contains(out.eventId()))
                    .forEach(out -> claimedBefore.put(out.eventId(), out.event().digest()));
            Map<UUID, Row> rows = claimedBefore.isEmpty() ? Map.of() : index.settle(claimer, claimedBefore);
            // Claimed by a request that went away before recording the receipts: did their records reach the broker?
            Map<UUID, Receipt> sentBefore = publisher.findSent(rows.values().stream()
                    .filter(row -> !row.published() && row.claimKey() == claimer.key()).toList());
            List<Outgoing> toSend = new ArrayList<>();
            List<Receipt> found = new ArrayList<>();
            for (Outgoing out : candidates) {
                ReadEvent read = out.event();
                Row row = rows.get(out.eventId());
                String sha = HEX.formatHex(read.digest());
                Receipt sent = sentBefore.get(out.eventId());
                if (row == null) {
                    toSend.add(out);
                } else if (!Arrays.equals(row.requestSha256(), read.digest())) {
                    // Where it is stored only to its own department: GET /api/v1/events/{id} keeps other departments' ids too.
                    boolean own = read.type().department().name().equals(row.department());
                    results[read.index()] = conflict(read, "was used before for different content"
                            + (!own ? " (by another department)" : " (" + (row.published() ? "published at " + row.receipt().topic() + "/"
                            + row.receipt().partition() + "@" + row.receipt().offset() : "not yet published") + ")"));
                } else if (row.published()) {
                    results[read.index()] = ItemResult.receipt(read.index(), Outcome.DUPLICATE, row.receipt(), sha);
                } else if (sent != null) {
                    found.add(sent);
                    results[read.index()] = ItemResult.receipt(read.index(), Outcome.DUPLICATE, sent, sha);
                } else {
                    toSend.add(out);
                }
            }
            List<CompletableFuture<Receipt>> futures = publisher.send(toSend);
            List<Receipt> receipts;
            try {
                receipts = publisher.await(futures);
            } catch (DependencyUnavailableException notAcknowledged) {
                // What was not acknowledged in time may still arrive. The claims stay held until every send has
                // settled, and what arrived is recorded: a retry then neither sends a second copy nor misses one.
                try {
                    List<Receipt> arrived = new ArrayList<>(found);
                    arrived.addAll(publisher.settled(futures));
                    index.record(claimer, arrived);
                } catch (RuntimeException notRecorded) {
                    // The answer stays the 503: the retry finds in the topic what was not recorded here.
                    notAcknowledged.addSuppressed(notRecorded);
                }
                throw notAcknowledged;
            }
            for (int i = 0; i < toSend.size(); i++) {
                ReadEvent read = toSend.get(i).event();
                results[read.index()] = ItemResult.receipt(read.index(), Outcome.ACCEPTED, receipts.get(i), HEX.formatHex(read.digest()));
            }
            List<Receipt> all = new ArrayList<>(receipts);
            all.addAll(found);
            index.record(claimer, all);
            return null;
        });
    }

    private static ItemResult conflict(ReadEvent read, String why) {
        return ItemResult.refused(read.index(), read.eventId(), read.type().name(), 409, "conflict",
                List.of(new Violation(read.index(), "eventId", "conflict", "'" + read.eventId() + "' " + why)),
                HEX.formatHex(read.digest()));
    }

    private void record(Department caller, List<ItemResult> results, RequestContext request, Instant now) {
        List<AuditEntry.Item> items = new ArrayList<>(results.size());
        for (ItemResult result : results) {
            items.add(item(caller, result));
        }
        audit.append(AuditEntry.ofItems(now, request.requestId(), caller.name(), request.remoteAddress(), request.action(), items));
    }

    /** One event's audit item, counted. */
    private AuditEntry.Item item(Department caller, ItemResult result) {
        Receipt receipt = result.receipt();
        metrics.event(caller.name(), result.eventType(), result.outcome().name().toLowerCase());
        if (result.refused()) {
            metrics.refused(result.reason());
        }
        return new AuditEntry.Item(result.index(), result.eventId(), result.eventType(), result.sha256(), result.outcome().name(),
                result.status(), result.refused() ? reasons(result) : null,
                receipt == null ? null : receipt.topic(), receipt == null ? null : receipt.partition(),
                receipt == null ? null : receipt.offset());
    }

    private static String reasons(ItemResult result) {
        return result.reason() + ": " + String.join(", ", result.errors().stream().map(v -> v.field() + " " + v.rule()).toList());
    }

    /**
     * Who asked, for the audit log.
     *
     * @param action {@code publish} or {@code publish-batch}
     */
    public record RequestContext(String requestId, String remoteAddress, String action) {
    }
}
