package org.sharebus.consumers.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets the profile builder so that its next start replays every department topic from the
 * first record: what Kafka's {@code kafka-streams-application-reset} does for this topology (no
 * repartition topics, no intermediate topics), without needing Kafka's scripts next to the
 * embedded default. The caller also wipes the instance's local state ({@code KafkaStreams.cleanUp()}).
 *
 * <p>Every instance must be stopped first. Stopped instances with static membership stay in the
 * group until their session times out; the reset removes them, which would also evict a running
 * instance: that is why stopping all of them is the operator's part (docs/operations.md).
 */
final class ProfileRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProfileRebuild.class);

    private ProfileRebuild() {
    }

    /** Removes the group's members and committed offsets and deletes the application's internal topics. */
    static void reset(Admin admin, String applicationId, Duration timeout) {
        try {
            forgetGroup(admin, applicationId, timeout);
            Set<String> internal = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(name -> name.startsWith(applicationId + "-")
                            && (name.endsWith("-changelog") || name.endsWith("-repartition")))
                    .collect(Collectors.toSet());
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                awaitGone(admin, internal, timeout);
            }
            log.info("Profile rebuild: reset {} (offsets and members removed, internal topics deleted: {}); replaying from the start",
                    applicationId, internal);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not reset " + applicationId + " for a rebuild: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting " + applicationId, e);
        }
    }

    /** At every start, before Kafka Streams: the reset when a rebuild is asked for, else the check that none is needed. */
    static void beforeStart(Admin admin, String applicationId, boolean rebuild, Duration timeout) {
        if (rebuild) {
            reset(admin, applicationId, timeout);
        } else {
            refuseFormerSeenStore(admin, applicationId, timeout);
        }
    }

    /**
     * Refuses to start on the changelog of the seen-event store that builds before
     * {@link SeenEvents} kept, one record per event id: the ids it holds have no USCC, so they
     * cannot be carried over, and an instance that ignored them would apply a department's resend
     * of an earlier event a second time. A rebuild deletes that changelog and fills the new store
     * from the department topics (docs/operations.md, "Rebuild the profiles").
     */
    static void refuseFormerSeenStore(Admin admin, String applicationId, Duration timeout) {
        String former = applicationId + "-" + ProfileTopology.FORMER_SEEN_STORE + "-changelog";
        try {
            if (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(former)) {
                throw new IllegalStateException("Kafka holds " + former + ", the event ids an earlier version of the profile builder"
                        + " remembered per event; this version remembers them per enterprise (" + ProfileTopology.SEEN_STORE
                        + ") and cannot read the old ones. Rebuild the profiles once: stop every instance and start one with"
                        + " --sharebus.profile.rebuild=true (docs/operations.md, \"Rebuild the profiles\"); without it a"
                        + " department's resend of an earlier event would be applied twice");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list the topics of " + applicationId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics of " + applicationId, e);
        }
    }

    private static void forgetGroup(Admin admin, String group, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                // Never started under this application id (Kafka 4.1 says so for a group it does not know).
                return;
            }
            throw e;
        }
        if (description == null || description.groupState() == GroupState.DEAD) {
            return;
        }
        if (!description.members().isEmpty()) {
            log.warn("Profile rebuild: removing {} member(s) left in group {} by stopped instances: {}", description.members().size(),
                    group, description.members().stream().map(m -> m.groupInstanceId().orElse(m.consumerId())).toList());
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    /** Topic deletion completes in the background; Streams must not find the old changelogs when it starts. */
    private static void awaitGone(Admin admin, Set<String> topics, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        while (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream().anyMatch(topics::contains)) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("internal topics " + topics + " still exist after " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
