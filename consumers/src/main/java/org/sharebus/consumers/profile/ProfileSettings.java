package org.sharebus.consumers.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the profile builder runs ({@code sharebus.profile}); the legal rules are in
 * {@link org.sharebus.consumers.rules.Rules}.
 *
 * @param reviewInterval  how often (wall-clock) profiles whose time-dependent facts fell due are re-evaluated
 * @param reviewBatch     at most this many profiles per review, so one review cannot stall processing; the rest wait for the next
 * @param dedupeRetention how long an event id is remembered, in record time: a resend within it of the original and of the
 *                        enterprise's newest event is ignored ({@link SeenEvents})
 * @param limits          bounds of the profile's lists
 * @param advertisedHost  host other instances and clients reach this one at ({@code application.server}); the port is the web server's
 * @param instanceId      static group membership id ({@code group.instance.id}), unique per instance; default profile-&lt;host&gt;-&lt;port&gt;
 * @param rebuild         reset the application at start and replay every department topic (docs/operations.md, "Rebuild the profiles")
 * @param builderNice     the Linux nice value of the builder's stream threads and the JVM's JIT compiler threads (0–19;
 *                        default 10, 0 leaves them at normal priority): on busy cores the query API goes first ({@link BuilderPriority})
 */
@ConfigurationProperties("sharebus.profile")
public record ProfileSettings(Duration reviewInterval, int reviewBatch, Duration dedupeRetention, Limits limits,
                              String advertisedHost, String instanceId, boolean rebuild, Integer builderNice) {

    public ProfileSettings {
        reviewInterval = reviewInterval == null ? Duration.ofMinutes(1) : reviewInterval;
        reviewBatch = reviewBatch <= 0 ? 10_000 : reviewBatch;
        dedupeRetention = dedupeRetention == null ? Duration.ofDays(400) : dedupeRetention;
        limits = limits == null ? Limits.DEFAULT : limits;
        advertisedHost = advertisedHost == null || advertisedHost.isBlank() ? "localhost" : advertisedHost;
        builderNice = builderNice == null ? 10 : builderNice;
        if (builderNice < 0 || builderNice > 19) {
            // Below 0 would raise the builder above the queries, and needs privileges besides.
            throw new IllegalArgumentException("sharebus.profile.builder-nice must be 0 to 19, got " + builderNice);
        }
    }

    public static ProfileSettings defaults() {
        return new ProfileSettings(null, 0, null, null, null, null, false, null);
    }

    /**
     * @param timeline          timeline entries kept (the issue asks for the last 50 events)
     * @param entriesPerList    entries kept per fact list (listings, penalties, inspections, measures, repairs)
     * @param annualReportYears report years kept
     * @param serviceTradePeriods service-trade periods kept
     */
    public record Limits(int timeline, int entriesPerList, int annualReportYears, int serviceTradePeriods) {
        static final Limits DEFAULT = new Limits(50, 20, 5, 4);

        public Limits {
            if (timeline < 1 || entriesPerList < 1 || annualReportYears < 1 || serviceTradePeriods < 1) {
                throw new IllegalArgumentException("sharebus.profile.limits must all be at least 1, got " + timeline + "/"
                        + entriesPerList + "/" + annualReportYears + "/" + serviceTradePeriods);
            }
        }
    }
}
