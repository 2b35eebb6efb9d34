package org.sharebus.seeds.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.sharebus.event.market.EntityType;
import org.sharebus.seeds.city.District;
import org.sharebus.seeds.city.Industry;
import org.sharebus.uscc.Uscc;

/**
 * One synthetic enterprise as its registration shows it.
 *
 * @param index              position in the data set, 0-based; with the seed it decides everything about the enterprise
 * @param industryClass      GB/T 4754-2017 class, section letter and four digits, e.g. I6513
 * @param legalRepresentative a fictitious natural person (PERSONAL data in the events)
 * @param customsCode        the 10-character code customs would give it, used only if it trades
 */
public record Enterprise(int index, Uscc uscc, String name, District district, Industry industry, String industryClass,
                         EntityType entityType, LocalDate establishedOn, BigDecimal registeredCapital, String address,
                         String legalRepresentative, String customsCode) {

    public String regionCode() {
        return district.code();
    }
}
