package org.sharebus.platform.registry;

import org.apache.avro.Schema;

/** Parsing the schema text that clients send, with the parser's own words when it fails. */
final class AvroSchemas {

    private AvroSchemas() {
    }

    /**
     * Parses with a fresh parser each time: a parser remembers the names it has seen, and a name
     * from an earlier request must not resolve in a later one.
     *
     * @throws RegistryException 42201 with the parser's message
     */
    static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException parserRefused) {
            // Avro 1.12 reports an undefined type name as a NullPointerException naming an internal class.
            String message = String.valueOf(parserRefused.getMessage());
            if (message.contains("UnresolvedSchema")) {
                message += " (the schema uses a type name that is neither primitive nor defined in it;"
                        + " schema references are not supported by the embedded registry)";
            }
            throw RegistryException.invalidSchema(message);
        }
    }

    /**
     * The form that decides "same schema": Avro's full JSON, which keeps docs, custom properties and
     * logical-type parameters. Avro's parsing fingerprint drops the latter, so two decimals that
     * differ only in scale would share an id and be decoded wrongly.
     */
    static String canonical(Schema schema) {
        return schema.toString();
    }
}
