package org.sharebus.serde;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.customs.CustomsCaseType;
import org.sharebus.event.customs.CustomsEvent;
import org.sharebus.event.customs.CustomsPenaltyDecided;
import org.sharebus.uscc.UsccGenerator;

/** Customs events for serde tests. */
final class CustomsEvents {

    private CustomsEvents() {
    }

    /** A smuggling penalty (走私) of 1,250,000.50 yuan decided by Hangzhou customs, naming the responsible person. */
    static CustomsEvent smugglingPenalty() {
        EventHeader header = EventHeader.newBuilder()
                .setEventId(UUID.fromString("6f1c2a1e-3b7d-4c1a-9f4e-2d8b5a7c9e01"))
                .setEventType("CustomsPenaltyDecided")
                .setSourceDepartment(Department.CUSTOMS)
                .setUscc(new UsccGenerator(42).next("330106").value())
                .setEnterpriseName("杭州西湖进出口贸易有限公司")
                .setRegionCode("330106")
                .setOccurredAt(Instant.parse("2026-03-02T02:00:00Z"))
                .setPublishedAt(Instant.parse("2026-03-02T02:00:05.123Z"))
                .setVisibility(Visibility.PUBLIC)
                .setDocNo("杭关缉决字〔2026〕12号")
                .setLegalBasis("《中华人民共和国海关法》第八十二条")
                .build();
        CustomsPenaltyDecided penalty = CustomsPenaltyDecided.newBuilder()
                .setCaseType(CustomsCaseType.SMUGGLING)
                .setDecisionNo("杭关缉决字〔2026〕12号")
                .setAmount(new BigDecimal("1250000.50"))
                .setDecidedAt(LocalDate.of(2026, 3, 1))
                .setDescription("以伪报品名方式走私冻品入境")
                .setResponsiblePerson("王某")
                .build();
        return CustomsEvent.newBuilder().setHeader(header).setPayload(penalty).build();
    }
}
