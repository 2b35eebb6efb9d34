package org.sharebus.platform.registry;

import org.sharebus.platform.kafka.EmbeddedKafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sharebus.platform.registry.RegistryFixtures.declaration;
import static org.sharebus.platform.registry.RegistryFixtures.declarationWithPort;
import static org.sharebus.platform.registry.RegistryFixtures.declarationWithRequiredOffice;
import static org.sharebus.platform.registry.RegistryFixtures.declarationWithScale3;
import static org.sharebus.platform.registry.RegistryFixtures.freshRecord;
import static org.sharebus.platform.registry.RegistryHttp.schemaRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharebus.platform.registry.RegistryHttp.Reply;
import org.sharebus.topic.TopicCatalogue;

/**
 * The registry's HTTP API against a real broker. One registry serves the whole class; each test
 * uses subjects of its own.
 */
class EmbeddedSchemaRegistryTest {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static Admin admin;
    private static RegistryHttp http;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.startOnAnyPort();
        registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", 0);
        registry.start();
        http = new RegistryHttp(registry.url());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldAnswerAnIdWhenASchemaIsRegistered() {
        // given
        String subject = "customs.events.v1-value";

        // when
        Reply reply = http.register(subject, declaration());

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(MEDIA_TYPE);
        assertThat(reply.json().fieldNames()).toIterable().containsExactly("id");
        assertThat(reply.json().get("id").asInt()).isPositive();
        assertThat(http.get("/subjects").json()).extracting(node -> node.asText()).contains(subject);
    }

    @Test
    void shouldAnswerTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        // given
        String subject = "again-value";
        int first = http.registerId(subject, declaration());
        // the same schema, laid out differently
        String reformatted = declaration().toString(true);

        // when
        Reply again = http.post("/subjects/" + subject + "/versions", schemaRequest(reformatted));

        // then
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asInt()).isEqualTo(first);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void shouldReuseTheIdWhenTheSameSchemaIsRegisteredUnderAnotherSubject() {
        // given
        int underFirst = http.registerId("shared-a-value", freshRecord("Shared"));

        // when
        int underSecond = http.registerId("shared-b-value", freshRecord("Shared"));

        // then
        assertThat(underSecond).isEqualTo(underFirst);
        assertThat(http.get("/subjects/shared-b-value/versions/1").json().get("id").asInt()).isEqualTo(underFirst);
        assertThat(http.get("/schemas/ids/" + underFirst + "/versions").body())
                .isEqualTo("[{\"subject\":\"shared-a-value\",\"version\":1},{\"subject\":\"shared-b-value\",\"version\":1}]");
        // and the id's subjects, as Confluent's CachedSchemaRegistryClient.getAllSubjectsById asks them
        assertThat(http.get("/schemas/ids/" + underFirst + "/subjects").body()).isEqualTo("[\"shared-a-value\",\"shared-b-value\"]");
        assertThat(http.get("/schemas/ids/99999/subjects").json().get("error_code").asInt()).isEqualTo(40403);
    }

    @Test
    void shouldGiveDifferentIdsWhenDecimalsDifferOnlyInScale() {
        // given
        int scale2 = http.registerId("scale-2-value", declaration());
        http.put("/config/scale-3-value", "{\"compatibility\":\"NONE\"}");

        // when
        int scale3 = http.registerId("scale-3-value", declarationWithScale3());

        // then
        assertThat(scale3).isNotEqualTo(scale2);
        assertThat(http.get("/schemas/ids/" + scale3).json().get("schema").asText()).contains("\"scale\":3");
        assertThat(http.get("/schemas/ids/" + scale2).json().get("schema").asText()).contains("\"scale\":2");
    }

    @Test
    void shouldListVersionsAndAnswerTheLatestWhenASubjectEvolves() {
        // given
        String subject = "evolving-value";
        int v1 = http.registerId(subject, declaration());
        int v2 = http.registerId(subject, declarationWithPort());

        // when
        Reply versions = http.get("/subjects/" + subject + "/versions");
        Reply latest = http.get("/subjects/" + subject + "/versions/latest");

        // then
        assertThat(versions.body()).isEqualTo("[1,2]");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.json().get("subject").asText()).isEqualTo(subject);
        assertThat(latest.json().get("version").asInt()).isEqualTo(2);
        assertThat(latest.json().get("id").asInt()).isEqualTo(v2);
        assertThat(new Schema.Parser().parse(latest.json().get("schema").asText())).isEqualTo(declarationWithPort());
        assertThat(http.get("/subjects/" + subject + "/versions/-1").body()).isEqualTo(latest.body());
        assertThat(http.get("/subjects/" + subject + "/versions/1").json().get("id").asInt()).isEqualTo(v1);
        assertThat(http.get("/subjects/" + subject + "/versions/1/schema").body()).isEqualTo(declaration().toString());
    }

    @Test
    void shouldAnswerTheSchemaWhenAskedById() {
        // given
        int id = http.registerId("by-id-value", freshRecord("ById"));

        // when
        Reply reply = http.get("/schemas/ids/" + id);

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("schema").asText()).isEqualTo(freshRecord("ById").toString());
        assertThat(http.get("/schemas/ids/" + id + "/schema").body()).isEqualTo(freshRecord("ById").toString());
    }

    @Test
    void shouldFindTheVersionWhenLookingUpARegisteredSchema() {
        // given
        String subject = "lookup-value";
        int id = http.registerId(subject, declaration());

        // when
        Reply found = http.post("/subjects/" + subject, schemaRequest(declaration().toString()));
        Reply missing = http.post("/subjects/" + subject, schemaRequest(declarationWithPort().toString()));

        // then
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("subject").asText()).isEqualTo(subject);
        assertThat(found.json().get("version").asInt()).isEqualTo(1);
        assertThat(found.json().get("id").asInt()).isEqualTo(id);
        assertThat(found.json().get("schema").asText()).isEqualTo(declaration().toString());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(40403);
    }

    @Test
    void shouldAnswer40401WhenTheSubjectIsUnknown() {
        // when
        Reply versions = http.get("/subjects/nobody-value/versions");
        Reply latest = http.get("/subjects/nobody-value/versions/latest");
        Reply lookup = http.post("/subjects/nobody-value", schemaRequest(declaration().toString()));

        // then
        for (Reply reply : List.of(versions, latest, lookup)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).isEqualTo(MEDIA_TYPE);
            assertThat(reply.errorCode()).isEqualTo(40401);
            assertThat(reply.message()).isEqualTo("Subject 'nobody-value' not found.");
        }
    }

    @Test
    void shouldAnswer40403WhenTheIdIsUnknown() {
        // when
        Reply reply = http.get("/schemas/ids/987654");

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(40403);
        assertThat(reply.message()).isEqualTo("Schema 987654 not found");
        assertThat(http.get("/schemas/ids/not-a-number").errorCode()).isEqualTo(40403);
    }

    @Test
    void shouldAnswer40402And42202WhenTheVersionIsMissingOrNotAVersion() {
        // given
        http.registerId("versioned-value", declaration());

        // when
        Reply missing = http.get("/subjects/versioned-value/versions/7");
        Reply notAVersion = http.get("/subjects/versioned-value/versions/first");
        Reply zero = http.get("/subjects/versioned-value/versions/0");

        // then
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo(40402);
        assertThat(notAVersion.status()).isEqualTo(422);
        assertThat(notAVersion.errorCode()).isEqualTo(42202);
        assertThat(notAVersion.message()).contains("'first'");
        assertThat(zero.errorCode()).isEqualTo(42202);
    }

    @Test
    void shouldAnswer409NamingTheFieldAndStoreNothingWhenAChangeIsIncompatible() {
        // given
        String subject = "incompatible-value";
        http.registerId(subject, declaration());
        Store before = store();

        // when
        Reply reply = http.register(subject, declarationWithRequiredOffice());

        // then
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo(409);
        assertThat(reply.message()).isEqualTo("Schema being registered is incompatible with an earlier schema for subject "
                + "\"incompatible-value\": READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2 (field 'inspectionOffice'), "
                + "new schema reading data written with version 1 (compatibility BACKWARD_TRANSITIVE)");
        assertThat(store()).isEqualTo(before);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void shouldAnswer409WhenOnlyADecimalsScaleChangesThoughAvroItselfWouldAcceptIt() {
        // given
        String subject = "rescaled-value";
        http.registerId(subject, declaration());

        // when
        Reply reply = http.register(subject, declarationWithScale3());

        // then
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.message()).contains("LOGICAL_TYPE_MISMATCH at ").contains("written as bytes decimal(").contains(",2), read as bytes decimal(")
                .contains(",3) (a decimal's scale never changes");
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void shouldRaiseTheCatalogueSubjectsToBackwardTransitiveWhenTheRegistrysLevelIsWeaker() {
        // given a registry left at Confluent's default, BACKWARD, and one subject already FULL_TRANSITIVE
        org.sharebus.registry.RestSchemaRegistryClient client = new org.sharebus.registry.RestSchemaRegistryClient(java.net.URI.create(registry.url()));
        http.put("/config", "{\"compatibility\":\"BACKWARD\"}");
        http.put("/config/notices-strict-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        try {
            // when
            List<String> raised = SubjectCompatibility.hold(client, List.of("customs-held-value", "notices-strict-value")).raised();

            // then only the weaker subject is raised, over the Confluent API, and says from what
            assertThat(raised).containsExactly("customs-held-value (was BACKWARD)");
            assertThat(http.get("/config/customs-held-value").json().get("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");
            assertThat(http.get("/config/notices-strict-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");
            assertThat(SubjectCompatibility.hold(client, List.of("customs-held-value", "notices-strict-value")).raised()).isEmpty();
        } finally {
            http.put("/config", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        }
    }

    @Test
    void shouldAnswer42201WithTheParserMessageAndStoreNothingWhenTheSchemaIsInvalid() {
        // given
        String badDefault = "{\"type\":\"record\",\"name\":\"Bad\",\"fields\":[{\"name\":\"count\",\"type\":\"int\",\"default\":\"many\"}]}";
        Store before = store();

        // when
        Reply reply = http.post("/subjects/invalid-value/versions", schemaRequest(badDefault));

        // then
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(42201);
        assertThat(reply.message()).isEqualTo("Invalid schema: Invalid default for field count: \"many\" not a \"int\"");
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void shouldAnswer42201NamingTheProblemWhenTheSchemaIsMissingOrNotAvro() {
        // given
        Store before = store();

        // when
        Reply noSchema = http.post("/subjects/shapeless-value/versions", "{\"schemaType\":\"AVRO\"}");
        Reply protobuf = http.post("/subjects/shapeless-value/versions",
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        Reply undefinedType = http.post("/subjects/shapeless-value/versions", schemaRequest("{\"type\":\"recrod\",\"name\":\"X\"}"));

        // then
        assertThat(noSchema.status()).isEqualTo(422);
        assertThat(noSchema.errorCode()).isEqualTo(42201);
        assertThat(noSchema.message()).contains("no \"schema\" field");
        assertThat(protobuf.errorCode()).isEqualTo(42201);
        assertThat(protobuf.message()).contains("schemaType 'PROTOBUF' is not supported");
        assertThat(undefinedType.errorCode()).isEqualTo(42201);
        assertThat(undefinedType.message()).contains("neither primitive nor defined");
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void shouldAnswer400AndStoreNothingWhenTheRequestIsNotJson() {
        // given
        Store before = store();

        // when
        Reply notJson = http.post("/subjects/garbled-value/versions", "{\"schema\": ");
        Reply empty = http.post("/subjects/garbled-value/versions", "");
        Reply notAnObject = http.post("/subjects/garbled-value/versions", "[\"schema\"]");
        Reply plainText = http.send("POST", "/subjects/garbled-value/versions", schemaRequest(declaration().toString()), "text/plain");

        // then
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo(400);
        assertThat(notJson.message()).startsWith("The request body is not valid JSON: ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(notAnObject.status()).isEqualTo(422);
        assertThat(notAnObject.message()).isEqualTo("The request body must be a JSON object, got ARRAY");
        assertThat(plainText.status()).isEqualTo(415);
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void shouldAcceptPlainJsonAndOctetStreamWhenRegistering() {
        // when
        Reply json = http.send("POST", "/subjects/media-a-value/versions", schemaRequest(freshRecord("Media").toString()),
                "application/json; charset=utf-8");
        Reply octets = http.send("POST", "/subjects/media-b-value/versions", schemaRequest(freshRecord("Media").toString()),
                "application/octet-stream");

        // then
        assertThat(json.status()).isEqualTo(200);
        assertThat(octets.status()).isEqualTo(200);
        assertThat(octets.json().get("id").asInt()).isEqualTo(json.json().get("id").asInt());
    }

    @Test
    void shouldAnswer405AndKeepTheSubjectWhenAskedToDelete() {
        // given
        http.registerId("kept-value", declaration());
        Store before = store();

        // when
        Reply reply = http.send("DELETE", "/subjects/kept-value/versions", null, null);

        // then
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.errorCode()).isEqualTo(405);
        assertThat(reply.allow()).isEqualTo("GET, POST");
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void shouldAnswerWhetherASchemaIsCompatibleWhenAskedBeforeRegistering() {
        // given
        String subject = "checked-value";
        http.registerId(subject, declaration());
        Store before = store();

        // when
        Reply compatible = http.post("/compatibility/subjects/" + subject + "/versions/latest",
                schemaRequest(declarationWithPort().toString()));
        Reply incompatible = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
                schemaRequest(declarationWithRequiredOffice().toString()));
        Reply newSubject = http.post("/compatibility/subjects/unborn-value/versions/latest",
                schemaRequest(declarationWithRequiredOffice().toString()));

        // then
        assertThat(compatible.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(incompatible.json().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.json().get("messages").get(0).asText())
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE", "field 'inspectionOffice'");
        assertThat(newSubject.body()).isEqualTo("{\"is_compatible\":true}");
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void shouldCallASchemaIncompatibleThroughTheRestClientWhenOnlyAnEarlierVersionThanTheLatestRefusesIt() {
        // given, under the default BACKWARD_TRANSITIVE: version 1 with an int amount, version 2 without it
        org.sharebus.registry.RestSchemaRegistryClient client =
                new org.sharebus.registry.RestSchemaRegistryClient(java.net.URI.create(registry.url()));
        String subject = "transitive-value";
        client.register(subject, fine("{\"name\": \"amount\", \"type\": \"int\"}"));
        client.register(subject, fine(""));

        // when a third version would read the amount as a string: fine for version 2, not for version 1
        org.apache.avro.Schema third = fine("{\"name\": \"amount\", \"type\": \"string\", \"default\": \"\"}");

        // then the client says what registering it would say
        assertThat(client.isCompatible(subject, third)).isFalse();
        assertThatThrownBy(() -> client.register(subject, third)).hasMessageContaining("version 1");
    }

    private static org.apache.avro.Schema fine(String field) {
        return new org.apache.avro.Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Fine\", \"fields\": [" + field + "]}");
    }

    @Test
    void shouldKeepGlobalAndSubjectLevelsWhenConfigIsSet() {
        // given
        String subject = "configured-value";

        // when
        Reply set = http.put("/config/" + subject, "{\"compatibility\":\"full\"}");

        // then
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(set.body()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(http.get("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        Reply unset = http.get("/config/unconfigured-value");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/unconfigured-value?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}");
    }

    @Test
    void shouldChangeTheGlobalLevelWhenConfigIsPut() {
        // given
        String subject = "global-level-value";
        http.registerId(subject, declaration());

        try {
            // when
            Reply set = http.put("/config", "{\"compatibility\":\"NONE\"}");

            // then
            assertThat(set.body()).isEqualTo("{\"compatibility\":\"NONE\"}");
            assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(http.register(subject, declarationWithRequiredOffice()).status()).isEqualTo(200);
        } finally {
            http.put("/config", "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        }
    }

    @Test
    void shouldApplyTheSubjectsLevelWhenRegistering() {
        // given
        String subject = "forward-value";
        http.registerId(subject, declarationWithRequiredOffice());
        http.put("/config/" + subject, "{\"compatibility\":\"FORWARD\"}");

        // when: dropping the office is fine backward, but readers on version 1 still need it
        Reply reply = http.register(subject, declaration());

        // then
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.message()).isEqualTo("Schema being registered is incompatible with an earlier schema for subject "
                + "\"forward-value\": READER_FIELD_MISSING_DEFAULT_VALUE at /fields/2 (field 'inspectionOffice'), "
                + "version 1 reading data written with the new schema (compatibility FORWARD)");
    }

    @Test
    void shouldAnswer42203AndKeepTheLevelWhenTheLevelIsUnknown() {
        // given
        Store before = store();

        // when
        Reply reply = http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}");

        // then
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errorCode()).isEqualTo(42203);
        assertThat(reply.message()).startsWith("Invalid compatibility level 'SIDEWAYS'.");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void shouldDecodeTheSubjectWhenItsNameIsUrlEncoded() {
        // when
        int id = http.registerId("hangzhou%20customs%2Fdeclarations+value", freshRecord("Encoded"));

        // then
        assertThat(http.get("/subjects").json()).extracting(node -> node.asText()).contains("hangzhou customs/declarations+value");
        assertThat(http.get("/subjects/hangzhou%20customs%2Fdeclarations%2Bvalue/versions/1").json().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void shouldAnswerEmptyObjectAtTheRootAndConfluentStyle404ElsewhereWhenPathsAreUnknown() {
        // when
        Reply root = http.get("/");
        Reply unknown = http.get("/schemas/everything");

        // then
        assertThat(root.body()).isEqualTo("{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(404);
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
    }

    /** What the registry stores: its subjects and versions as answered, and the end of its topic. */
    private static Store store() {
        TopicPartition schemas = new TopicPartition(TopicCatalogue.SCHEMAS, 0);
        try {
            long end = admin.listOffsets(Map.of(schemas, OffsetSpec.latest())).partitionResult(schemas)
                    .get(30, TimeUnit.SECONDS).offset();
            StringBuilder subjects = new StringBuilder();
            http.get("/subjects").json().forEach(subject -> subjects.append(subject.asText()).append('=')
                    .append(http.get("/subjects/" + subject.asText().replace(" ", "%20").replace("/", "%2F").replace("+", "%2B")
                            + "/versions").body()).append(' '));
            return new Store(subjects.toString(), end);
        } catch (Exception failed) {
            throw new AssertionError("could not read the registry's store", failed);
        }
    }

    private record Store(String subjectsAndVersions, long topicEnd) {
    }
}
