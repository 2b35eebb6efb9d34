package org.sharebus.consumers.profile;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of one enterprise's events that the builder has applied, each with its record's time:
 * how a department's resend of an event (重复报送) is recognised and ignored. An id counts as seen
 * when it was applied with a record time within the retention
 * ({@code sharebus.profile.dedupe-retention}) of the new record's, and not more than the retention
 * before the enterprise's newest. The second condition makes the answer independent of when ids
 * are dropped (at each write, below), so a rebuild that reads the events in the same order decides
 * as the first run did, however its commits fall.
 *
 * <p>Kept per enterprise, as the profile is, so a commit reads and writes it once per enterprise
 * it touched, not twice per event: the window store keyed by event id that it replaced was a
 * quarter of the replay's time (docs/benchmarks.md, Profile replay, 2026-11-29, sixth and
 * seventh). Ids more than the retention before the newest are dropped when it is written, so a
 * value holds one retention's worth of the enterprise's events, and at most {@value #MAX_IDS}
 * of them: an enterprise with more events within the retention (50 a day for 400 days) has
 * only its newest ids remembered, and a resend of an older one would be applied again. The bound
 * keeps a value (24 bytes per id, at most 600 KB) under Kafka's default record size limit of 1 MB
 * for its changelog, which a larger one would exceed and stop its task.
 *
 * <p>Stored as a version byte, then 24 bytes per id: its record time and the UUID's two halves.
 * Event ids are UUIDs by the contract (the envelope's {@code eventId} has the {@code uuid} logical
 * type, and a record whose id does not parse is dead-lettered before it gets here).
 */
final class SeenEvents {

    private static final Logger log = LoggerFactory.getLogger(SeenEvents.class);

    /** See the class comment; trimmed to this many once a quarter more have been added, so not after every event. */
    static final int MAX_IDS = 20_000;
    private static final byte VERSION = 1;
    private static final int ENTRY_BYTES = 24;

    /** Event id → the record time it was applied with. */
    private final Map<UUID, Long> ids;
    private long newest;

    private SeenEvents(Map<UUID, Long> ids, long newest) {
        this.ids = ids;
        this.newest = newest;
    }

    static SeenEvents none() {
        return new SeenEvents(new HashMap<>(4), Long.MIN_VALUE);
    }

    /** Whether {@code eventId} counts as seen for a record with time {@code recordTime} (see the class comment). */
    boolean contains(UUID eventId, long recordTime, long retentionMillis) {
        Long applied = ids.get(eventId);
        return applied != null && applied >= newest - retentionMillis && Math.abs(applied - recordTime) <= retentionMillis;
    }

    /** Remembers an applied event; {@code uscc} names the enterprise should its ids have to be trimmed. */
    void add(UUID eventId, long recordTime, String uscc) {
        ids.put(eventId, recordTime);
        newest = Math.max(newest, recordTime);
        if (ids.size() > MAX_IDS + MAX_IDS / 4) {
            trim(uscc);
        }
    }

    int size() {
        return ids.size();
    }

    /** Drops all but the newest {@value #MAX_IDS} ids, the order of equal times settled by id so that it is the same every time. */
    private void trim(String uscc) {
        List<Map.Entry<UUID, Long>> newestFirst = ids.entrySet().stream()
                .sorted(Map.Entry.<UUID, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .toList();
        int dropped = newestFirst.size() - MAX_IDS;
        newestFirst.subList(MAX_IDS, newestFirst.size()).forEach(e -> ids.remove(e.getKey()));
        log.warn("Enterprise {} has more than {} events within the duplicate retention: the ids of its {} oldest are no longer"
                + " remembered, and a department's resend of one of them would be applied again", uscc, MAX_IDS, dropped);
    }

    /** The ids within {@code retentionMillis} of the newest, encoded; the older ones are dropped here too. */
    byte[] encode(long retentionMillis) {
        for (Iterator<Long> it = ids.values().iterator(); it.hasNext(); ) {
            if (it.next() < newest - retentionMillis) {
                it.remove();
            }
        }
        ByteBuffer out = ByteBuffer.allocate(1 + ids.size() * ENTRY_BYTES).put(VERSION);
        for (Map.Entry<UUID, Long> id : ids.entrySet()) {
            out.putLong(id.getValue()).putLong(id.getKey().getMostSignificantBits()).putLong(id.getKey().getLeastSignificantBits());
        }
        return out.array();
    }

    static SeenEvents decode(byte[] stored) {
        if (stored.length == 0 || stored[0] != VERSION || (stored.length - 1) % ENTRY_BYTES != 0) {
            throw new IllegalStateException("seen event ids stored as " + stored.length + " bytes"
                    + (stored.length == 0 ? "" : " in version " + stored[0]) + "; this build reads version " + VERSION);
        }
        int count = (stored.length - 1) / ENTRY_BYTES;
        Map<UUID, Long> ids = new HashMap<>(Math.max(4, count * 4 / 3 + 1));
        long newest = Long.MIN_VALUE;
        ByteBuffer in = ByteBuffer.wrap(stored, 1, stored.length - 1);
        for (int i = 0; i < count; i++) {
            long time = in.getLong();
            ids.put(new UUID(in.getLong(), in.getLong()), time);
            newest = Math.max(newest, time);
        }
        return new SeenEvents(ids, newest);
    }
}
