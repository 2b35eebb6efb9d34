package org.sharebus.consumers.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.StreamThread;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
 * <p><b>A profile is written once per commit, not once per event.</b> Encoding the whole profile
 * (about 1.3 KB) after every event, for the store, its changelog and {@code sharebus.profiles.v1},
 * was the largest cost of an update, and a replay or a department's import brings an
 * enterprise's events together. So a changed profile stays here, decoded, and the first change
 * since the last flush puts one mark in {@value ProfileTopology#CHANGED_STORE}, a store whose record
 * cache Kafka Streams flushes at every commit (and when the cache is full), before it commits the
 * transaction. Its flush listener encodes each profile changed since once, writes it to the
 * profile store (whose changelog send joins the transaction) and sends it to
 * {@code sharebus.profiles.v1}; the event ids applied since are written the same way, once per
 * enterprise ({@link SeenEvents}). One mark per flush, not one per enterprise: the same writes with
 * less machinery (a mark per enterprise, put and later deleted through the cache, was a twentieth
 * of the stream thread's samples in a JFR recording; docs/benchmarks.md). The flush runs under the
 * record context saved with the mark, so the store changelog records it writes carry the time of
 * the first change since the last flush, not each enterprise's own; the topic records carry each
 * profile's own timestamp. This is how the DSL's
 * KTables emit; the Processor API has no public hook for it, so {@link #onCommit} uses the DSL's
 * (Kafka Streams 4.1 internals: the store's flush listener, forwarding as this processor's node,
 * as {@code TimestampedCacheFlushListener} does). Kept over a punctuation, which may run after a
 * commit that already took the events' offsets. If a task fails, Kafka Streams restores its
 * stores from the changelogs and calls {@link #init} again, which forgets every profile and event id held here.
 * Where Kafka Streams runs without record caches ({@code statestore.cache.max.bytes=0}) each
 * change is written and sent as it is made.
 *
 * <p>The risk class is evaluated there too, once per profile and commit: its factors and their
 * explanations in two languages were a tenth of the builder's time when evaluated after every
 * event. After each event only the annual reports gone missing are marked, which the notices
 * read; the notices read no risk class.
 *
 * <p>Stores (all changelogged but the last, so they move with their partition and survive restarts):
 * <ul>
 *   <li>{@value ProfileTopology#PROFILE_STORE}: USCC → profile, held as the bytes written to
 *       {@code sharebus.profiles.v1} (Confluent wire format); the queryable store, decoded by
 *       {@link ProfileQueries}, as of the last commit;</li>
 *   <li>{@value ProfileTopology#SEEN_STORE}: USCC → the ids of the enterprise's events applied,
 *       with their record times, for {@code sharebus.profile.dedupe-retention} ({@link SeenEvents});
 *       held and written like the profile, once per enterprise and commit. Exactly-once already
 *       keeps Kafka's own retries and replays from doubling anything; what remains are
 *       departments resending an event, which happens within days. Record time, not wall-clock,
 *       makes a rebuild from the topics decide exactly as the first run did;</li>
 *   <li>{@value ProfileTopology#DUE_STORE}: {@code <epoch millis, 13 digits>|<USCC>} → USCC, the
 *       index of when each profile next changes by itself. The wall-clock review reads it from
 *       the start up to now, so it touches only the profiles that are due, never all of them;</li>
 *   <li>{@value ProfileTopology#CHANGED_STORE}: one entry, {@value #MARK_KEY}, put (made dirty)
 *       at the first change after each flush; cached, in memory, not logged.</li>
 * </ul>
 */
final class ProfileProcessor implements Processor<String, DepartmentEvent, String, Object> {

    /**
     * How many profiles {@link #writeOut} keeps per task, as written, for an enterprise's next
     * events in the next commits (and how many enterprises' event ids {@link #writeSeen} keeps). A
     * decoded profile with its timeline is tens of kilobytes of heap: a few dozen are enough.
     */
    private static final int RECENT_PROFILES = 64;
    /** {@link #recentSeen} keeps as many enterprises' ids as {@link #RECENT_PROFILES}, but only of those with at most this many. */
    private static final int RECENT_SEEN_MAX_IDS = 1_000;
    /** The one key of {@value ProfileTopology#CHANGED_STORE}: dirty in its cache while profiles wait to be written. */
    static final String MARK_KEY = "changed-since-flush";
    private static final byte[] MARK = {1};

    private final ProfileUpdater updater;
    private final RiskEvaluator evaluator;
    private final NoticeRouter notices;
    private final ProfileSettings settings;
    private final ProfileMetrics metrics;
    private final ProfileBudget budget;
    private final Serializer<EnterpriseProfile> encoder;
    private final Deserializer<EnterpriseProfile> decoder;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> profiles;
    private KeyValueStore<String, byte[]> seen;
    private KeyValueStore<String, String> due;
    private KeyValueStore<String, byte[]> changed;
    /** Whether a change is written at once: Kafka Streams runs without record caches ({@code statestore.cache.max.bytes=0}). */
    private boolean writeAtOnce;
    private Cancellable reviews;
    private InternalProcessorContext<?, ?> internal;
    /** This processor's node, which the flush listener forwards as. */
    private ProcessorNode<?, ?, ?, ?> node;
    /** The profiles changed since the last flush, to be written then, in the order first changed. */
    private final Map<String, Changed> pending = new LinkedHashMap<>();
    /** The event ids applied since the last flush, per enterprise, written with the profiles. */
    private final Map<String, SeenEvents> pendingSeen = new LinkedHashMap<>();
    /** Event ids as the store holds them, written or decoded lately. */
    private final Map<String, SeenEvents> recentSeen = new LinkedHashMap<>(RECENT_PROFILES * 4 / 3, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SeenEvents> eldest) {
            return size() > RECENT_PROFILES;
        }
    };
    /** Profiles as the store holds them, written or decoded lately. */
    private final Map<String, EnterpriseProfile> recent = new LinkedHashMap<>(RECENT_PROFILES * 4 / 3, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EnterpriseProfile> eldest) {
            return size() > RECENT_PROFILES;
        }
    };

    /** What changed a profile: an event, a review that changed what readers see, or one that only moved the next review on. */
    private enum Change { EVENT, REVIEW, INDEX }

    /**
     * A changed profile; {@code send}: readers would see the change (not only the next review time
     * moved on); {@code evaluate}: events changed its facts since its risk was last evaluated;
     * {@code timestamp}: of the record or punctuation that changed it last; {@code now}: the wall-clock
     * time it was changed at, which its evaluation at the commit takes as today.
     */
    private record Changed(EnterpriseProfile profile, boolean send, boolean evaluate, long timestamp, long now) {
    }

    ProfileProcessor(ProfileUpdater updater, RiskEvaluator evaluator, NoticeRouter notices, ProfileSettings settings,
                     ProfileMetrics metrics, Serializer<EnterpriseProfile> encoder, Deserializer<EnterpriseProfile> decoder) {
        this.updater = updater;
        this.evaluator = evaluator;
        this.notices = notices;
        this.settings = settings;
        this.metrics = metrics;
        this.budget = new ProfileBudget(ProfileBudget.DEFAULT_MAX_BYTES, metrics::trimmed);
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.profiles = context.getStateStore(ProfileTopology.PROFILE_STORE);
        this.seen = context.getStateStore(ProfileTopology.SEEN_STORE);
        this.due = context.getStateStore(ProfileTopology.DUE_STORE);
        this.changed = context.getStateStore(ProfileTopology.CHANGED_STORE);
        pending.clear();
        recent.clear();
        pendingSeen.clear();
        recentSeen.clear();
        writeAtOnce = !onCommit(context);
        failOnProcessingErrors(context);
        reviews = context.schedule(settings.reviewInterval(), PunctuationType.WALL_CLOCK_TIME, this::review);
        if (Thread.currentThread() instanceof StreamThread) {
            // Not where a test drives the topology on its own thread.
            BuilderPriority.lowerCurrentThread(settings.builderNice());
        }
    }

    /** Kafka Streams calls {@link #init} again when a task is resumed or revived: one review schedule, not one more each time. */
    @Override
    public void close() {
        if (reviews != null) {
            reviews.cancel();
            reviews = null;
        }
    }

    /**
     * A record cache marks its entries clean before it calls the listener that writes them, so an
     * error while writing must fail the task (its transaction aborts and its events are read
     * again); a handler that logs and continues would commit the events without their profiles.
     */
    private static void failOnProcessingErrors(ProcessorContext<String, Object> context) {
        Object handler = context.appConfigs().get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);
        String name = handler instanceof Class<?> type ? type.getName() : handler == null ? null : handler.toString();
        if (name != null && !name.equals(LogAndFailProcessingExceptionHandler.class.getName())) {
            throw new IllegalStateException(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG + " is " + name
                    + ": the profile builder needs " + LogAndFailProcessingExceptionHandler.class.getName()
                    + " (the default), or a failed write would commit events without their profiles");
        }
    }

    @Override
    public void process(Record<String, DepartmentEvent> record) {
        DepartmentEvent event = record.value();
        UUID eventId = event.header().getEventId();
        String uscc = record.key();
        SeenEvents seenIds = seenIds(uscc);
        if (seenIds.contains(eventId, record.timestamp(), settings.dedupeRetention().toMillis())) {
            metrics.duplicate();
            return;
        }
        EnterpriseProfile profile = read(uscc);
        // Checked before anything changes: a profile that could not be written would stop every enterprise's.
        Optional<String> unusable = updater.unusable(profile, event);
        if (unusable.isPresent()) {
            EventDecoder.deadLetter(context, event.raw(), unusable.get(), null, event.deadLetterSink(), metrics, event.topic());
            return;
        }
        seenIds.add(eventId, record.timestamp(), uscc);
        seen(uscc, seenIds);
        // Read before the profile is changed in place: the facts are copies.
        NoticeRouter.Facts before = NoticeRouter.Facts.of(profile);
        if (profile == null) {
            profile = ProfileUpdater.empty(uscc, event.header());
        }
        long now = context.currentSystemTimeMs();
        updater.apply(profile, event, Instant.ofEpochMilli(now));
        // What the notices read; the risk class is evaluated when the profile is written (writeOut).
        evaluator.markMissingReports(profile, Instant.ofEpochMilli(now));
        change(profile, Change.EVENT, record.timestamp(), now);
        raise(notices.onEvent(event.header(), event.payload(), before, profile, Instant.ofEpochMilli(now)), record.timestamp());
        metrics.updatedByEvent(event.header().getOccurredAt(), event.header().getPublishedAt(), now);
    }

    /** The enterprise's applied event ids: those applied since the last flush, else written lately, else stored. */
    private SeenEvents seenIds(String uscc) {
        SeenEvents ids = pendingSeen.get(uscc);
        if (ids == null) {
            ids = recentSeen.get(uscc);
        }
        if (ids == null) {
            byte[] stored = seen.get(uscc);
            ids = stored == null ? SeenEvents.none() : SeenEvents.decode(stored);
            keepDecoded(uscc, ids);
        }
        return ids;
    }

    /** Not a busy enterprise's: its ids decoded take about 100 bytes each, and 64 of them could fill the heap. */
    private void keepDecoded(String uscc, SeenEvents ids) {
        if (ids.size() <= RECENT_SEEN_MAX_IDS) {
            recentSeen.put(uscc, ids);
        }
    }

    /** An event id was added: written with the enterprise's profile at the flush (an event always changes the profile too). */
    private void seen(String uscc, SeenEvents ids) {
        if (writeAtOnce) {
            writeSeen(uscc, ids);
            return;
        }
        recentSeen.remove(uscc);
        boolean first = nothingPending();
        pendingSeen.put(uscc, ids);
        markIf(first);
    }

    private void writeSeen(String uscc, SeenEvents ids) {
        seen.put(uscc, ids.encode(settings.dedupeRetention().toMillis()));
        keepDecoded(uscc, ids);
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
            Instant lastEvaluated = profile.getRisk().getEvaluatedAt();
            Changed unevaluated = pending.get(entry.value);
            if (unevaluated != null && unevaluated.evaluate()) {
                // Events since its last evaluation: what time changes is compared with the profile as of them.
                evaluator.evaluate(profile, Instant.ofEpochMilli(unevaluated.now()));
            }
            EnterpriseProfile before = EnterpriseProfile.newBuilder(profile).build();
            evaluator.evaluate(profile, Instant.ofEpochMilli(now));
            // Its entry was deleted above: indexed again here, as of this evaluation.
            index(profile.getUscc(), null, profile.getRisk().getNextReviewAt());
            if (changedByTime(before, profile)) {
                profile.setUpdatedAt(ProfileUpdater.notBefore(profile.getUpdatedAt(), Instant.ofEpochMilli(now)));
                if (changedForEveryone(before, profile)) {
                    profile.setChangedAt(Instant.ofEpochMilli(now));
                }
                change(profile, Change.REVIEW, now, now);
                metrics.updatedByReview();
                raise(notices.onReview(NoticeRouter.Facts.of(before), lastEvaluated, profile, Instant.ofEpochMilli(now)), now);
            } else {
                // Nothing visible changed (e.g. a deadline met by a filing): only the index moves on, nothing is sent.
                change(profile, Change.INDEX, now, now);
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

    /**
     * Whether a review changed what every department sees: not the risk class (the risk department's
     * INTERNAL fact) nor a fact of an event its department kept to itself, whose change by time would
     * tell the others, through {@code changedAt}, that the fact exists.
     */
    private static boolean changedForEveryone(EnterpriseProfile before, EnterpriseProfile after) {
        return !everyones(before.getAnnualReports()).equals(everyones(after.getAnnualReports()))
                || !everyones(before.getJointMeasures()).equals(everyones(after.getJointMeasures()));
    }

    private static String everyones(List<? extends IndexedRecord> facts) {
        return facts.stream().filter(fact -> ProfileUpdater.internalTo(fact) == null).toList().toString();
    }

    private void change(EnterpriseProfile profile, Change kind, long timestamp, long now) {
        Changed change = new Changed(profile, kind != Change.INDEX, kind == Change.EVENT, timestamp, now);
        if (writeAtOnce) {
            writeOut(profile.getUscc(), change);
            return;
        }
        boolean first = nothingPending();
        Changed before = pending.get(profile.getUscc());
        // A change readers see stays one to send, and an event's to evaluate, until the flush writes it.
        pending.put(profile.getUscc(), before == null ? change
                : new Changed(profile, change.send() || before.send(), change.evaluate() || before.evaluate(), timestamp, now));
        markIf(first);
    }

    private boolean nothingPending() {
        return pending.isEmpty() && pendingSeen.isEmpty();
    }

    /**
     * After the first change since the last flush was made pending: the flush of the mark writes every
     * pending profile and event id. After, not before: a cache too small for one entry flushes it as it is put.
     */
    private void markIf(boolean first) {
        if (first) {
            changed.put(MARK_KEY, MARK);
        }
    }

    /**
     * The profile to change in place: the pending one, else the one written lately (taken out of
     * {@link #recent}: once changed it is pending), else the stored one, decoded.
     */
    private EnterpriseProfile read(String uscc) {
        Changed pendingChange = pending.get(uscc);
        if (pendingChange != null) {
            return pendingChange.profile();
        }
        EnterpriseProfile known = recent.remove(uscc);
        if (known != null) {
            return known;
        }
        byte[] stored = profiles.get(uscc);
        return stored == null ? null : decoder.deserialize(TopicCatalogue.PROFILES, stored);
    }

    /**
     * See the class comment: each changed profile is written and sent when the commit flushes
     * {@link #changed}. False when that store has no cache to flush (Kafka Streams configured
     * without record caches): then each change is written at once, as it is made.
     */
    @SuppressWarnings("unchecked")
    private boolean onCommit(ProcessorContext<String, Object> context) {
        if (!(context instanceof InternalProcessorContext<?, ?> internalContext)) {
            throw new IllegalStateException("the profile builder runs in Kafka Streams, whose contexts are internal ones; got " + context);
        }
        this.internal = internalContext;
        this.node = internalContext.currentNode();
        return changed instanceof WrappedStateStore<?, ?, ?> store
                && ((WrappedStateStore<?, String, byte[]>) store).setFlushListener(flushed -> writePending(), false);
    }

    /** Writes every profile changed since the last flush; emptied first, so no profile is written twice even if a write fails. */
    private void writePending() {
        List<Map.Entry<String, Changed>> changes = new ArrayList<>(pending.entrySet());
        List<Map.Entry<String, SeenEvents>> seenChanges = new ArrayList<>(pendingSeen.entrySet());
        pending.clear();
        pendingSeen.clear();
        for (Map.Entry<String, Changed> change : changes) {
            writeOut(change.getKey(), change.getValue());
        }
        for (Map.Entry<String, SeenEvents> ids : seenChanges) {
            writeSeen(ids.getKey(), ids.getValue());
        }
    }

    private void writeOut(String uscc, Changed change) {
        if (change.evaluate()) {
            EnterpriseProfile profile = change.profile();
            // The index holds the review time of the last evaluation, which no event has moved.
            Instant previousReview = profile.getRisk().getNextReviewAt();
            Instant lastEvaluated = profile.getRisk().getEvaluatedAt();
            // As of the change, not of the commit: a deadline passing in between would mark a report
            // MISSING here, where no notice is raised, and move the review that raises it on.
            evaluator.evaluate(profile, Instant.ofEpochMilli(change.now()));
            index(uscc, previousReview, profile.getRisk().getNextReviewAt());
            // The review that would have found a listing's term over is moved on with the index: found here instead.
            List<NoticeEvent> ended = notices.endedListings(lastEvaluated, profile, Instant.ofEpochMilli(change.now()));
            if (!ended.isEmpty()) {
                asBuilder(() -> raise(ended, change.timestamp()));
            }
        }
        byte[] encoded = budget.fit(change.profile(), encoder.serialize(TopicCatalogue.PROFILES, change.profile()),
                profile -> encoder.serialize(TopicCatalogue.PROFILES, profile));
        profiles.put(uscc, encoded);
        recent.put(uscc, change.profile());
        if (change.send()) {
            asBuilder(() -> context.forward(new Record<>(uscc, encoded, change.timestamp()), ProfileTopology.PROFILES_SINK));
        }
    }

    /** Forwards as this processor's node: the flush listener runs as the cache's. */
    private void asBuilder(Runnable forward) {
        ProcessorNode<?, ?, ?, ?> current = internal.currentNode();
        internal.setCurrentNode(node);
        try {
            forward.run();
        } finally {
            internal.setCurrentNode(current);
        }
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
