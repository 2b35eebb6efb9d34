package org.sharebus.seeds.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.sharebus.event.commerce.CommerceEvent;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.tax.TaxEvent;
import org.sharebus.seeds.inspection.InspectorRoster;
import org.sharebus.topic.TopicCatalogue;

/**
 * One enterprise's history while it is written: the enterprise, its random source, what has
 * happened to it so far (which later chapters read to link departments), and the events.
 *
 * <p>Event ids are name-based UUIDs of the seed, the USCC and the event's sequence number within
 * the enterprise, so they are known when the event is written (a later event can name it as its
 * correlation id) and are the same on every run with the same seed.
 */
final class Story {

    static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");
    private static final TopicCatalogue TOPICS = TopicCatalogue.standard();

    final Enterprise enterprise;
    final SeedParameters parameters;
    final SplittableRandom random;
    final DocNumbers docNumbers;
    final InspectorRoster roster;
    final LocalDate windowStart;
    final LocalDate windowEnd;

    /** First day on which nothing more happens: deregistration or revocation; the window's end otherwise. */
    LocalDate lifeEnd;
    boolean shell;
    boolean trader;
    boolean aeo;
    /** When the enterprise was listed as unreachable (经营异常, 无法联系), if it was. */
    LocalDate unreachableListedOn;
    /** The event that listed it as unreachable, for the tax office's follow-up. */
    UUID unreachableListing;
    /** Registered address and legal representative as changes leave them. */
    String currentAddress;
    String currentRepresentative;
    /** When tax first published level A for the enterprise, if it did. */
    LocalDate taxLevelAOn;
    /** When a serious listing (market serious list, customs dishonest for smuggling) took effect, if one did. */
    LocalDate seriousSince;
    /** The enterprise's standing with tax, drawn once: below the A share it is level A, and so on. */
    double taxStanding;

    private final List<Entry> entries = new ArrayList<>();
    private int sequence;

    Story(Enterprise enterprise, SeedParameters parameters, SplittableRandom random, DocNumbers docNumbers, InspectorRoster roster) {
        this.enterprise = enterprise;
        this.parameters = parameters;
        this.random = random;
        this.docNumbers = docNumbers;
        this.roster = roster;
        this.windowStart = parameters.windowStart();
        this.windowEnd = parameters.windowEnd();
        this.lifeEnd = windowEnd;
        this.currentAddress = enterprise.address();
        this.currentRepresentative = enterprise.legalRepresentative();
    }

    /** Whether something may happen on that day: the enterprise exists and the day is inside the window. */
    boolean open(LocalDate day) {
        return !day.isBefore(windowStart) && existed(day);
    }

    /** Whether the enterprise existed on that day, before the window or in it: history that happened. */
    boolean existed(LocalDate day) {
        return day.isBefore(lifeEnd) && !day.isBefore(enterprise.establishedOn());
    }

    /** Writes an event; returns its id. */
    UUID write(Department department, SpecificRecord payload, Instant occurredAt, Visibility visibility,
               String docNo, String legalBasis, UUID correlation) {
        int number = sequence++;
        String name = "sharebus-seeds/" + parameters.seed() + "/" + enterprise.uscc() + "/" + number;
        UUID id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        entries.add(new Entry(number, id, department, payload, occurredAt, visibility, docNo, legalBasis, correlation));
        return id;
    }

    /** An instant in office hours (08:30–17:30, Hangzhou time) of the day. */
    Instant officeTime(LocalDate day) {
        int minute = 8 * 60 + 30 + random.nextInt(9 * 60);
        return day.atTime(LocalTime.of(minute / 60, minute % 60, random.nextInt(60))).atZone(HANGZHOU).toInstant();
    }

    /** A day uniformly in [from, to); {@code from} when the range is empty. */
    LocalDate dayBetween(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(random.nextLong(days));
    }

    /** A working day uniformly in [from, to). */
    LocalDate workingDayBetween(LocalDate from, LocalDate to) {
        return WorkingDays.onOrAfter(dayBetween(from, to));
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** Log-uniform amount in [low, high], rounded to {@code unit}, scale 2. */
    BigDecimal amount(double low, double high, long unit) {
        double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        long rounded = Math.max(unit, Math.round(value / unit) * unit);
        return BigDecimal.valueOf(rounded).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Amount with cents, for statistics (US dollars). */
    BigDecimal dollars(double low, double high) {
        double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /** Per-year probability spread evenly over the window: how many times something happens (0, 1, rarely more). */
    int occurrences(double ratePerYear) {
        int count = 0;
        for (int year = 0; year < parameters.years(); year++) {
            if (chance(ratePerYear)) {
                count++;
            }
        }
        return count;
    }

    /** {@code value} with leading zeros to {@code width} digits; String.format is too slow for millions of events. */
    static String zeroPadded(int width, long value) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The enterprise's events in occurredAt order (ties in the order written), in their envelopes. */
    EnterpriseEvents finish() {
        entries.sort(Comparator.comparing(Entry::occurredAt).thenComparingInt(Entry::number));
        List<SeedEvent> events = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            events.add(envelope(entry));
        }
        return new EnterpriseEvents(enterprise, List.copyOf(events));
    }

    private SeedEvent envelope(Entry entry) {
        // Departments send in batches: the gateway accepts an event between 10 minutes and 3 hours after the fact.
        Instant publishedAt = entry.occurredAt().plus(10 + random.nextInt(170), ChronoUnit.MINUTES);
        EventHeader header = EventHeader.newBuilder()
                .setEventId(entry.id())
                .setEventType(entry.payload().getSchema().getName())
                .setSchemaVersion(1)
                .setSourceDepartment(entry.department())
                .setUscc(enterprise.uscc().value())
                .setEnterpriseName(enterprise.name())
                .setRegionCode(enterprise.regionCode())
                .setOccurredAt(entry.occurredAt())
                .setPublishedAt(publishedAt)
                .setVisibility(entry.visibility())
                .setDocNo(entry.docNo())
                .setLegalBasis(entry.legalBasis())
                .setCorrelationId(entry.correlation() == null ? null : entry.correlation().toString())
                .build();
        Object payload = entry.payload();
        SpecificRecordBase value = switch (entry.department()) {
            case MARKET -> MarketEvent.newBuilder().setHeader(header).setPayload(payload).build();
            case CUSTOMS -> CustomsEvent.newBuilder().setHeader(header).setPayload(payload).build();
            case COMMERCE -> CommerceEvent.newBuilder().setHeader(header).setPayload(payload).build();
            case CREDIT -> CreditEvent.newBuilder().setHeader(header).setPayload(payload).build();
            case TAX -> TaxEvent.newBuilder().setHeader(header).setPayload(payload).build();
            default -> throw new IllegalStateException("department " + entry.department() + " has no topic of its own");
        };
        return new SeedEvent(entry.department(), TOPICS.department(entry.department()).name(), enterprise.uscc().value(), value);
    }

    private record Entry(int number, UUID id, Department department, SpecificRecord payload, Instant occurredAt,
                         Visibility visibility, String docNo, String legalBasis, UUID correlation) {
    }
}
