package org.sharebus.schemas.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The released versions of every subject: {@code <root>/<subject>/v<N>.avsc}, each the full,
 * self-contained schema (named types inlined) as the serializer registers it. Versions are
 * numbered from 1 without gaps, like a registry's.
 */
public final class SchemaHistory {

    /** Overrides where the history is looked for, e.g. {@code -Dsharebus.schemas.history=/path}. */
    public static final String LOCATION_PROPERTY = "sharebus.schemas.history";
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public SchemaHistory(Path root) {
        this.root = root;
    }

    /**
     * The history of the schemas module, found from the working directory: the module itself
     * (as under surefire) or the repository root (as under {@code mvn exec:java}).
     */
    public static SchemaHistory locate() {
        String configured = System.getProperty(LOCATION_PROPERTY);
        if (configured != null) {
            return new SchemaHistory(Path.of(configured));
        }
        for (Path module : List.of(Path.of("."), Path.of("schemas"))) {
            if (Files.isDirectory(module.resolve("src/main/avro"))) {
                return new SchemaHistory(module.resolve("history").normalize());
            }
        }
        throw new IllegalStateException("cannot find the schemas module from " + Path.of("").toAbsolutePath()
                + ": run from the repository root or the schemas module, or set -D" + LOCATION_PROPERTY);
    }

    public Path root() {
        return root;
    }

    /** Released version numbers of a subject, ascending; empty when nothing was released. */
    public List<Integer> versions(String subject) {
        Path dir = root.resolve(subject);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> VERSION_FILE.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(matcher -> Integer.parseInt(matcher.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A released version; a file that is not a valid Avro schema is an error naming the file. */
    public Schema read(String subject, int version) {
        Path file = file(subject, version);
        try {
            return new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (SchemaParseException e) {
            throw new IllegalStateException(file + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    /** Writes a version; never overwrites one, since released versions are immutable. */
    Path write(String subject, int version, Schema schema) {
        Path file = file(subject, version);
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists: a released version is never rewritten");
        }
        try {
            Files.createDirectories(file.getParent());
            // Pretty-printed for review; it parses to exactly the schema the serializer registers.
            String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(schema.toString()));
            return Files.writeString(file, pretty + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    Path file(String subject, int version) {
        return root.resolve(subject).resolve("v" + version + ".avsc");
    }
}
