package org.sharebus.consumers.inspection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.consumers.TestBus;
import org.sharebus.event.EventExamples;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.market.EnterpriseRegistered;
import org.sharebus.event.market.EntityType;
import org.sharebus.event.market.MarketEvent;
import org.sharebus.uscc.Uscc;

/** The individual business (个体工商户) the inspection tests draw, alone in Yuhang, and the example data set around it. */
public final class InspectionFixtures {

    /** Yuhang (余杭区): no example enterprise is there, so a draw scoped to it draws only the individual business. */
    public static final String YUHANG = "330110";
    public static final EventExamples.Enterprise ZHANG_XIAOMING =
            new EventExamples.Enterprise(Uscc.of("92330110MA2H3K7Q5H"), "张小明", YUHANG);

    private InspectionFixtures() {
    }

    /** Every example event and the individual business's registration. */
    public static List<SpecificRecord> dataSet() {
        List<SpecificRecord> events = new ArrayList<>(EventExamples.all().stream().map(EventExamples.Example::event).toList());
        events.add(individualBusinessRegistered());
        return events;
    }

    /** A noodle shop registered by Zhang Xiaoming under his own name, as individual businesses without a trade name are. */
    public static MarketEvent individualBusinessRegistered() {
        EnterpriseRegistered payload = EnterpriseRegistered.newBuilder()
                .setEntityType(EntityType.INDIVIDUAL_BUSINESS)
                .setEstablishedOn(LocalDate.of(2021, 4, 8))
                .setRegisteredCapital(new BigDecimal("50000.00"))
                .setCapitalCurrency("CNY")
                .setAddress("浙江省杭州市余杭区五常街道文一西路998号")
                .setIndustryCode("H6210")
                .setLegalRepresentative("张小明")
                .setBusinessScope("餐饮服务；食品销售")
                .setRegistrationAuthority("杭州市余杭区市场监督管理局")
                .build();
        Instant at = EventExamples.at(2021, 4, 8, 10, 0);
        return MarketEvent.newBuilder()
                .setHeader(EventExamples.header(Department.MARKET, ZHANG_XIAOMING, payload, at, Visibility.PUBLIC).build())
                .setPayload(payload)
                .build();
    }

    /** Waits until the condition holds; fails after {@link TestBus#PATIENCE}. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(TestBus.PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + TestBus.PATIENCE);
            }
            Thread.sleep(50);
        }
    }
}
