package org.sharebus.consumers.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rebuilds PostgreSQL read models from their topics at start ({@code sharebus.projections.rebuild},
 * e.g. {@code search,notices,inspections}): before the listener containers start, each named read
 * model's consumer groups lose their committed offsets, so that they read their topics from the
 * first record (the containers' {@code auto.offset.reset} is earliest), and then its tables are
 * emptied. What Kafka's {@code kafka-consumer-groups --reset-offsets --to-earliest} and a
 * {@code TRUNCATE} do, in the order that cannot lose rows: offsets first, so that a failure in
 * between leaves a full replay into tables that ignore what they already hold (every projection
 * inserts by id or upserts by key), never empty tables behind committed offsets. Works where
 * Kafka's scripts are not installed or the broker runs in-process (the one-command default).
 *
 * <p>Every instance must be stopped first: a group that still has members is not touched, and the
 * start fails naming them, because a running projection would write into the emptied tables rows
 * whose offsets it then commits past.
 */
public final class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    /** The read models, each with the groups that write it and its tables. */
    public enum ReadModel {
        /** Enterprise search (and what a department kept to itself), repaired records, penalties' publicity ({@code sharebus.profiles.v1}). */
        SEARCH(List.of(ProjectionContainers.SEARCH_GROUP),
                List.of("consumers.enterprise", "consumers.enterprise_kept", "consumers.repaired_record", "consumers.penalty_publicity")),
        /** The notice inbox ({@code sharebus.notices.v1}). */
        NOTICES(List.of(ProjectionContainers.NOTICE_GROUP), List.of("consumers.notice")),
        /** Plans, tasks, results ({@code sharebus.inspections.v1}) and published results ({@code sharebus.disclosures.v1}). */
        INSPECTIONS(List.of(ProjectionContainers.INSPECTION_GROUP, ProjectionContainers.DISCLOSURE_GROUP),
                List.of("consumers.inspection_plan", "consumers.inspection_task", "consumers.inspection_result", "consumers.inspection_recusal",
                        "consumers.disclosure"));

        private final List<String> groups;
        private final List<String> tables;

        ReadModel(List<String> groups, List<String> tables) {
            this.groups = groups;
            this.tables = tables;
        }

        public List<String> groups() {
            return groups;
        }

        public List<String> tables() {
            return tables;
        }
    }

    private ProjectionRebuild() {
    }

    /**
     * Resets the read models' groups, then empties their tables.
     *
     * @param emptyWithin how long a group may take to lose the members of instances just stopped
     * @throws IllegalStateException when a group keeps members (an instance is running) or Kafka does not answer
     */
    public static void rebuild(Admin admin, JdbcClient jdbc, Collection<ReadModel> models, Duration emptyWithin) {
        if (models.isEmpty()) {
            return;
        }
        Set<ReadModel> chosen = EnumSet.copyOf(models);
        List<String> groups = chosen.stream().flatMap(m -> m.groups().stream()).toList();
        List<String> tables = chosen.stream().flatMap(m -> m.tables().stream()).toList();
        try {
            for (String group : groups) {
                forgetOffsets(admin, group, emptyWithin);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not reset the consumer groups " + groups + " for a rebuild: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting " + groups, e);
        }
        jdbc.sql("TRUNCATE " + String.join(", ", tables)).update();
        log.info("Read model rebuild of {}: offsets of {} removed, {} emptied; replaying their topics from the first record",
                chosen, groups, tables);
    }

    private static void forgetOffsets(Admin admin, String group, Duration emptyWithin)
            throws ExecutionException, InterruptedException, TimeoutException {
        Instant deadline = Instant.now().plus(emptyWithin);
        while (true) {
            ConsumerGroupDescription description = describe(admin, group);
            if (description == null || description.groupState() == GroupState.DEAD) {
                return;
            }
            if (description.members().isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                List<String> members = new ArrayList<>();
                description.members().forEach(m -> members.add(m.clientId() + "@" + m.host()));
                throw new IllegalStateException("cannot rebuild while group " + group + " has members " + members
                        + ": stop every consumers instance first (docs/operations.md, Rebuild state)");
            }
            Thread.sleep(500);
        }
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    /** Null for a group Kafka does not know (never used, or deleted). */
    private static ConsumerGroupDescription describe(Admin admin, String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            Map<String, ConsumerGroupDescription> found = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
            return found.get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }
}
