package org.sharebus.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sharebus.gateway.publish.ItemResult.Outcome;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/** The batch answer written by hand is the JSON Jackson's bean serializer writes for the same records. */
class BatchResultTest {

    /** Takes the hand-written serializer off, leaving the records' own annotations: what the answer was before it. */
    @JsonSerialize(using = ValueSerializer.None.class)
    private abstract static class BeanSerialized {
    }

    private static final JsonMapper BY_HAND = JsonMapper.builder().build();
    private static final JsonMapper BY_BEAN = JsonMapper.builder().addMixIn(BatchResult.class, BeanSerialized.class).build();

    @Test
    void everyKindOfItemIsWrittenAsTheBeanSerializerWritesIt() {
        UUID id = UUID.fromString("0b7f3a52-5c1e-4d55-9a5e-2f0d9a3c1b11");
        Receipt receipt = new Receipt(id, "CustomsPenaltyDecided", "CUSTOMS", "sharebus.customs.v1", 7, 123_456_789_012L,
                Instant.parse("2026-11-29T06:15:30.123Z"), "ab".repeat(32));
        Receipt wholeSecond = new Receipt(UUID.randomUUID(), "TaxCreditRated", "TAX", "sharebus.tax.v1", 0, 0,
                Instant.parse("2026-11-29T06:15:30Z"), "cd".repeat(32));
        Receipt withNulls = new Receipt(null, null, null, null, 1, 2, null, null);
        BatchResult batch = new BatchResult("req-1", 2, 1, 3, List.of(
                ItemResult.receipt(0, Outcome.ACCEPTED, receipt, "ff".repeat(32)),
                ItemResult.receipt(1, Outcome.ACCEPTED, wholeSecond, null).at(4),
                new ItemResult(2, "x", "y", Outcome.DUPLICATE, 200, withNulls, null, null, null),
                ItemResult.refused(3, null, null, 400, "validation", List.of(
                        new Violation(3, "uscc", "check-digit", "the check digit is \"X\", expected \"7\" \u2014 \u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801"),
                        new Violation(3, "", "unknown-field", null)), null),
                ItemResult.refused(5, "not-a-uuid", "CustomsPenaltyDecided", 409, "conflict", List.of(), "00".repeat(32)),
                new ItemResult(6, null, null, null, 500, null, null, null, null)));

        String byHand = BY_HAND.writeValueAsString(batch);

        assertThat(byHand).isEqualTo(BY_BEAN.writeValueAsString(batch));
        assertThat(byHand).contains("\"timestamp\":\"2026-11-29T06:15:30.123Z\"", "\"timestamp\":\"2026-11-29T06:15:30Z\"",
                "\"offset\":123456789012", "\"outcome\":\"DUPLICATE\",\"status\":200");
    }

    @Test
    void anEmptyBatchAnswerHasItsCountsAndNoResults() {
        BatchResult empty = new BatchResult("req-2", 0, 0, 0, List.of());

        assertThat(BY_HAND.writeValueAsString(empty)).isEqualTo(BY_BEAN.writeValueAsString(empty))
                .isEqualTo("{\"requestId\":\"req-2\",\"accepted\":0,\"duplicates\":0,\"refused\":0,\"results\":[]}");
    }
}
