package org.sharebus.gateway.publish;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The durable event id → receipt index in PostgreSQL ({@code gateway.event_receipt}).
 *
 * <p>A send goes PENDING (committed before the record leaves) → PUBLISHED (with the receipt). Rows
 * are locked ({@code FOR UPDATE}) while their events are sent, so a concurrent resend waits for the
 * first to finish instead of sending a second copy; the lock goes with the connection if the gateway dies.
 */
@Component
public class ReceiptIndex {

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;

    public ReceiptIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes a PENDING row for each claim whose id is new, in one statement; answers the ids that
     * were new. Claims of one request share their time.
     */
    public List<UUID> claim(List<Claim> claims, Instant pendingSince) {
        if (claims.isEmpty()) {
            return List.of();
        }
        // One multi-row statement (arrays unnested) instead of a JDBC batch of single-row inserts:
        // PostgreSQL plans and executes it once for the whole request.
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO gateway.event_receipt
                        (event_id, department, event_type, request_sha256, status, topic, kafka_partition, pending_since)
                    SELECT c.event_id, c.department, c.event_type, c.request_sha256, 'PENDING', c.topic, c.kafka_partition, ?
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::int[])
                        AS c(event_id, department, event_type, request_sha256, topic, kafka_partition)
                    ON CONFLICT (event_id) DO NOTHING
                    RETURNING event_id""");
            statement.setTimestamp(1, Timestamp.from(pendingSince));
            statement.setArray(2, connection.createArrayOf("uuid", claims.stream().map(Claim::eventId).toArray()));
            statement.setArray(3, connection.createArrayOf("text", claims.stream().map(Claim::department).toArray()));
            statement.setArray(4, connection.createArrayOf("text", claims.stream().map(Claim::eventType).toArray()));
            statement.setArray(5, connection.createArrayOf("bytea", claims.stream().map(Claim::requestSha256).toArray(byte[][]::new)));
            statement.setArray(6, connection.createArrayOf("text", claims.stream().map(Claim::topic).toArray()));
            statement.setArray(7, connection.createArrayOf("int4", claims.stream().map(Claim::partition).toArray()));
            return statement;
        }, (rs, n) -> rs.getObject(1, UUID.class));
    }

    /** The rows of these ids, locked until the surrounding transaction ends (in id order: no deadlocks between batches). */
    public Map<UUID, Row> lock(Collection<UUID> ids) {
        Map<UUID, Row> rows = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT * FROM gateway.event_receipt WHERE event_id = ANY (?) ORDER BY event_id FOR UPDATE");
            Array array = connection.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            return statement;
        }, (ResultSet rs) -> {
            Row row = row(rs);
            rows.put(row.eventId(), row);
        });
        return rows;
    }

    public Optional<Row> find(UUID eventId) {
        return jdbc.query("SELECT * FROM gateway.event_receipt WHERE event_id = ?", (rs, n) -> row(rs), eventId)
                .stream().findFirst();
    }

    /** Records the receipts of sent (or found) events, in one statement. */
    public void markPublished(Collection<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    UPDATE gateway.event_receipt r
                    SET status = 'PUBLISHED', record_offset = p.record_offset,
                        record_timestamp = TIMESTAMPTZ 'epoch' + p.timestamp_ms * INTERVAL '1 millisecond', value_sha256 = p.value_sha256, published_at = now()
                    FROM unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::bytea[]) AS p(event_id, record_offset, timestamp_ms, value_sha256)
                    WHERE r.event_id = p.event_id""");
            statement.setArray(1, connection.createArrayOf("uuid", receipts.stream().map(Receipt::eventId).toArray()));
            statement.setArray(2, connection.createArrayOf("int8", receipts.stream().map(Receipt::offset).toArray()));
            statement.setArray(3, connection.createArrayOf("int8", receipts.stream().map(r -> r.timestamp().toEpochMilli()).toArray()));
            statement.setArray(4, connection.createArrayOf("bytea", receipts.stream().map(r -> HEX.parseHex(r.sha256())).toArray(byte[][]::new)));
            return statement;
        });
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
                rs.getString("topic"), rs.getInt("kafka_partition"), rs.getTimestamp("pending_since").toInstant(), receipt);
    }

    /** What is known before the send. */
    public record Claim(UUID eventId, String department, String eventType, byte[] requestSha256, String topic, int partition) {
    }

    /** One row; {@code receipt} is null while PENDING. */
    public record Row(UUID eventId, String department, String eventType, byte[] requestSha256, String topic, int partition,
                      Instant pendingSince, Receipt receipt) {
        public boolean published() {
            return receipt != null;
        }
    }
}
