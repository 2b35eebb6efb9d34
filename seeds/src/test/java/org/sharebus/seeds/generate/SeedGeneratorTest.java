package org.sharebus.seeds.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.event.commerce.ServiceTradeReportSubmitted;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsCreditClass;
import org.sharebus.event.customs.CustomsCreditClassChanged;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.event.market.AbnormalOperationsListed;
import org.sharebus.event.market.AbnormalOperationsReason;
import org.sharebus.event.market.AnnualReportFiled;
import org.sharebus.event.market.EnterpriseDeregistered;
import org.sharebus.event.market.EnterpriseRevoked;
import org.sharebus.event.market.InspectionResultRecorded;
import org.sharebus.event.tax.TaxCreditLevelPublished;
import org.sharebus.seeds.city.District;
import org.sharebus.seeds.inspection.Inspector;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.uscc.Uscc;

/** The default data set (20,000 enterprises, seed {@value SeedParameters#DEFAULT_SEED}), generated once for the class. */
class SeedGeneratorTest {

    private static final SeedParameters DEFAULTS = SeedParameters.defaults();
    private static final List<EnterpriseEvents> DATA = new ArrayList<>();
    private static SeedGenerator generator;

    @BeforeAll
    static void generate() {
        generator = new SeedGenerator(DEFAULTS);
        generator.forEach(DATA::add);
    }

    @Test
    void shouldGiveEveryEnterpriseAValidUniqueUsccOfItsHangzhouDistrictWhenGeneratingTheDefaultDataSet() {
        // given the default data set
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> districts = new HashSet<>();

        // when every enterprise's code and name are collected
        for (EnterpriseEvents story : DATA) {
            Enterprise enterprise = story.enterprise();
            codes.add(enterprise.uscc().value());
            names.add(enterprise.name());
            districts.add(enterprise.regionCode());
            assertThat(Uscc.isValid(enterprise.uscc().value())).as(enterprise.uscc().value()).isTrue();
            assertThat(enterprise.uscc().regionCode()).isEqualTo(enterprise.regionCode());
            assertThat(enterprise.uscc().value()).startsWith("91");
            assertThat(enterprise.name()).matches("^(杭州|浙江).+(有限公司|股份有限公司)$");
        }

        // then all 20,000 are distinct and every district and county has enterprises
        assertThat(codes).hasSize(20_000);
        assertThat(names).hasSize(20_000);
        assertThat(districts).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(District.values()).map(District::code).toList());
    }

    @Test
    void shouldGiveTheSameEventsWhenTheSeedIsTheSameAndOthersWhenItDiffers() throws Exception {
        // given three generators of 500 enterprises, two with the same seed
        SeedParameters small = DEFAULTS.withEnterprises(500);

        // when the first 2,000 events of each are hashed
        String first = hashOfFirstEvents(new SeedGenerator(small), 2_000);
        String second = hashOfFirstEvents(new SeedGenerator(small), 2_000);
        String otherSeed = hashOfFirstEvents(new SeedGenerator(small.withSeed(7)), 2_000);

        // then the same seed gives the same bytes, a different seed different ones
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        Enterprise a = new SeedGenerator(small).iterator().next().enterprise();
        Enterprise b = new SeedGenerator(small.withSeed(7)).iterator().next().enterprise();
        assertThat(b.uscc()).isNotEqualTo(a.uscc());
        assertThat(b.name()).isNotEqualTo(a.name());
    }

    @Test
    void shouldContainEveryEventTypeOfEveryDepartmentWhenGeneratingTheDefaultDataSet() {
        // given every payload record of every department's contract
        Map<Department, Set<String>> expected = new HashMap<>();
        for (Department department : TopicCatalogue.publishingDepartments()) {
            Schema envelope = SpecificData.get().getSchema(classOf(department));
            expected.put(department, envelope.getField("payload").schema().getTypes().stream()
                    .map(Schema::getName).collect(Collectors.toCollection(TreeSet::new)));
        }

        // when the event types of the data set are collected per department
        Map<Department, Set<String>> seen = new HashMap<>();
        DATA.forEach(story -> story.events().forEach(event ->
                seen.computeIfAbsent(event.department(), d -> new TreeSet<>()).add(event.eventType())));

        // then each department publishes each of its types
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void shouldKeepEachEnterprisesEventsInTimeOrderWithCompleteHeadersWhenGeneratingTheDefaultDataSet() {
        // given the default data set
        Set<String> ids = new HashSet<>();
        TopicCatalogue topics = TopicCatalogue.standard();

        // when each enterprise's events are walked
        for (EnterpriseEvents story : DATA) {
            EventHeader previous = null;
            Set<String> earlier = new HashSet<>();
            for (SeedEvent event : story.events()) {
                EventHeader header = event.header();
                // a correlation id names an earlier event of the same enterprise: causes come first
                if (header.getCorrelationId() != null) {
                    assertThat(earlier).as(header.getEventType() + " " + header.getEventId() + " of " + header.getUscc())
                            .contains(header.getCorrelationId());
                }
                earlier.add(header.getEventId().toString());
                if (event.payload() instanceof AnnualReportFiled report) {
                    assertThat(report.getFiledAt()).isEqualTo(header.getOccurredAt());
                }
                // then headers name the enterprise, the department, the payload type; ids are unique; order holds
                assertThat(ids.add(header.getEventId().toString())).as("unique event id").isTrue();
                assertThat(header.getUscc()).isEqualTo(event.key()).isEqualTo(story.enterprise().uscc().value());
                assertThat(header.getEnterpriseName()).isEqualTo(story.enterprise().name());
                assertThat(header.getRegionCode()).isEqualTo(story.enterprise().regionCode());
                assertThat(header.getEventType()).isEqualTo(event.payload().getSchema().getName());
                assertThat(header.getSourceDepartment()).isEqualTo(event.department());
                assertThat(event.topic()).isEqualTo(topics.department(event.department()).name());
                assertThat(header.getPublishedAt()).isAfter(header.getOccurredAt());
                if (previous != null) {
                    assertThat(header.getOccurredAt()).isAfterOrEqualTo(previous.getOccurredAt());
                }
                previous = header;
            }
            assertThat(story.events().get(0).eventType()).isEqualTo("EnterpriseRegistered");
        }
    }

    @Test
    void shouldEndEveryEnterprisesEventsWithItsDeregistrationOrRevocationWhenGeneratingTheDefaultDataSet() {
        // given the default data set, and in it the enterprises that were deregistered or revoked
        java.time.ZoneId beijing = java.time.ZoneId.of("Asia/Shanghai");
        List<String> after = new ArrayList<>();
        for (EnterpriseEvents story : DATA) {
            java.time.LocalDate end = story.events().stream()
                    .filter(e -> e.payload() instanceof EnterpriseDeregistered || e.payload() instanceof EnterpriseRevoked)
                    .map(e -> e.header().getOccurredAt().atZone(beijing).toLocalDate()).findFirst().orElse(null);
            if (end == null) {
                continue;
            }
            // when its events are walked, then none comes on a later day (a revoked enterprise's own deregistration aside)
            story.events().stream()
                    .filter(e -> e.header().getOccurredAt().atZone(beijing).toLocalDate().isAfter(end))
                    .filter(e -> !(e.payload() instanceof EnterpriseDeregistered))
                    .forEach(e -> after.add(story.enterprise().uscc().value() + " " + e.eventType() + " after " + end));
        }
        assertThat(after).isEmpty();
    }

    @Test
    void shouldFileAboutTheDefaultSharesOfAnnualReportsLateAndNeverWhenGeneratingTheDefaultDataSet() {
        // given every annual report of the history a profile looks back over (enterprise set up by the report year, alive on 30 June)
        int due = 0;
        int late = 0;
        int missing = 0;
        for (EnterpriseEvents story : DATA) {
            LocalDate end = endOf(story);
            for (int year = DEFAULTS.firstHistoryReportYear(); year <= DEFAULTS.latestDueReportYear(); year++) {
                int reportYear = year;
                if (story.enterprise().establishedOn().getYear() > year || !end.isAfter(LocalDate.of(year + 1, 6, 30))) {
                    continue;
                }
                due++;
                List<AnnualReportFiled> filed = payloads(story, AnnualReportFiled.class).stream()
                        .filter(report -> report.getReportYear() == reportYear).toList();
                // when each is classified as on time, late or missing
                if (filed.isEmpty()) {
                    missing++;
                } else if (filed.get(0).getLate()) {
                    late++;
                }
            }
        }

        // then the shares are the defaults within a percentage point
        assertThat(due).isGreaterThan(70_000);
        assertThat((double) late / due).isBetween(DEFAULTS.annualReportLateShare() - 0.01, DEFAULTS.annualReportLateShare() + 0.01);
        assertThat((double) missing / due).isBetween(DEFAULTS.annualReportMissingShare() - 0.01,
                DEFAULTS.annualReportMissingShare() + 0.01);
    }

    @Test
    void shouldFileNoLaterReportWhenAnOrdinaryEnterpriseNeverFiledOneWhenGeneratingTheDefaultDataSet() {
        // given the enterprises with a report year never filed
        int neverFiled = 0;
        int filedAgain = 0;
        for (EnterpriseEvents story : DATA) {
            Set<Integer> filed = payloads(story, AnnualReportFiled.class).stream().map(AnnualReportFiled::getReportYear)
                    .collect(Collectors.toSet());
            LocalDate end = endOf(story);
            Integer firstMissing = null;
            for (int year = Math.max(DEFAULTS.firstHistoryReportYear(), story.enterprise().establishedOn().getYear());
                 year <= DEFAULTS.latestDueReportYear() && end.isAfter(LocalDate.of(year + 1, 6, 30)); year++) {
                if (!filed.contains(year)) {
                    firstMissing = year;
                    break;
                }
            }
            if (firstMissing == null) {
                continue;
            }
            neverFiled++;
            // when the years after it are looked at
            int after = firstMissing;
            if (filed.stream().anyMatch(year -> year > after)) {
                filedAgain++;
            }
        }

        // then only shells (4 %) file again after a year they never filed: an ordinary one has stopped trading
        assertThat(neverFiled).isGreaterThan(1_000);
        assertThat(filedAgain).isLessThan((int) (DEFAULTS.shellShare() * DEFAULTS.enterprises()));
    }

    @Test
    void shouldListEveryEnterpriseWithoutAReportBy30JuneWithinTenWorkingDaysWhenGeneratingTheDefaultDataSet() {
        // given the enterprises that had not filed by 30 June and still existed ten working days later
        int checked = 0;
        for (EnterpriseEvents story : DATA) {
            LocalDate end = endOf(story);
            for (int year = DEFAULTS.firstHistoryReportYear(); year <= DEFAULTS.latestDueReportYear(); year++) {
                int reportYear = year;
                LocalDate deadline = MonthDay.of(6, 30).atYear(year + 1);
                LocalDate lastListingDay = WorkingDays.plus(deadline, 10);
                boolean onTime = payloads(story, AnnualReportFiled.class).stream()
                        .anyMatch(report -> report.getReportYear() == reportYear && !report.getLate());
                if (story.enterprise().establishedOn().getYear() > year || onTime || !end.isAfter(lastListingDay)) {
                    continue;
                }
                checked++;
                // when its listings for a missing report are looked up
                List<LocalDate> listings = payloads(story, AbnormalOperationsListed.class).stream()
                        .filter(listing -> listing.getReason() == AbnormalOperationsReason.NO_ANNUAL_REPORT)
                        .map(AbnormalOperationsListed::getDecidedOn)
                        .filter(on -> on.isAfter(deadline) && !on.isAfter(lastListingDay))
                        .toList();
                // then there is one, decided within 10 working days after the deadline
                assertThat(listings).as(story.enterprise().uscc() + " report " + year).hasSize(1);
            }
        }
        assertThat(checked).isGreaterThan(5_000);
    }

    @Test
    void shouldMakeEverySmugglerDishonestWithALinkToThePenaltyWhenGeneratingTheDefaultDataSet() {
        // given every smuggling penalty of the data set
        int smugglers = 0;
        for (EnterpriseEvents story : DATA) {
            for (SeedEvent penalty : story.events()) {
                if (!(penalty.payload() instanceof CustomsPenaltyDecided decided) || decided.getCaseType() != CustomsCaseType.SMUGGLING
                        || !decided.getDecidedAt().plusDays(40).isBefore(endOf(story))) {
                    continue;
                }
                smugglers++;
                // when the customs class changes that name it as their cause are looked up
                List<CustomsCreditClassChanged> downgrades = story.events().stream()
                        .filter(event -> penalty.header().getEventId().toString().equals(event.header().getCorrelationId()))
                        .map(SeedEvent::payload)
                        .filter(CustomsCreditClassChanged.class::isInstance)
                        .map(CustomsCreditClassChanged.class::cast)
                        .toList();
                // then the enterprise became DISHONEST after the penalty
                assertThat(downgrades).as(story.enterprise().uscc().value()).hasSize(1);
                assertThat(downgrades.get(0).getNewClass()).isEqualTo(CustomsCreditClass.DISHONEST);
                assertThat(downgrades.get(0).getEffectiveDate()).isAfter(decided.getDecidedAt());
            }
        }
        assertThat(smugglers).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldHaveAeoEnterprisesYearlyTaxLevelsAndTheDefaultDigitalShareWhenGeneratingTheDefaultDataSet() {
        // given the default data set
        long aeo = DATA.stream().flatMap(story -> payloads(story, CustomsCreditClassChanged.class).stream())
                .filter(change -> change.getNewClass() == CustomsCreditClass.ADVANCED_CERTIFIED)
                .filter(change -> change.getAeoCode() != null && change.getAeoCode().startsWith("AEOCN"))
                .count();
        Map<Integer, Long> levelsPerYear = DATA.stream().flatMap(story -> payloads(story, TaxCreditLevelPublished.class).stream())
                .collect(Collectors.groupingBy(TaxCreditLevelPublished::getYear, Collectors.counting()));
        List<ServiceTradeReportSubmitted> lines = DATA.stream()
                .flatMap(story -> payloads(story, ServiceTradeReportSubmitted.class).stream()).toList();

        // when the digital share of service-trade lines is computed
        double digital = (double) lines.stream().filter(ServiceTradeReportSubmitted::getDigitalService).count() / lines.size();

        // then there are AEO enterprises, levels for both evaluated years, and the default digital share
        assertThat(aeo).isGreaterThanOrEqualTo(10);
        assertThat(levelsPerYear.keySet()).containsExactlyInAnyOrder(2023, 2024);
        assertThat(levelsPerYear.values()).allMatch(count -> count > 15_000);
        assertThat(digital).isBetween(DEFAULTS.digitalServiceShare() - 0.02, DEFAULTS.digitalServiceShare() + 0.02);
        // the reports submitted in 2024 and 2025: from the last quarter of 2023
        assertThat(lines).allMatch(line -> line.getPeriod().matches("2023-Q4|20(24|25)-Q[1-4]"));
    }

    @Test
    void shouldNameTwoDistinctRosterInspectorsOfTheDistrictWhenRecordingAnInspection() {
        // given the roster made from the data set's seed
        Map<String, Inspector> roster = new HashMap<>();
        generator.roster().all().forEach(inspector -> roster.put(inspector.id(), inspector));

        // when every inspection result's inspectors are looked up
        int inspections = 0;
        for (EnterpriseEvents story : DATA) {
            for (InspectionResultRecorded result : payloads(story, InspectionResultRecorded.class)) {
                inspections++;
                // then there are two, both market inspectors of the enterprise's district
                assertThat(result.getInspectorIds()).hasSize(2).doesNotHaveDuplicates();
                assertThat(result.getInspectorIds()).allSatisfy(id -> {
                    assertThat(roster).containsKey(id);
                    assertThat(roster.get(id).department()).isEqualTo(Department.MARKET);
                    assertThat(roster.get(id).regionCode()).isEqualTo(story.enterprise().regionCode());
                });
                assertThat(result.getItems()).isNotEmpty();
            }
        }
        assertThat(inspections).isGreaterThan(1_000);
    }

    /** The day the enterprise ended (deregistered or revoked), or the window's end. */
    private static LocalDate endOf(EnterpriseEvents story) {
        LocalDate end = DEFAULTS.windowEnd();
        for (SeedEvent event : story.events()) {
            if (event.payload() instanceof EnterpriseDeregistered deregistered) {
                end = deregistered.getDeregisteredOn();
            } else if (event.payload() instanceof EnterpriseRevoked revoked) {
                end = revoked.getRevokedOn();
            }
        }
        return end;
    }

    private static <T> List<T> payloads(EnterpriseEvents story, Class<T> type) {
        return story.events().stream().map(SeedEvent::payload).filter(type::isInstance).map(type::cast).toList();
    }

    private static Class<? extends SpecificRecordBase> classOf(Department department) {
        try {
            return Class.forName(TopicCatalogue.eventRecordName(department)).asSubclass(SpecificRecordBase.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashOfFirstEvents(SeedGenerator generator, int count) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        int hashed = 0;
        for (EnterpriseEvents story : generator) {
            for (SeedEvent event : story.events()) {
                if (hashed++ == count) {
                    return HexFormat.of().formatHex(digest.digest());
                }
                digest.update(avro(event.value()));
            }
        }
        throw new IllegalStateException("fewer than " + count + " events");
    }

    private static byte[] avro(SpecificRecordBase record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecordBase>(record.getSchema(), SpecificData.getForClass(record.getClass()))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
