package org.sharebus.consumers.inspection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sharebus.event.common.Department;
import org.springframework.core.io.Resource;

/**
 * The inspector pool (执法检查人员名录库): every law-enforcement officer a department may send, with
 * whether they are certified (持有执法证). Identities are INTERNAL: events carry certificate numbers
 * only, and no public page shows either.
 */
public final class InspectorPool {

    static final String CSV_HEADER = "id,department,region_code,name,certified";

    private final List<Inspector> inspectors;

    public InspectorPool(List<Inspector> inspectors) {
        Set<String> ids = new HashSet<>();
        for (Inspector inspector : inspectors) {
            if (!ids.add(inspector.id())) {
                throw new IllegalArgumentException("inspector " + inspector.id() + " is listed twice in the inspector pool");
            }
        }
        this.inspectors = List.copyOf(inspectors);
    }

    /**
     * Reads a UTF-8 CSV file with the header {@value #CSV_HEADER}; {@code certified} is true or false.
     */
    public static InspectorPool fromCsv(Resource csv) {
        List<Inspector> inspectors = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(csv.getInputStream(), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.strip().replace("\uFEFF", "").equals(CSV_HEADER)) {
                throw new IllegalArgumentException(csv.getDescription() + ": the first line must be " + CSV_HEADER + ", got " + header);
            }
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 5) {
                    throw new IllegalArgumentException(csv.getDescription() + " line " + lineNo + ": expected 5 columns (" + CSV_HEADER
                            + "), got " + cells.length);
                }
                inspectors.add(new Inspector(cells[0].strip(), Department.valueOf(cells[1].strip()), cells[2].strip(), cells[3].strip(),
                        Boolean.parseBoolean(cells[4].strip())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inspector pool " + csv.getDescription(), e);
        }
        return new InspectorPool(inspectors);
    }

    /** The department's certified officers: only they may be drawn. */
    public List<Inspector> certified(Department department) {
        return inspectors.stream().filter(inspector -> inspector.department() == department && inspector.certified()).toList();
    }

    public int size() {
        return inspectors.size();
    }

    /**
     * One officer of the pool.
     *
     * @param id         law-enforcement certificate number (执法证号); the only identity events carry
     * @param regionCode GB/T 2260 code of the officer's unit: officers of the enterprise's district are drawn first
     * @param name       PERSONAL: shown to staff of the department only
     * @param certified  whether the officer holds a valid certificate and may be drawn
     */
    public record Inspector(String id, Department department, String regionCode, String name, boolean certified) {
    }

    /**
     * Supplies the pool when none is configured ({@code sharebus.inspection.inspectors-csv}); the
     * all-in-one launcher supplies the seed data set's roster this way.
     */
    @FunctionalInterface
    public interface Fallback {
        List<Inspector> inspectors();
    }
}
