package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.EventHeader;
import org.sharebus.gateway.GatewayProperties;
import org.sharebus.gateway.publish.EventReader.ReadEvent;
import org.sharebus.gateway.publish.EventTypes.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One encoding per event must give the bytes that are stored and the same digest two encodings
 * gave (the event with publishedAt at the epoch): digests of events published before the change
 * still decide whether a resend is the same event.
 */
class EventEncodingTest {

    private final EventTypes types = new EventTypes();
    private final EventReader reader = new EventReader(types, new GatewayProperties(null, null, null, null, null, null));
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldDigestEveryEventTypeAsTheEventWithPublishedAtAtTheEpochAndStoreWhatDecodesToTheEvent() throws IOException {
        Instant now = Instant.now();
        for (EventType type : types.all()) {
            JsonNode example = json.valueToTree(ExampleEvents.of(type, UUID.randomUUID()));
            ReadEvent read = reader.read(0, example, now);
            assertThat(read.violations()).as(type.name()).isEmpty();

            SpecificData model = SpecificData.getForClass(type.envelope());
            assertThat(decode(model, read)).as(type.name()).isEqualTo(read.event());
            EventHeader header = header(read.event());
            assertThat(header.getPublishedAt()).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));

            SpecificRecord atEpoch = model.deepCopy(read.event().getSchema(), read.event());
            header(atEpoch).setPublishedAt(Instant.EPOCH);
            assertThat(read.digest()).as(type.name()).isEqualTo(EventReader.sha256(encode(model, atEpoch)));
        }
    }

    @Test
    void shouldTakeTheSchemasDefaultWhenASenderLeavesOutAnyPayloadFieldThatHasOne() {
        // given every event type's example, and each payload field with a default (arrays such as
        // AnnualReportFiled.publishedOptionalItems among them)
        Instant now = Instant.now();
        int left = 0;
        for (EventType type : types.all()) {
            for (org.apache.avro.Schema.Field field : type.payloadSchema().getFields()) {
                if (!field.hasDefaultValue()) {
                    continue;
                }
                ObjectNode example = json.valueToTree(ExampleEvents.of(type, UUID.randomUUID()));

                // when the sender leaves it out
                ((ObjectNode) example.get("payload")).remove(field.name());
                ReadEvent read = reader.read(0, example, now);

                // then the event is valid and holds the default
                assertThat(read.violations()).as(type.name() + "." + field.name()).isEmpty();
                SpecificRecord payload = (SpecificRecord) read.event().get(read.event().getSchema().getField("payload").pos());
                assertThat(String.valueOf(payload.get(field.pos()))).as(type.name() + "." + field.name())
                        .isEqualTo(String.valueOf(SpecificData.get().getDefaultValue(field)));
                left++;
            }
        }
        assertThat(left).as("payload fields with a default").isGreaterThan(10);
    }

    @Test
    void shouldGiveTheSameDigestToTheSameContentReadLaterButStoreItsOwnPublishedAt() {
        EventType type = types.find("CustomsPenaltyDecided").orElseThrow();
        JsonNode example = json.valueToTree(ExampleEvents.of(type, UUID.randomUUID()));

        Instant now = Instant.now();
        ReadEvent first = reader.read(0, example, now);
        ReadEvent resent = reader.read(0, example, now.plusSeconds(3_600));
        ((ObjectNode) example).put("enterpriseName", "另一家企业");
        ReadEvent changed = reader.read(0, example, now);

        assertThat(first.violations()).isEmpty();
        assertThat(resent.digest()).isEqualTo(first.digest());
        assertThat(resent.avro()).isNotEqualTo(first.avro());
        assertThat(changed.digest()).isNotEqualTo(first.digest());
    }

    private static EventHeader header(SpecificRecord event) {
        return (EventHeader) event.get(event.getSchema().getField("header").pos());
    }

    private static SpecificRecord decode(SpecificData model, ReadEvent read) throws IOException {
        SpecificDatumReader<SpecificRecord> datumReader = new SpecificDatumReader<>(read.event().getSchema(), read.event().getSchema(), model);
        return datumReader.read(null, DecoderFactory.get().binaryDecoder(read.avro(), null));
    }

    private static byte[] encode(SpecificData model, SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema(), model).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
