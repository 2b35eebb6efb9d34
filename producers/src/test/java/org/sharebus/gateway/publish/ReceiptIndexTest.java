package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.sharebus.gateway.DependencyUnavailableException;
import org.sharebus.gateway.GatewayIntegrationTest;
import org.sharebus.gateway.publish.ReceiptIndex.Claim;
import org.sharebus.gateway.publish.ReceiptIndex.Row;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The receipt index on the test context's PostgreSQL: claims, waiting on a claimer at work, taking over a gone one's claims, migration. */
class ReceiptIndexTest extends GatewayIntegrationTest {

    private static final String TOPIC = "customs.events.v1";

    @Autowired
    private ReceiptIndex index;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void shouldMakeAResendWaitForTheRequestStillSendingAndAnswerItsReceipt() throws Exception {
        // given a request that has claimed an event and is still sending it
        Claim claim = claim(UUID.randomUUID());
        Receipt receipt = receipt(claim, 42);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch acknowledged = new CountDownLatch(1);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> index.withClaimKey(claimer -> {
            assertThat(index.claim(claimer, List.of(claim), Instant.now())).containsExactly(claim.eventId());
            claimed.countDown();
            await(acknowledged);
            index.record(claimer, List.of(receipt));
            return null;
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

        // when a resend of the same event comes in meanwhile
        CompletableFuture<Row> resend = CompletableFuture.supplyAsync(() -> index.withClaimKey(claimer -> {
            assertThat(index.claim(claimer, List.of(claim), Instant.now())).isEmpty();
            return index.settle(claimer, Map.of(claim.eventId(), claim.requestSha256())).get(claim.eventId());
        }));

        // then it waits for the first request instead of taking the event over (PostgreSQL shows it waiting on the
        // first request's key, however slow the machine), and then answers its receipt
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Long.class) == 0) {
            assertThat(resend).as("the resend waits while the first request holds the claim").isNotDone();
            assertThat(System.nanoTime()).as("the resend waiting on the first request's key").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(resend).as("the resend waits while the first request holds the claim").isNotDone();
        acknowledged.countDown();
        sending.get(30, TimeUnit.SECONDS);
        Row row = resend.get(30, TimeUnit.SECONDS);
        assertThat(row.published()).isTrue();
        assertThat(row.receipt()).isEqualTo(receipt);
    }

    @Test
    void shouldAnswerAResendBusyWhenTheRequestPublishingItsIdsDoesNotFinishWithinTheClaimWait() throws Exception {
        // given a request that has claimed an event and is still sending it, and an index that waits half a second
        ReceiptIndex impatient = new ReceiptIndex(jdbc, Duration.ofMillis(500));
        Claim claim = claim(UUID.randomUUID());
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch acknowledged = new CountDownLatch(1);
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> index.withClaimKey(claimer -> {
            index.claim(claimer, List.of(claim), Instant.now());
            claimed.countDown();
            await(acknowledged);
            index.record(claimer, List.of(receipt(claim, 43)));
            return null;
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

        try {
            // when a resend comes in meanwhile
            long start = System.nanoTime();
            Throwable busy = catchThrowable(() -> impatient.withClaimKey(claimer ->
                    impatient.settle(claimer, Map.of(claim.eventId(), claim.requestSha256()))));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            // then it is told to come back (503) after the wait, not held until the first request ends
            assertThat(busy).isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("still publishing event ids of this one (1, the first " + claim.eventId() + ")")
                    .hasMessageContaining("did not finish within PT0.5S");
            assertThat(((DependencyUnavailableException) busy).title()).isEqualTo("Event ids are being published by another request");
            assertThat(waited).isLessThan(Duration.ofSeconds(20));
            assertThat(sending).isNotDone();
        } finally {
            acknowledged.countDown();
        }

        // and once the first request has recorded its receipt, the same resend is answered with it
        sending.get(30, TimeUnit.SECONDS);
        Row row = impatient.withClaimKey(claimer -> impatient.settle(claimer, Map.of(claim.eventId(), claim.requestSha256())))
                .get(claim.eventId());
        assertThat(row.published()).isTrue();
        assertThat(row.receipt().offset()).isEqualTo(43);
    }

    @Test
    void shouldWaitTheClaimWaitOnceForARequestWhoseIdsSeveralOtherRequestsHold() throws Exception {
        // given two requests still sending, each holding one event of a batch: the first to claim ends after three
        // seconds without a receipt, the second goes on
        Claim first = claim(UUID.randomUUID());
        Claim second = claim(UUID.randomUUID());
        CountDownLatch firstEnds = new CountDownLatch(1);
        CountDownLatch secondEnds = new CountDownLatch(1);
        CompletableFuture<Void> firstHolder = hold(first, firstEnds);
        CompletableFuture<Void> secondHolder = hold(second, secondEnds);
        try {
            // when a resend of both comes in, with a claim wait of four seconds
            ReceiptIndex impatient = new ReceiptIndex(jdbc, Duration.ofSeconds(4));
            CompletableFuture.runAsync(firstEnds::countDown, CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
            long start = System.nanoTime();
            Throwable busy = catchThrowable(() -> impatient.withClaimKey(claimer -> impatient.settle(claimer,
                    Map.of(first.eventId(), first.requestSha256(), second.eventId(), second.requestSha256()))));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            // then it is answered after the claim wait in all (4 s), not after three seconds for the first and four for the
            // second (7 s): the bound between them leaves a slow machine two seconds
            assertThat(busy).isInstanceOf(DependencyUnavailableException.class).hasMessageContaining(second.eventId().toString());
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(3_900)).isLessThan(Duration.ofMillis(6_000));
        } finally {
            firstEnds.countDown();
            secondEnds.countDown();
        }
        CompletableFuture.allOf(firstHolder, secondHolder).get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerOneOfTwoResendsWaitingForEachOthersIdsBusyAndLetTheOtherTakeBothOver() throws Exception {
        // given two requests, each holding one event id and then settling the other's
        Claim first = claim(UUID.randomUUID());
        Claim second = claim(UUID.randomUUID());
        CyclicBarrier bothClaimed = new CyclicBarrier(2);
        Function<List<Claim>, CompletableFuture<Map<UUID, Row>>> request = ownThenOther -> CompletableFuture.supplyAsync(() ->
                index.withClaimKey(claimer -> {
                    index.claim(claimer, List.of(ownThenOther.get(0)), Instant.now());
                    awaitBarrier(bothClaimed);
                    return index.settle(claimer, Map.of(ownThenOther.get(1).eventId(), ownThenOther.get(1).requestSha256()));
                }));

        // when each waits for the other's key
        CompletableFuture<Map<UUID, Row>> one = request.apply(List.of(first, second));
        CompletableFuture<Map<UUID, Row>> other = request.apply(List.of(second, first));

        // then PostgreSQL breaks the deadlock: one is told to retry (503), the other takes over the id it waited for
        List<Throwable> failures = new ArrayList<>();
        List<Map<UUID, Row>> settled = new ArrayList<>();
        for (CompletableFuture<Map<UUID, Row>> result : List.of(one, other)) {
            try {
                settled.add(result.get(30, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).singleElement().isInstanceOf(DependencyUnavailableException.class)
                .satisfies(e -> assertThat(e).hasMessageContaining("waiting for this one's"));
        assertThat(settled).singleElement().satisfies(rows -> assertThat(rows.values()).singleElement()
                .satisfies(row -> assertThat(row.published()).isFalse()));
        // and no key is left held: the retry of both ids takes them over at once
        long[] resender = new long[1];
        Map<UUID, Row> retried = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> index.withClaimKey(claimer -> {
            resender[0] = claimer.key();
            return index.settle(claimer, Map.of(first.eventId(), first.requestSha256(), second.eventId(), second.requestSha256()));
        }));
        assertThat(retried.values()).hasSize(2).allSatisfy(row -> assertThat(row.claimKey()).isEqualTo(resender[0]));
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request that has claimed {@code held} and holds it, without a receipt, until {@code ends}. */
    private CompletableFuture<Void> hold(Claim held, CountDownLatch ends) throws InterruptedException {
        CountDownLatch claimed = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> index.withClaimKey(claimer -> {
            index.claim(claimer, List.of(held), Instant.now());
            claimed.countDown();
            await(ends);
            return null;
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    @Test
    void shouldNotLeaveAClaimKeyHeldByAPooledConnectionWhenGivingItBackFails() {
        // given a request whose claims were made and whose connection then cannot give its key back
        // (a transaction block left aborted: every later statement on it fails while the connection stays open)
        Claim claim = claim(UUID.randomUUID());
        assertThatThrownBy(() -> index.withClaimKey(claimer -> {
            index.claim(claimer, List.of(claim), Instant.now());
            claimer.jdbc().execute("BEGIN");
            claimer.jdbc().execute("SELECT 1 / 0");
            return null;
        })).hasMessageContaining("division by zero");

        // when a resend settles the claim, with a short wait
        ReceiptIndex impatient = new ReceiptIndex(jdbc, Duration.ofSeconds(5));
        long[] resender = new long[1];
        Row row = impatient.withClaimKey(claimer -> {
            resender[0] = claimer.key();
            return impatient.settle(claimer, Map.of(claim.eventId(), claim.requestSha256())).get(claim.eventId());
        });

        // then the key was not kept by the pool: the resend got it and took the claim over
        assertThat(row.claimKey()).isEqualTo(resender[0]);
        assertThat(row.published()).isFalse();
        // and the pool still serves working connections
        assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void shouldHandTheClaimsOfARequestThatWentAwayToTheNextOneThatSendsThem() {
        // given a request that claimed two events and failed before it recorded their receipts
        Claim first = claim(UUID.randomUUID());
        Claim second = claim(UUID.randomUUID());
        assertThatThrownBy(() -> index.withClaimKey(claimer -> {
            index.claim(claimer, List.of(first, second), Instant.now());
            throw new IllegalStateException("the broker did not acknowledge");
        })).hasMessageContaining("did not acknowledge");

        // when a resend settles them
        long[] key = new long[1];
        Map<UUID, Row> rows = index.withClaimKey(claimer -> {
            key[0] = claimer.key();
            return index.settle(claimer, Map.of(first.eventId(), first.requestSha256(), second.eventId(), second.requestSha256()));
        });

        // then they are the resend's own now, still without a receipt, so it looks for the records and sends them
        assertThat(rows).hasSize(2);
        assertThat(rows.values()).allSatisfy(row -> {
            assertThat(row.published()).isFalse();
            assertThat(row.claimKey()).isEqualTo(key[0]);
        });
    }

    @Test
    void shouldLeaveAClaimToItsOwnContentWhenAnotherContentIsSentUnderItsId() {
        // given a request that claimed an event and went away without a receipt
        Claim claim = claim(UUID.randomUUID());
        assertThatThrownBy(() -> index.withClaimKey(claimer -> {
            index.claim(claimer, List.of(claim), Instant.now());
            throw new IllegalStateException("the gateway stopped");
        })).hasMessageContaining("stopped");

        // when a request with other content under that id (a conflict) settles it, and publishes another event
        byte[] otherContent = new byte[32];
        otherContent[0] = 1;
        Claim other = claim(UUID.randomUUID());
        Row conflicting = index.withClaimKey(claimer -> {
            Row row = index.settle(claimer, Map.of(claim.eventId(), otherContent)).get(claim.eventId());
            index.claim(claimer, List.of(other), Instant.now());
            index.record(claimer, List.of(receipt(other, 7)));
            return row;
        });

        // then that request did not take the claim, and the resend of the original content still can
        assertThat(conflicting.published()).isFalse();
        long[] resender = new long[1];
        Row resent = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> index.withClaimKey(claimer -> {
            resender[0] = claimer.key();
            return index.settle(claimer, Map.of(claim.eventId(), claim.requestSha256())).get(claim.eventId());
        }));
        assertThat(resent.claimKey()).isEqualTo(resender[0]);
        assertThat(resent.published()).isFalse();
    }

    @Test
    void shouldClaimOnlyTheNewIdsWhenARequestMixesThemWithIdsClaimedBefore() {
        // given an event claimed and published by an earlier request
        Claim earlier = claim(UUID.randomUUID());
        index.withClaimKey(claimer -> {
            index.claim(claimer, List.of(earlier), Instant.now());
            index.record(claimer, List.of(receipt(earlier, 3)));
            return null;
        });
        // Random, yet first and last in PostgreSQL's uuid order (its bytes, unsigned)
        Claim before = claim(new UUID(0, ThreadLocalRandom.current().nextLong()));
        Claim after = claim(new UUID(-1, ThreadLocalRandom.current().nextLong()));

        // when a request claims it again between two new ones (in id order: a new id on either side of it)
        long[] key = new long[1];
        var fresh = index.withClaimKey(claimer -> {
            key[0] = claimer.key();
            return index.claim(claimer, List.of(before, earlier, after), Instant.now());
        });

        // then the plain insert's failure left nothing behind: the new ids are claimed by this request, the old one is untouched
        assertThat(fresh).containsExactlyInAnyOrder(before.eventId(), after.eventId());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gateway.event_claim WHERE event_id IN (?, ?) AND claim_key = ?",
                Long.class, before.eventId(), after.eventId(), key[0])).isEqualTo(2);
        assertThat(index.find(earlier.eventId()).orElseThrow().receipt().offset()).isEqualTo(3);
    }

    @Test
    void shouldStoreTheReceiptArraysWithoutTryingToCompressThem() {
        // V102: ids and digests do not compress, and the attempt was most of what writing a receipt batch cost
        List<String> storage = jdbc.queryForList("""
                SELECT a.attname || '=' || a.attstorage FROM pg_attribute a
                WHERE a.attrelid = 'gateway.receipt_batch'::regclass
                  AND a.attname IN ('event_ids', 'record_offsets', 'record_timestamps', 'value_sha256s')""", String.class);

        assertThat(storage).containsExactlyInAnyOrder("event_ids=e", "record_offsets=e", "record_timestamps=e", "value_sha256s=e");
    }

    @Test
    void shouldKeepTheReceiptsRecordedBeforeTheIndexWasSplitIntoClaimsAndBatches() throws Exception {
        // given a database with the first layout (V100), holding a published and a pending event
        DataSource database = freshDatabase("receipts_v100");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        flyway(database).target("100").load().migrate();
        UUID published = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        Instant claimedAt = Instant.parse("2026-11-20T08:00:00.123456Z");
        Instant stored = Instant.parse("2026-11-20T08:00:00.250Z");
        byte[] digest = new byte[32];
        digest[0] = 7;
        byte[] valueDigest = new byte[32];
        valueDigest[31] = 9;
        jdbc.update("""
                INSERT INTO gateway.event_receipt (event_id, department, event_type, request_sha256, status, topic, kafka_partition,
                    pending_since, record_offset, record_timestamp, value_sha256, published_at)
                VALUES (?, 'CUSTOMS', 'CustomsPenaltyDecided', ?, 'PUBLISHED', ?, 2, ?, 17, ?, ?, now())""",
                published, digest, TOPIC, Timestamp.from(claimedAt), Timestamp.from(stored), valueDigest);
        jdbc.update("""
                INSERT INTO gateway.event_receipt (event_id, department, event_type, request_sha256, status, topic, kafka_partition, pending_since)
                VALUES (?, 'CUSTOMS', 'CustomsPenaltyDecided', ?, 'PENDING', ?, 1, ?)""",
                pending, digest, TOPIC, Timestamp.from(claimedAt));

        // when it is migrated
        flyway(database).load().migrate();

        // then the index reads the same receipt and the same pending claim
        ReceiptIndex migrated = new ReceiptIndex(jdbc, Duration.ofSeconds(30));
        Row row = migrated.find(published).orElseThrow();
        assertThat(row.receipt()).isEqualTo(new Receipt(published, "CustomsPenaltyDecided", "CUSTOMS", TOPIC, 2, 17, stored,
                "00".repeat(31) + "09"));
        assertThat(row.requestSha256()).isEqualTo(digest);
        assertThat(row.pendingSince()).isEqualTo(claimedAt.truncatedTo(ChronoUnit.MICROS));
        Row still = migrated.find(pending).orElseThrow();
        assertThat(still.published()).isFalse();
        assertThat(still.partition()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM gateway.event_receipt WHERE event_id = ?", String.class, pending))
                .isEqualTo("PENDING");
    }

    private Claim claim(UUID id) {
        return new Claim(id, "CUSTOMS", "CustomsPenaltyDecided", new byte[32], TOPIC, 0);
    }

    private static Receipt receipt(Claim claim, long offset) {
        return new Receipt(claim.eventId(), claim.eventType(), claim.department(), claim.topic(), claim.partition(), offset,
                Instant.ofEpochMilli(Instant.now().toEpochMilli()), "ab".repeat(32));
    }

    private DataSource freshDatabase(String name) {
        JdbcTemplate admin = new JdbcTemplate(postgres.getPostgresDatabase());
        admin.execute("DROP DATABASE IF EXISTS " + name);
        admin.execute("CREATE DATABASE " + name);
        return postgres.getDatabase("postgres", name);
    }

    private static FluentConfiguration flyway(DataSource database) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration/gateway");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
