package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.sharebus.event.commerce.CommerceEvent;
import org.sharebus.event.commerce.TechTradeDirection;
import org.sharebus.event.credit.CreditEvent;
import org.sharebus.event.credit.JointMeasureKind;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.event.tax.TaxEvent;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.profile.FactOrigin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The profile page shows codes in words: every symbol a row of the page can hold has a message in
 * both bundles, as has every department event type of the timeline, and a list's codes are put in
 * words one by one. A symbol added to an enum without its words fails here, not on a staff screen.
 */
class ProfileCodeMessagesTest {

    /**
     * Fields the page does not show as rows: in a place of their own (risk, timeline) or never (pendingRemovals, internalEvents);
     * shared's values are shown in the place of the profile's own (its own fields' words are those).
     */
    private static final Set<String> NOT_ROWS = Set.of("risk", "timeline", "pendingRemovals", "internalEvents", "shared");
    /** Fields the profile keeps as the symbol of an event's enum, which their doc names. */
    private static final Pattern NAMED_ENUM = Pattern.compile("[Ss]ymbols? of (org\\.sharebus\\.[\\w.]*\\w)");
    /** Fields whose doc lists their symbols without naming the enum (see ProfileUpdater). */
    private static final Map<String, List<Class<?>>> UNNAMED_ENUMS = Map.of(
            "kind", List.of(CustomsCaseType.class, JointMeasureKind.class),
            "direction", List.of(TechTradeDirection.class));

    @Test
    void shouldHaveWordsForEverySymbolOfEveryProfileRowWhenEitherLanguage() throws Exception {
        // given every symbol of every field the page shows as a row, and the key it is looked up by
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        Set<String> fields = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        collect(EnterpriseProfile.getClassSchema(), true, fields, keys);
        assertThat(fields).contains("entityType", "status", "reason", "list", "exitType", "kind", "penaltyTypes", "sector",
                "creditClass", "level", "direction", "contractType", "resultCode", "recordType");

        // then both bundles have each
        assertThat(missing(keys, zh)).as("keys missing in messages.properties").isEmpty();
        assertThat(missing(keys, en)).as("keys missing in messages_en.properties").isEmpty();
    }

    @Test
    void shouldHaveWordsForEveryDepartmentEventTypeWhenEitherLanguage() throws Exception {
        // given the payload records of every department's events, the timeline's event types
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        Set<String> keys = new TreeSet<>();
        for (Schema event : List.of(MarketEvent.getClassSchema(), CustomsEvent.getClassSchema(), CommerceEvent.getClassSchema(),
                CreditEvent.getClassSchema(), TaxEvent.getClassSchema())) {
            event.getField("payload").schema().getTypes().forEach(payload -> keys.add("eventType." + payload.getName()));
        }
        assertThat(keys).contains("eventType.CustomsPenaltyDecided", "eventType.AdministrativePenaltyDecided");

        // then both bundles have each
        assertThat(missing(keys, zh)).as("keys missing in messages.properties").isEmpty();
        assertThat(missing(keys, en)).as("keys missing in messages_en.properties").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPutEachCodeOfAListAndANestedBooleanInWordsWhenTheProfileHasThem() throws Exception {
        // given a penalty of two kinds, service-trade periods (late: a boolean in a nested record) and a legal form
        ProfileView view = ProfileView.of(JsonMapper.builder().build().readValue("""
                {"uscc": "91330106MA2B2C3D4E", "name": "杭州西溪数字科技有限公司",
                 "identity": {"entityType": "LIMITED_LIABILITY_COMPANY", "regionCode": "330106", "status": "ACTIVE",
                              "origin": {"source": "MARKET", "eventId": "e-0", "asOf": "2026-05-01T02:00:00Z"}},
                 "penalties": [
                   {"decisionNo": "杭西市监罚〔2026〕1号", "kind": "生产经营超过保质期的食品", "penaltyTypes": ["WARNING", "FINE"],
                    "fineAmount": "50000.00", "sector": "FOOD", "decidedOn": "2026-05-01",
                    "origin": {"source": "MARKET", "eventId": "e-1", "asOf": "2026-05-01T02:00:00Z"}}],
                 "serviceTrade": {"periods": [{"period": "2026-Q1", "exportUsd": "1200.00", "importUsd": "300.00", "late": true},
                                              {"period": "2025-Q4", "exportUsd": "1000.00", "importUsd": "200.00", "late": false}],
                                  "totalExportUsd": "2200.00", "totalImportUsd": "500.00", "lines": 2, "lateLines": 1,
                                  "origin": {"source": "COMMERCE", "eventId": "e-2", "asOf": "2026-04-12T02:00:00Z"}},
                 "risk": {"riskClass": "B", "score": 15, "explanation": "B", "explanationZh": "B", "evaluatedAt": "2026-05-02T02:00:00Z",
                          "factors": []},
                 "timeline": []}
                """, Map.class));
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");

        // when the page reads the rows
        ProfileView.Row penaltyTypes = row(view, "penalties", "penaltyTypes");
        ProfileView.Row periods = row(view, "serviceTrade", "periods");
        ProfileView.Row entityType = view.identity().stream().filter(r -> r.field().equals("entityType")).findFirst().orElseThrow();

        // then each element of the list is a code of its own, and a nested boolean is yes or no
        assertThat(penaltyTypes.lines()).hasSize(1);
        assertThat(penaltyTypes.lines().get(0)).extracting(ProfileView.Code::key)
                .containsExactly("code.penaltyTypes.WARNING", "code.penaltyTypes.FINE");
        assertThat(penaltyTypes.value()).isEqualTo("WARNING, FINE");
        assertThat(words(penaltyTypes, zh)).isEqualTo("警告、罚款");
        assertThat(words(penaltyTypes, en)).isEqualTo("Warning, Fine");
        assertThat(periods.lines()).hasSize(2).allSatisfy(line -> assertThat(line).hasSize(4));
        assertThat(periods.lines()).extracting(line -> line.get(3).key()).containsExactly("value.true", "value.false");
        assertThat(words(periods, zh)).isEqualTo("2026-Q1 · 1200.00 · 300.00 · 是\n2025-Q4 · 1000.00 · 200.00 · 否");
        assertThat(words(entityType, zh)).isEqualTo("有限责任公司");
        assertThat(words(entityType, en)).isEqualTo("Limited liability company");
        // and a code no message has (market's violation type, free text) is shown as it is
        assertThat(words(row(view, "penalties", "kind"), zh)).isEqualTo("生产经营超过保质期的食品");
        assertThat(words(row(view, "penalties", "sector"), zh)).isEqualTo("食品");
    }

    /** Each field's symbols as message keys, through the records the page shows as rows (not where facts came from). */
    private static void collect(Schema record, boolean profile, Set<String> fields, Set<String> keys) throws Exception {
        for (Schema.Field field : record.getFields()) {
            if (profile && NOT_ROWS.contains(field.name())) {
                continue;
            }
            List<String> symbols = new ArrayList<>();
            for (Schema type : branches(field.schema())) {
                if (type.getType() == Schema.Type.ENUM) {
                    symbols.addAll(type.getEnumSymbols());
                } else if (type.getType() == Schema.Type.RECORD && !type.getName().equals(FactOrigin.class.getSimpleName())) {
                    collect(type, false, fields, keys);
                }
            }
            Matcher named = NAMED_ENUM.matcher(field.doc() == null ? "" : field.doc());
            if (named.find()) {
                symbols.addAll(SpecificData.get().getSchema(Class.forName(named.group(1))).getEnumSymbols());
            }
            for (Class<?> unnamed : UNNAMED_ENUMS.getOrDefault(field.name(), List.of())) {
                symbols.addAll(SpecificData.get().getSchema(unnamed).getEnumSymbols());
            }
            if (!symbols.isEmpty()) {
                fields.add(field.name());
                symbols.forEach(symbol -> keys.add(ProfileView.Code.of(field, symbol).key()));
            }
        }
    }

    /** The types a field may hold: a union's branches, an array's elements. */
    private static List<Schema> branches(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> schema.getTypes().stream().flatMap(s -> branches(s).stream()).toList();
            case ARRAY -> branches(schema.getElementType());
            default -> List.of(schema);
        };
    }

    /** The row as the page writes it (staff/enterprise.html). */
    private static String words(ProfileView.Row row, Properties bundle) {
        String separator = row.nested() ? " · " : bundle.getProperty("list.separator");
        return String.join("\n", row.lines().stream()
                .map(line -> String.join(separator, line.stream().map(c -> bundle.getProperty(c.key(), c.code())).toList())).toList());
    }

    private static ProfileView.Row row(ProfileView view, String section, String field) {
        return view.departments().stream()
                .flatMap(d -> d.sections().stream())
                .filter(s -> s.section().equals(section))
                .flatMap(s -> s.facts().stream())
                .flatMap(f -> f.rows().stream())
                .filter(r -> r.field().equals(field))
                .findFirst().orElseThrow();
    }

    private static List<String> missing(Set<String> keys, Properties bundle) {
        return keys.stream().filter(key -> bundle.getProperty(key) == null || bundle.getProperty(key).isBlank()).toList();
    }

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(ProfileCodeMessagesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
