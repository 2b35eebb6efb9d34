package org.sharebus.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.customs.CustomsEvent;

/** The shorter union resolution writes exactly the bytes Avro's own writer does. */
class NullableUnionWriterTest {

    static Iterable<EventExamples.Example> examples() {
        return EventExamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldWriteTheBytesOfAvrosOwnWriterForEveryExample(EventExamples.Example example) throws IOException {
        // given: the envelope (a union of the department's event types) and its nullable fields, set and unset
        SpecificRecord event = example.event();
        SpecificData model = SpecificData.getForClass(event.getClass());

        // when
        byte[] ours = write(new NullableUnionWriter<>(event.getSchema(), model), event);

        // then
        assertThat(ours).isEqualTo(write(new SpecificDatumWriter<>(event.getSchema(), model), event));
    }

    @Test
    void shouldWriteTheNullBranchForEveryUnsetNullableFieldAsAvroDoes() throws IOException {
        // given: every optional field of the header left unset
        SpecificRecord event = EventExamples.all().get(0).event();
        EventHeader header = EventHeader.newBuilder((EventHeader) ((SpecificRecordBase) event).get("header"))
                .setDocNo(null).setLegalBasis(null).setCorrelationId(null).build();
        ((SpecificRecordBase) event).put("header", header);
        SpecificData model = SpecificData.getForClass(event.getClass());

        // when
        byte[] ours = write(new NullableUnionWriter<>(event.getSchema(), model), event);

        // then
        assertThat(ours).isEqualTo(write(new SpecificDatumWriter<>(event.getSchema(), model), event));
    }

    @Test
    void shouldLeaveAUnionOfEventTypesToAvro() {
        // given: a customs envelope whose payload is none of the union's branches
        CustomsEvent event = (CustomsEvent) EventExamples.all().get(0).event();
        event.put("payload", EventHeader.newBuilder(event.getHeader()).build());

        // when / then: resolved by Avro, which names the union
        assertThatThrownBy(() -> write(new NullableUnionWriter<>(event.getSchema(), SpecificData.getForClass(CustomsEvent.class)), event))
                .isInstanceOf(UnresolvedUnionException.class);
    }

    private static <T extends SpecificRecord> byte[] write(SpecificDatumWriter<T> writer, SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        @SuppressWarnings("unchecked")
        T typed = (T) record;
        writer.write(typed, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
