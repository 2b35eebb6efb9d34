package org.sharebus.seeds.generate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.EventHeader;

/**
 * One department event ready to publish: the topic, the key (the USCC) and the envelope record
 * ({@code MarketEvent}, {@code CustomsEvent}, …).
 */
public record SeedEvent(Department department, String topic, String key, SpecificRecordBase value) {

    public EventHeader header() {
        return (EventHeader) value.get("header");
    }

    public SpecificRecord payload() {
        return (SpecificRecord) value.get("payload");
    }

    /** The payload record's name, e.g. AnnualReportFiled. */
    public String eventType() {
        return header().getEventType();
    }
}
