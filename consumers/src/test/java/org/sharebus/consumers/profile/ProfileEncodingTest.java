package org.sharebus.consumers.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.sharebus.event.EventExamples;
import org.sharebus.profile.EnterpriseProfile;
import org.sharebus.serde.NullableUnionWriter;

/** Profiles built from the example events are written by the builder's writer exactly as by Avro's own. */
class ProfileEncodingTest {

    @Test
    void shouldWriteEveryExampleProfileAsAvrosOwnWriterDoes() throws IOException {
        // given: every profile published while the examples' six enterprises gathered facts of every department
        List<EnterpriseProfile> profiles;
        try (ProfileDriver driver = new ProfileDriver(Instant.parse("2026-11-20T00:00:00Z"))) {
            EventExamples.all().forEach(example -> driver.pipe(example.event()));
            profiles = driver.published();
        }
        SpecificData model = SpecificData.getForClass(EnterpriseProfile.class);
        assertThat(profiles).extracting(EnterpriseProfile::getUscc).containsAll(EventExamples.all().stream()
                .map(example -> example.header().getUscc()).toList()).hasSizeGreaterThan(6);

        for (EnterpriseProfile profile : profiles) {
            // when
            byte[] ours = write(new NullableUnionWriter<>(EnterpriseProfile.getClassSchema(), model), profile);

            // then
            assertThat(ours).as(profile.getUscc()).isEqualTo(write(new SpecificDatumWriter<>(EnterpriseProfile.getClassSchema(), model), profile));
        }
    }

    private static byte[] write(SpecificDatumWriter<EnterpriseProfile> writer, EnterpriseProfile profile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(profile, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
