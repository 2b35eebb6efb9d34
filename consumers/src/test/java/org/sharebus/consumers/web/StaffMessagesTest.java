package org.sharebus.consumers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.sharebus.inspection.InspectionItem;
import org.sharebus.inspection.InspectionItems;
import org.sharebus.profile.EnterpriseProfile;

/** The Chinese and English bundles of the staff pages say the same things, and every profile section has a title. */
class StaffMessagesTest {

    @Test
    void shouldHaveSameKeysWhenComparingChineseAndEnglishBundles() throws Exception {
        // given
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");

        // then
        assertThat(new TreeSet<>(en.stringPropertyNames())).isEqualTo(new TreeSet<>(zh.stringPropertyNames()));
    }

    @Test
    void shouldNameEveryInspectionItemInEnglishAndAsTheItemListDoesInChinese() throws Exception {
        // given the bundles
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");

        // then every item of the list has its English name, and its Chinese one is the list's
        for (InspectionItem item : InspectionItems.all()) {
            assertThat(en.getProperty("inspectionItem." + item.code())).as(item.code()).isNotBlank().doesNotContainPattern("\\p{IsHan}");
            assertThat(zh.getProperty("inspectionItem." + item.code())).as(item.code()).isEqualTo(item.name());
        }
    }

    @Test
    void shouldTitleEveryFactSectionWhenProfileSchemaHasIt() throws Exception {
        // given the profile's fact lists and records
        Properties zh = load("messages.properties");
        Set<String> notFacts = Set.of("uscc", "name", "identity", "risk", "timeline", "pendingRemovals", "eventCount",
                "lastOccurredAt", "updatedAt", "changedAt", "internalEvents", "shared");

        // then each has a section title
        for (Schema.Field field : EnterpriseProfile.getClassSchema().getFields()) {
            if (!notFacts.contains(field.name())) {
                assertThat(zh.getProperty("section." + field.name())).as("section." + field.name()).isNotBlank();
            }
        }
    }

    @Test
    void shouldKeepTheDevelopersEnglishOffTheChinesePagesWhenAMessageIsGivenIt() throws Exception {
        // given the Chinese messages a page fills with an exception's English message as their last argument
        Properties zh = load("messages.properties");
        String developerText = "status must be one of OPEN, CLOSED, got 'foo'";

        // then none prints it (the English bundle may)
        for (String key : List.of("search.invalid", "inspections.invalid")) {
            assertThat(new MessageFormat(zh.getProperty(key), Locale.CHINA).format(new Object[] {"status", developerText}))
                    .as(key).doesNotContain(developerText).contains("status");
        }
    }

    @Test
    void shouldPutEveryDrawRefusalInWordsWhenTheDrawNamesItsRule() throws Exception {
        // given the rules a draw can be refused by (InspectionDraw, InspectionService)
        List<String> rules = List.of("scope", "inspectors-per-task", "recusal", "rotation", "yearly-cap", "form-used");

        // then each has a name and a sentence in both languages
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties messages = load(bundle);
            for (String rule : rules) {
                assertThat(messages.getProperty("inspections.rule." + rule)).as(bundle + " rule " + rule).isNotBlank();
                assertThat(messages.getProperty("inspections.refused." + rule)).as(bundle + " refused " + rule).isNotBlank();
            }
        }
    }

    @Test
    void shouldNameEveryNoticeRuleInBothLanguagesWhenTheInboxShowsIt() throws Exception {
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties messages = load(bundle);
            for (String code : org.sharebus.consumers.notice.NoticeRouter.CODES) {
                assertThat(messages.getProperty("notices.rule." + code)).as(bundle + " " + code).isNotBlank().doesNotContain("_");
            }
        }
    }

    private static Properties load(String name) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(StaffMessagesTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
