package org.sharebus.gateway.publish;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.sharebus.gateway.DependencyUnavailableException;
import org.sharebus.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The durable event id → receipt index in PostgreSQL: one claim row per event id
 * ({@code gateway.event_claim}), written before the record is sent, and one receipt batch per
 * request ({@code gateway.receipt_batch}), written after the broker's ack; read through the view
 * {@code gateway.event_receipt} (migration V101 has the layout).
 *
 * <p>A request works under a claim key: a number from a sequence that is also a PostgreSQL advisory
 * lock, held on the request's own connection from before its claims until its receipts are
 * committed. A resend that finds a claim without a receipt waits on the claimer's key, so it never
 * sends a second copy while the first is on its way; when it gets the key, the claimer has recorded
 * its receipts or has gone (the lock goes with its connection), and the resend takes the claim over.
 * It waits at most the claim wait ({@code sharebus.gateway.claim-wait}), then it is answered 503.
 * This costs one row write per event; V100's PENDING row, row lock and receipt update cost three.
 */
@Component
public class ReceiptIndex {

    private static final HexFormat HEX = HexFormat.of();
    /** PostgreSQL's SQLSTATE for a lock not got within {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** PostgreSQL's SQLSTATE for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Logger log = LoggerFactory.getLogger(ReceiptIndex.class);

    private final JdbcTemplate jdbc;
    private final Duration claimWait;

    @Autowired
    public ReceiptIndex(JdbcTemplate jdbc, GatewayProperties properties) {
        this(jdbc, properties.claimWait());
    }

    /** @param claimWait how long {@link #settle} waits for a request still publishing the same ids */
    public ReceiptIndex(JdbcTemplate jdbc, Duration claimWait) {
        this.jdbc = jdbc;
        this.claimWait = claimWait;
    }

    /**
     * Runs one request's work on the index on one connection, under a new claim key held until the
     * work ends. Each statement commits on its own: claims must be durable before their records leave.
     */
    public <T> T withClaimKey(Function<Claimer, T> work) {
        return jdbc.execute((ConnectionCallback<T>) connection -> {
            JdbcTemplate own = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            long key = own.queryForObject("SELECT nextval('gateway.claim_key')", Long.class);
            lock(own, key);
            T result;
            try {
                result = work.apply(new Claimer(own, key));
            } catch (RuntimeException | Error e) {
                release(own, connection, e);
                throw e;
            }
            release(own, connection, null);
            return result;
        });
    }

    /**
     * Gives back every key this connection holds: the request's own, and one it may have been waiting
     * on when it failed. If that fails on a connection still open, the connection is discarded instead
     * of going back to the pool, where it would keep the keys and a resend of these claims would wait
     * on them until the pool closed it. After work that succeeded, a failure here changes nothing for
     * its answer: its receipts are recorded, and nobody waits on a key whose claims have receipts.
     */
    private void release(JdbcTemplate own, Connection connection, Throwable failure) {
        try {
            own.execute("SELECT pg_advisory_unlock_all()");
        } catch (RuntimeException unlockFailure) {
            discard(connection, unlockFailure);
            if (failure != null) {
                failure.addSuppressed(unlockFailure);
            }
        }
    }

    /** Closes the connection for good, through the pool when it is Hikari's, so PostgreSQL ends the session and its keys. */
    private void discard(Connection connection, RuntimeException why) {
        log.warn("Discarding a database connection: its claim keys could not be given back ({})", why.getMessage());
        try {
            Connection target = connection instanceof ConnectionProxy proxy ? proxy.getTargetConnection() : connection;
            if (jdbc.getDataSource() != null && jdbc.getDataSource().isWrapperFor(HikariDataSource.class)
                    && target.getClass().getName().startsWith("com.zaxxer.hikari")) {
                jdbc.getDataSource().unwrap(HikariDataSource.class).evictConnection(target);
            } else {
                target.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            why.addSuppressed(e);
            log.error("Could not discard the connection: a resend of its claims waits until it closes", e);
        }
    }

    /**
     * Claims the ids not claimed before, committed; answers the ids that were new. Claims of one
     * request share their time.
     *
     * <p>First as a plain insert of them all, which is what a request of new events needs; only when
     * some id was claimed before (a resend, or another request claiming it at this moment) does
     * that statement fail, leaving nothing behind, and the claim is made again skipping the ids
     * already there. {@code ON CONFLICT DO NOTHING}'s speculative insertion, and the {@code RETURNING}
     * that says which rows went in, cost PostgreSQL about a fifth of the claim's CPU per event when
     * used for every request (docs/benchmarks.md, Gateway, 2026-11-29).
     */
    public Set<UUID> claim(Claimer claimer, List<Claim> claims, Instant claimedAt) {
        Set<UUID> fresh = new HashSet<>();
        if (claims.isEmpty()) {
            return fresh;
        }
        try {
            claimer.jdbc().update(connection -> claimStatement(connection, claims, claimedAt, claimer.key(), ""));
            claims.forEach(claim -> fresh.add(claim.eventId()));
            return fresh;
        } catch (DataAccessException e) {
            if (!(e.getMostSpecificCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
            // Each statement commits on its own: the failed one is rolled back whole, and the connection is fine.
        }
        claimer.jdbc().query(connection -> claimStatement(connection, claims, claimedAt, claimer.key(),
                "ON CONFLICT (event_id) DO NOTHING RETURNING event_id"),
                (ResultSet rs) -> {
                    fresh.add(rs.getObject(1, UUID.class));
                });
        return fresh;
    }

    /**
     * One multi-row statement (arrays unnested) instead of a JDBC batch of single-row inserts:
     * PostgreSQL plans and executes it once. In id order, so two requests claiming the same ids
     * cannot deadlock.
     */
    private static PreparedStatement claimStatement(Connection connection, List<Claim> claims, Instant claimedAt, long key,
                                                    String onConflict) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO gateway.event_claim
                    (event_id, department, event_type, request_sha256, topic, kafka_partition, claimed_at, claim_key)
                SELECT c.event_id, c.department, c.event_type, c.request_sha256, c.topic, c.kafka_partition, ?, ?
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::int[])
                    AS c(event_id, department, event_type, request_sha256, topic, kafka_partition)
                ORDER BY c.event_id
                """ + onConflict);
        statement.setTimestamp(1, Timestamp.from(claimedAt));
        statement.setLong(2, key);
        statement.setArray(3, connection.createArrayOf("uuid", claims.stream().map(Claim::eventId).toArray()));
        statement.setArray(4, connection.createArrayOf("text", claims.stream().map(Claim::department).toArray()));
        statement.setArray(5, connection.createArrayOf("text", claims.stream().map(Claim::eventType).toArray()));
        statement.setArray(6, connection.createArrayOf("bytea", claims.stream().map(Claim::requestSha256).toArray(byte[][]::new)));
        statement.setArray(7, connection.createArrayOf("text", claims.stream().map(Claim::topic).toArray()));
        statement.setArray(8, connection.createArrayOf("int4", claims.stream().map(Claim::partition).toArray()));
        return statement;
    }

    /**
     * The rows of ids claimed before ({@code digests}: each id's content digest in this request).
     * A row with this request's content is answered published or, if its claimer went away without
     * recording its receipt, taken over by {@code claimer}; a claimer still at work is waited for. A
     * row with other content is answered as it is (a conflict: nothing to wait for, nothing to take).
     * Two requests each waiting for the other's ids are a deadlock that PostgreSQL breaks by failing
     * one of them; that one is answered 503, and its retry finds the other's receipts.
     */
    public Map<UUID, Row> settle(Claimer claimer, Map<UUID, byte[]> digests) {
        // One wait for the whole request, however many other requests hold its ids.
        long deadline = System.nanoTime() + claimWait.toNanos();
        try {
            Map<UUID, Long> lastSeen = Map.of();
            while (true) {
                Map<UUID, Row> rows = rows(claimer.jdbc(), digests.keySet());
                Map<Long, List<UUID>> elsewhere = new TreeMap<>();
                rows.values().stream()
                        .filter(row -> !row.published() && row.claimKey() != claimer.key()
                                && Arrays.equals(row.requestSha256(), digests.get(row.eventId())))
                        .forEach(row -> elsewhere.computeIfAbsent(row.claimKey(), k -> new ArrayList<>()).add(row.eventId()));
                if (elsewhere.isEmpty()) {
                    return rows;
                }
                Map<UUID, Long> seen = new HashMap<>();
                elsewhere.forEach((key, ids) -> ids.forEach(id -> seen.put(id, key)));
                if (seen.equals(lastSeen)) {
                    throw new IllegalStateException("claims " + seen + " neither got receipts nor could be taken over");
                }
                lastSeen = seen;
                elsewhere.forEach((key, claimed) -> {
                    // Once the key is got, its claimer has finished or gone: its claims become ours unless it recorded their receipts.
                    lockWithin(claimer.jdbc(), key, deadline, claimed);
                    unlock(claimer.jdbc(), key);
                    claimer.jdbc().update(connection -> {
                        PreparedStatement statement = connection.prepareStatement("""
                                UPDATE gateway.event_claim c SET claim_key = ?
                                WHERE c.claim_key = ? AND c.event_id = ANY (?)
                                  AND NOT EXISTS (SELECT 1 FROM gateway.receipt_batch b
                                                  WHERE b.claim_key = c.claim_key AND c.event_id = ANY (b.event_ids))""");
                        statement.setLong(1, claimer.key());
                        statement.setLong(2, key);
                        statement.setArray(3, connection.createArrayOf("uuid", claimed.toArray()));
                        return statement;
                    });
                });
            }
        } catch (PessimisticLockingFailureException e) {
            throw DependencyUnavailableException.told("database", "another request is publishing some of these event ids "
                    + "and waiting for this one's: retry, and the events already published are answered with their receipts", e);
        }
    }

    public Optional<Row> find(UUID eventId) {
        return rows(jdbc, List.of(eventId)).values().stream().findFirst();
    }

    /** Records the receipts of what {@code claimer} sent or found, as one batch, committed. */
    public void record(Claimer claimer, Collection<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        claimer.jdbc().update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO gateway.receipt_batch (claim_key, event_ids, record_offsets, record_timestamps, value_sha256s, published_at)
                    VALUES (?, ?, ?, ?, ?, now())""");
            statement.setLong(1, claimer.key());
            statement.setArray(2, connection.createArrayOf("uuid", receipts.stream().map(Receipt::eventId).toArray()));
            statement.setArray(3, connection.createArrayOf("int8", receipts.stream().map(Receipt::offset).toArray()));
            statement.setArray(4, connection.createArrayOf("int8", receipts.stream().map(r -> r.timestamp().toEpochMilli()).toArray()));
            statement.setArray(5, connection.createArrayOf("bytea", receipts.stream().map(r -> HEX.parseHex(r.sha256())).toArray(byte[][]::new)));
            return statement;
        });
    }

    private static Map<UUID, Row> rows(JdbcTemplate jdbc, Collection<UUID> ids) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT * FROM gateway.event_receipt WHERE event_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            return statement;
        }, (ResultSet rs) -> {
            Row row = row(rs);
            rows.put(row.eventId(), row);
        });
        return rows;
    }

    private static void unlock(JdbcTemplate jdbc, long key) {
        jdbc.queryForObject("SELECT pg_advisory_unlock(?)", Boolean.class, key);
    }

    /** Takes the advisory lock {@code key} on this connection, waiting for whoever holds it. */
    private static void lock(JdbcTemplate jdbc, long key) {
        jdbc.query("SELECT pg_advisory_lock(?)", (ResultSet rs) -> {
        }, key);
    }

    /**
     * Takes the advisory lock {@code key}, waiting at most until {@code deadline} ({@link System#nanoTime});
     * then the request is answered 503. The timeout is set for this one statement's transaction
     * ({@code SET LOCAL}), so the pooled connection keeps its default; the lock is the session's and
     * outlives that transaction. A DO block takes no parameters: both numbers are formatted in.
     */
    private void lockWithin(JdbcTemplate on, long key, long deadline, List<UUID> forIds) {
        // At least a millisecond: a lock_timeout of 0 would wait for ever.
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            on.execute("DO $$BEGIN SET LOCAL lock_timeout = " + millis + "; PERFORM pg_advisory_lock(" + key + "); END$$");
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                throw DependencyUnavailableException.busy("an earlier request is still publishing event ids of this one ("
                        + forIds.size() + ", the first " + forIds.get(0) + ") and did not finish within " + claimWait
                        + ": retry later, and they are answered with that request's receipts, or published if it failed", e);
            }
            throw e;
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        boolean published = "PUBLISHED".equals(rs.getString("status"));
        UUID id = rs.getObject("event_id", UUID.class);
        Receipt receipt = published
                ? new Receipt(id, rs.getString("event_type"), rs.getString("department"), rs.getString("topic"),
                        rs.getInt("kafka_partition"), rs.getLong("record_offset"), rs.getTimestamp("record_timestamp").toInstant(),
                        HEX.formatHex(rs.getBytes("value_sha256")))
                : null;
        return new Row(id, rs.getString("department"), rs.getString("event_type"), rs.getBytes("request_sha256"),
                rs.getString("topic"), rs.getInt("kafka_partition"), rs.getTimestamp("pending_since").toInstant(),
                rs.getLong("claim_key"), receipt);
    }

    /** One request's hold on the index: its connection and its claim key (held as an advisory lock on it). */
    public record Claimer(JdbcTemplate jdbc, long key) {
    }

    /** What is known before the send. */
    public record Claim(UUID eventId, String department, String eventType, byte[] requestSha256, String topic, int partition) {
    }

    /** One event id's row; {@code receipt} is null until its claimer has recorded it. */
    public record Row(UUID eventId, String department, String eventType, byte[] requestSha256, String topic, int partition,
                      Instant pendingSince, long claimKey, Receipt receipt) {
        public boolean published() {
            return receipt != null;
        }
    }
}
