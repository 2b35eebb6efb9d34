package org.sharebus.consumers.notice;

import io.micrometer.core.instrument.MeterRegistry;
import org.sharebus.consumers.inspection.InspectionRules;
import org.sharebus.consumers.inspection.WorkingCalendar;
import org.sharebus.consumers.rules.TestRules;

/** The production notice rules and a router on them, bound without a Spring context, as the application binds them. */
public final class TestNotices {

    private TestNotices() {
    }

    public static NoticeRules rules() {
        return TestRules.section("notices", NoticeRules.class);
    }

    /** The working days of the production rules table. */
    public static WorkingCalendar calendar() {
        return WorkingCalendar.of(TestRules.section("inspection", InspectionRules.class).calendar());
    }

    public static NoticeRouter router(MeterRegistry meters) {
        return router(meters, rules());
    }

    /** A router whose history cutoff is {@code cutoff} (the one-command bus's demo settings reach back two years and a month). */
    public static NoticeRouter router(MeterRegistry meters, java.time.Period cutoff) {
        NoticeRules standard = rules();
        return router(meters, new NoticeRules(standard.rules(), standard.labels(), cutoff, standard.historyCutoffSource()));
    }

    private static NoticeRouter router(MeterRegistry meters, NoticeRules rules) {
        return new NoticeRouter(rules, TestRules.standard(), new NoticeMetrics(meters, rules), calendar());
    }
}
