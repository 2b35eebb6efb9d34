package org.sharebus.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type survives Avro binary encoding unchanged, in its department's envelope. */
class EventRoundTripTest {

    static Iterable<EventExamples.Example> examples() {
        return EventExamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldReadBackAnEqualEventWhenWrittenAsAvroBinary(EventExamples.Example example) throws IOException {
        // given
        SpecificRecord event = example.event();

        // when
        byte[] bytes = write(event);
        SpecificRecord read = read(bytes, event.getClass());

        // then
        assertThat(read).isEqualTo(event);
        assertThat(((SpecificRecordBase) read).get("payload")).isInstanceOf(example.payload().getClass());
        assertThat(write(read)).isEqualTo(bytes);
    }

    private static byte[] write(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        // The class's own model carries the logical-type conversions (decimal, date, uuid, timestamp).
        new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForClass(record.getClass()))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static <T extends SpecificRecord> T read(byte[] bytes, Class<T> type) throws IOException {
        return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
