package org.sharebus.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format of a Kafka record key or value: magic byte 0, the writer's schema id as
 * 4 bytes big-endian, then the Avro binary encoding. Any Confluent-compatible client reads it.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    /** The magic byte and the schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** The 5 bytes that start every record written with this schema id. */
    public static byte[] header(int schemaId) {
        return new byte[] {MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId};
    }

    /**
     * The writer's schema id of a record in the wire format.
     *
     * @throws SerializationException if the bytes are not in the wire format
     */
    public static int schemaId(byte[] data) {
        if (data.length > 0 && data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "unknown magic byte 0x%02x at offset 0: not Confluent wire format (magic byte 0, 4-byte schema id, Avro binary)",
                    data[0] & 0xff));
        }
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("only " + data.length + " byte(s): not Confluent wire format, which starts"
                    + " with 5 bytes (magic byte 0, 4-byte schema id)");
        }
        return (data[1] & 0xff) << 24 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 8 | (data[4] & 0xff);
    }
}
