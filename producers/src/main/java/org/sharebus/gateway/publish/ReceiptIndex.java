package org.sharebus.gateway.publish;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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

    /** Writes a PENDING row for each claim whose id is new; answers the ids that were new. */
    public List<UUID> claim(List<Claim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        int[] counts = jdbc.batchUpdate("""
                INSERT INTO gateway.event_receipt
                    (event_id, department, event_type, request_sha256, status, topic, kafka_partition, pending_since)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""",
                claims.stream().map(c -> new Object[] {c.eventId(), c.department(), c.eventType(), c.requestSha256(),
                        c.topic(), c.partition(), Timestamp.from(c.pendingSince())}).toList());
        List<UUID> fresh = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                fresh.add(claims.get(i).eventId());
            }
        }
        return fresh;
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

    /** Records the receipts of sent (or found) events. */
    public void markPublished(Collection<Receipt> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                UPDATE gateway.event_receipt
                SET status = 'PUBLISHED', record_offset = ?, record_timestamp = ?, value_sha256 = ?, published_at = now()
                WHERE event_id = ?""",
                receipts.stream().map(r -> new Object[] {r.offset(), Timestamp.from(r.timestamp()),
                        HEX.parseHex(r.sha256()), r.eventId()}).toList());
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
    public record Claim(UUID eventId, String department, String eventType, byte[] requestSha256, String topic, int partition,
                        Instant pendingSince) {
    }

    /** One row; {@code receipt} is null while PENDING. */
    public record Row(UUID eventId, String department, String eventType, byte[] requestSha256, String topic, int partition,
                      Instant pendingSince, Receipt receipt) {
        public boolean published() {
            return receipt != null;
        }
    }
}
