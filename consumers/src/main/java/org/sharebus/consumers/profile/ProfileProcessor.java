package org.sharebus.consumers.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.sharebus.consumers.notice.NoticeRouter;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.RiskAssessment;
import org.sharebus.topic.TopicCatalogue;

/**
 * Folds department events into profiles, one per USCC, and re-evaluates profiles when time
 * changes them. Each change is also shown to the {@link NoticeRouter} with the facts as they were
 * before it; the notices it raises go to {@value ProfileTopology#NOTICES_SINK}, the profile to
 * {@value ProfileTopology#PROFILES_SINK}, both in the task's exactly-once transaction.
 *
 * <p>Stores (all changelogged, so they move with their partition and survive restarts):
 * <ul>
 *   <li>{@value ProfileTopology#PROFILE_STORE}: USCC → profile, held as the bytes written to
 *       {@code sharebus.profiles.v1} (Confluent wire format), so that a change is encoded once for
 *       the store, its changelog and the topic (encoding was the largest cost of an update); the
 *       queryable store, decoded by {@link ProfileQueries}; cached, so that an enterprise's events
 *       close together write its changelog and {@code sharebus.profiles.v1} once per commit
 *       ({@link #sendProfilesOnFlush});</li>
 *   <li>{@value ProfileTopology#SEEN_STORE}: event id → occurredAt, a window store keyed by
 *       record time with retention {@code sharebus.profile.dedupe-retention}. Exactly-once already
 *       keeps Kafka's own retries and replays from doubling anything; what remains are
 *       departments resending an event, which happens within days. Record time, not wall-clock,
 *       makes a rebuild from the topics decide exactly as the first run did; a per-profile set of
 *       ids would have grown with every event of the enterprise;</li>
 *   <li>{@value ProfileTopology#DUE_STORE}: {@code <epoch millis, 13 digits>|<USCC>} → USCC, the
 *       index of when each profile next changes by itself. The wall-clock review reads it from
 *       the start up to now, so it touches only the profiles that are due, never all of them.</li>
 * </ul>
 */
final class ProfileProcessor implements Processor<String, DepartmentEvent, String, Object> {

    /**
     * How many decoded profiles {@link #read} keeps per task. An enterprise's events come together
     * when they come in bulk (a replay, a department's import), and a decoded profile with its
     * timeline is tens of kilobytes of heap: a few dozen are enough.
     */
    private static final int RECENT_PROFILES = 64;

    private final ProfileUpdater updater;
    private final RiskEvaluator evaluator;
    private final NoticeRouter notices;
    private final ProfileSettings settings;
    private final ProfileMetrics metrics;
    private final Serializer<EnterpriseProfile> encoder;
    private final Deserializer<EnterpriseProfile> decoder;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> profiles;
    private WindowStore<String, Long> seen;
    private KeyValueStore<String, String> due;
    private boolean sentOnFlush;
    /** USCCs whose profile changed visibly since the store's cache last flushed it: sent at the flush. */
    private final Set<String> toSend = new HashSet<>();
    /**
     * The profiles this task wrote or decoded last, each with the stored bytes it was read from or
     * written as. The store's cache hands back the very array that was put, so the same array
     * means the same profile, and another one (a restore, a rebuild) means decode again.
     */
    private final Map<String, Decoded> recent = new LinkedHashMap<>(RECENT_PROFILES * 4 / 3, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
            return size() > RECENT_PROFILES;
        }
    };

    private record Decoded(byte[] stored, EnterpriseProfile profile) {
    }

    ProfileProcessor(ProfileUpdater updater, RiskEvaluator evaluator, NoticeRouter notices, ProfileSettings settings,
                     ProfileMetrics metrics, Serializer<EnterpriseProfile> encoder, Deserializer<EnterpriseProfile> decoder) {
        this.updater = updater;
        this.evaluator = evaluator;
        this.notices = notices;
        this.settings = settings;
        this.metrics = metrics;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.profiles = context.getStateStore(ProfileTopology.PROFILE_STORE);
        this.seen = context.getStateStore(ProfileTopology.SEEN_STORE);
        this.due = context.getStateStore(ProfileTopology.DUE_STORE);
        this.sentOnFlush = sendProfilesOnFlush(context);
        toSend.clear();
        recent.clear();
        context.schedule(settings.reviewInterval(), PunctuationType.WALL_CLOCK_TIME, this::review);
    }

    @Override
    public void process(Record<String, DepartmentEvent> record) {
        DepartmentEvent event = record.value();
        String eventId = event.eventId();
        if (alreadySeen(eventId, record.timestamp())) {
            metrics.duplicate();
            return;
        }
        seen.put(eventId, event.header().getOccurredAt().toEpochMilli(), record.timestamp());

        String uscc = record.key();
        EnterpriseProfile profile = read(uscc);
        // Read before the profile is changed in place: the facts are copies.
        NoticeRouter.Facts before = NoticeRouter.Facts.of(profile);
        if (profile == null) {
            profile = ProfileUpdater.empty(uscc, event.header());
        }
        Instant previousReview = profile.getRisk().getNextReviewAt();
        updater.apply(profile, event);
        long now = context.currentSystemTimeMs();
        evaluator.evaluate(profile, Instant.ofEpochMilli(now));
        write(profile, previousReview, now, record.timestamp());
        raise(notices.onEvent(event.header(), event.payload(), before, profile, Instant.ofEpochMilli(now)), record.timestamp());
        metrics.updatedByEvent(event.header().getOccurredAt(), event.header().getPublishedAt(), now);
    }

    private boolean alreadySeen(String eventId, long timestamp) {
        long retention = settings.dedupeRetention().toMillis();
        try (WindowStoreIterator<Long> found = seen.fetch(eventId, Math.max(0, timestamp - retention), timestamp + retention)) {
            return found.hasNext();
        }
    }

    /** Re-evaluates the profiles whose next review is due, at most {@code review-batch} of them per call. */
    private void review(long now) {
        List<KeyValue<String, String>> dueNow = new ArrayList<>();
        try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(now, "~"))) {
            while (it.hasNext() && dueNow.size() < settings.reviewBatch()) {
                dueNow.add(it.next());
            }
        }
        for (KeyValue<String, String> entry : dueNow) {
            due.delete(entry.key);
            EnterpriseProfile profile = read(entry.value);
            if (profile == null) {
                continue;
            }
            EnterpriseProfile before = EnterpriseProfile.newBuilder(profile).build();
            evaluator.evaluate(profile, Instant.ofEpochMilli(now));
            if (changedByTime(before, profile)) {
                write(profile, null, now, now);
                metrics.updatedByReview();
                raise(notices.onReview(NoticeRouter.Facts.of(before), profile, Instant.ofEpochMilli(now)), now);
            } else {
                // Nothing visible changed (e.g. a deadline met by a filing): only the index moves on, nothing is sent.
                index(profile.getUscc(), null, profile.getRisk().getNextReviewAt());
                store(profile);
            }
        }
    }

    /**
     * Whether a review changed what readers see. Compared as text: Avro 1.12.1's record equals()
     * cannot compare dates and instants (it has no logical-type conversions) and throws.
     */
    private static boolean changedByTime(EnterpriseProfile before, EnterpriseProfile after) {
        RiskAssessment b = before.getRisk();
        RiskAssessment a = after.getRisk();
        return b.getRiskClass() != a.getRiskClass() || b.getScore() != a.getScore()
                || !b.getFactors().toString().equals(a.getFactors().toString())
                || !before.getAnnualReports().toString().equals(after.getAnnualReports().toString())
                || !before.getJointMeasures().toString().equals(after.getJointMeasures().toString());
    }

    private void write(EnterpriseProfile profile, Instant previousReview, long now, long timestamp) {
        profile.setUpdatedAt(Instant.ofEpochMilli(now));
        index(profile.getUscc(), previousReview, profile.getRisk().getNextReviewAt());
        byte[] encoded = store(profile);
        if (sentOnFlush) {
            toSend.add(profile.getUscc());
        } else {
            context.forward(new Record<>(profile.getUscc(), encoded, timestamp), ProfileTopology.PROFILES_SINK);
        }
    }

    /**
     * Sends each profile to {@code sharebus.profiles.v1} when the store's cache flushes it (at every
     * commit, or when the cache is full): one record per enterprise per commit however many of its
     * events the commit applied, in the same transaction as they are. A replay brings an
     * enterprise's events together, and each of them sent the whole profile (about 1.3 KB) for the
     * broker to write and the search projection to read back. The DSL's KTables emit this way; the
     * Processor API has no public hook for it, so this takes the DSL's (Kafka Streams 4.1
     * internals: the store's flush listener, forwarding as this processor's node, as
     * {@code TimestampedCacheFlushListener} does). A profile stored only to move its next review on
     * is not sent, as before. Where the store has no cache to flush (a mock context) every write
     * is sent at once.
     */
    @SuppressWarnings("unchecked")
    private boolean sendProfilesOnFlush(ProcessorContext<String, Object> context) {
        if (!(profiles instanceof WrappedStateStore<?, ?, ?> store) || !(context instanceof InternalProcessorContext<?, ?> internal)) {
            return false;
        }
        ProcessorNode<?, ?, ?, ?> builder = internal.currentNode();
        return ((WrappedStateStore<?, String, byte[]>) store).setFlushListener(flushed -> {
            byte[] profile = flushed.value().newValue;
            if (profile == null || !toSend.remove(flushed.key())) {
                return;
            }
            ProcessorNode<?, ?, ?, ?> current = internal.currentNode();
            internal.setCurrentNode(builder);
            try {
                context.forward(new Record<>(flushed.key(), profile, flushed.timestamp()), ProfileTopology.PROFILES_SINK);
            } finally {
                internal.setCurrentNode(current);
            }
        }, false);
    }

    private byte[] store(EnterpriseProfile profile) {
        byte[] encoded = encoder.serialize(TopicCatalogue.PROFILES, profile);
        profiles.put(profile.getUscc(), encoded);
        recent.put(profile.getUscc(), new Decoded(encoded, profile));
        return encoded;
    }

    /**
     * The stored profile, for the caller to change in place and {@link #store}: taken out of
     * {@link #recent} meanwhile, so that a failure in between cannot leave a changed profile
     * there beside the old bytes.
     */
    private EnterpriseProfile read(String uscc) {
        byte[] stored = profiles.get(uscc);
        Decoded decoded = recent.remove(uscc);
        if (stored == null) {
            return null;
        }
        return decoded != null && decoded.stored() == stored ? decoded.profile() : decoder.deserialize(TopicCatalogue.PROFILES, stored);
    }

    /** Notices go out in the same transaction as the profile change that raised them. */
    private void raise(List<NoticeEvent> raised, long timestamp) {
        for (NoticeEvent notice : raised) {
            context.forward(new Record<>(notice.getUscc(), notice, timestamp), ProfileTopology.NOTICES_SINK);
        }
    }

    private void index(String uscc, Instant previous, Instant next) {
        if (Objects.equals(previous, next)) {
            return;
        }
        if (previous != null) {
            due.delete(dueKey(previous.toEpochMilli(), uscc));
        }
        if (next != null) {
            due.put(dueKey(next.toEpochMilli(), uscc), uscc);
        }
    }

    /** Zero-padded so that the store's byte order is time order. */
    static String dueKey(long epochMillis, String uscc) {
        // Not String.format: this runs on every update, and format was 3 % of the builder's time.
        String millis = Long.toString(epochMillis);
        return "0".repeat(Math.max(0, 13 - millis.length())) + millis + "|" + uscc;
    }
}
