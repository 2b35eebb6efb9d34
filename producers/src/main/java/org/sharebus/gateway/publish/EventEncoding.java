package org.sharebus.gateway.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.event.common.EventHeader;
import org.sharebus.serde.NullableUnionWriter;

/**
 * A valid event's Avro binary, encoded once, and its content digest read from the same bytes.
 *
 * <p>The digest that decides "same event" is the SHA-256 of the event's Avro binary with
 * {@code publishedAt} (which the gateway sets) at the epoch, so a resend of the same content has
 * the same digest. The gateway used to encode each event twice for that, a tenth of a batch
 * request's CPU with the copy the serializer made; now the one encoding notes where
 * {@code publishedAt}'s bytes are, and the digest takes the bytes around them with the epoch's
 * encoding (one zero byte: zig-zag 0) in their place. Same digests as before, byte for byte.
 */
final class EventEncoding {

    private static final int PUBLISHED_AT = EventHeader.getClassSchema().getField("publishedAt").pos();
    private static final byte EPOCH = 0;
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);

    private EventEncoding() {
    }

    /** The encoding of an event with publishedAt set, and its digest. */
    record Encoded(byte[] avro, byte[] digest) {
    }

    static Encoded encode(SpecificData model, SpecificRecord event) {
        Output out = OUTPUT.get();
        out.reset();
        out.start = -1;
        try {
            out.writers.computeIfAbsent(event.getSchema(), schema -> new Writer(schema, model, out)).write(event, out.encoder);
            out.encoder.flush();
        } catch (IOException e) {
            OUTPUT.remove();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            OUTPUT.remove();
            throw e;
        }
        if (out.start < 0) {
            throw new IllegalStateException(event.getSchema().getFullName() + " has no EventHeader with publishedAt");
        }
        MessageDigest sha256 = EventReader.sha256Digest();
        sha256.update(out.buffer(), 0, out.start);
        sha256.update(EPOCH);
        sha256.update(out.buffer(), out.end, out.size() - out.end);
        Encoded encoded = new Encoded(out.toByteArray(), sha256.digest());
        if (out.buffer().length > MAX_KEPT_BUFFER) {
            OUTPUT.remove();
        }
        return encoded;
    }

    /** A thread's buffer, its unbuffered encoder (so the buffer's size is the position) and writers. */
    private static final class Output extends ByteArrayOutputStream {
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);
        final Map<Schema, Writer> writers = new HashMap<>();
        int start;
        int end;

        Output() {
            super(512);
        }

        byte[] buffer() {
            return buf;
        }
    }

    /** Notes where the header's publishedAt begins and ends. */
    private static final class Writer extends NullableUnionWriter<SpecificRecord> {
        private final Output out;

        Writer(Schema schema, SpecificData model, Output out) {
            super(schema, model);
            this.out = out;
        }

        @Override
        protected void writeField(Object datum, Schema.Field field, Encoder encoder, Object state) throws IOException {
            boolean publishedAt = datum instanceof EventHeader && field.pos() == PUBLISHED_AT;
            if (publishedAt) {
                out.start = out.size();
            }
            super.writeField(datum, field, encoder, state);
            if (publishedAt) {
                out.end = out.size();
            }
        }
    }
}
