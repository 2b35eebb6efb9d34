package org.sharebus.seeds.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.sharebus.event.market.EntityType;
import org.sharebus.seeds.city.District;
import org.sharebus.seeds.city.Industry;
import org.sharebus.seeds.city.Names;
import org.sharebus.uscc.Uscc;

/**
 * Makes enterprise {@code i} of a data set from the seed alone, so any enterprise can be made
 * without the ones before it.
 *
 * <p>USCCs are unique: the organisation-code body (positions 9–16) is an affine bijection of the
 * index modulo 10⁸ with a seed-chosen multiplier coprime to 10, followed by its GB 11714 check
 * digit and the GB 32100 check character. Customs codes are likewise "330" and a bijection of the
 * index modulo 10⁷.
 */
public final class EnterpriseFactory {

    private static final long BODY_SPACE = 100_000_000L;
    private static final long CUSTOMS_SPACE = 10_000_000L;
    private static final int FIRST_ESTABLISHMENT_YEAR = 1995;
    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private final SeedParameters parameters;
    private final Names names;
    private final long bodyMultiplier;
    private final long bodyOffset;
    private final long customsMultiplier;
    private final long customsOffset;
    private final int districtWeightSum;
    private final int industryWeightSum;

    public EnterpriseFactory(SeedParameters parameters) {
        this.parameters = parameters;
        this.names = new Names(parameters.seed());
        SplittableRandom random = new SplittableRandom(parameters.seed() ^ 0x0C0DE5L);
        this.bodyMultiplier = coprimeToTen(random, BODY_SPACE);
        this.bodyOffset = random.nextLong(BODY_SPACE);
        this.customsMultiplier = coprimeToTen(random, CUSTOMS_SPACE);
        this.customsOffset = random.nextLong(CUSTOMS_SPACE);
        int districts = 0;
        for (District district : District.values()) {
            districts += district.weight();
        }
        this.districtWeightSum = districts;
        int industries = 0;
        for (Industry industry : Industry.values()) {
            industries += industry.weight();
        }
        this.industryWeightSum = industries;
    }

    /** The random source of enterprise {@code index}: independent of every other enterprise's. */
    SplittableRandom randomOf(int index) {
        return new SplittableRandom(parameters.seed() * 0x9E3779B97F4A7C15L + index);
    }

    public Enterprise make(int index) {
        SplittableRandom random = randomOf(index);
        District district = district(random);
        Industry industry = industry(random);
        Industry.IndustryClass industryClass = industry.classes().get(random.nextInt(industry.classes().size()));
        boolean jointStock = random.nextDouble() < parameters.jointStockShare();
        String word = industry.nameWords().get(random.nextInt(industry.nameWords().size()));
        String name = names.enterpriseName(index, district, word, jointStock, random);
        LocalDate established = establishedOn(random);
        return new Enterprise(index, uscc(index, district), name, district, industry, industryClass.code(),
                jointStock ? EntityType.JOINT_STOCK_COMPANY : EntityType.LIMITED_LIABILITY_COMPANY, established,
                capital(random, jointStock), address(random, district), Names.personName(random), customsCode(index));
    }

    Uscc uscc(int index, District district) {
        long body = Math.floorMod(bodyMultiplier * index + bodyOffset, BODY_SPACE);
        String body8 = Story.zeroPadded(8, body);
        String first17 = "91" + district.code() + body8 + organisationCheckDigit(body8);
        return new Uscc(first17 + Uscc.checkCharacter(first17));
    }

    private String customsCode(int index) {
        return "330" + Story.zeroPadded(7, Math.floorMod(customsMultiplier * index + customsOffset, CUSTOMS_SPACE));
    }

    private District district(SplittableRandom random) {
        int pick = random.nextInt(districtWeightSum);
        for (District district : District.values()) {
            pick -= district.weight();
            if (pick < 0) {
                return district;
            }
        }
        throw new IllegalStateException("district weights do not add up");
    }

    private Industry industry(SplittableRandom random) {
        int pick = random.nextInt(industryWeightSum);
        for (Industry industry : Industry.values()) {
            pick -= industry.weight();
            if (pick < 0) {
                return industry;
            }
        }
        throw new IllegalStateException("industry weights do not add up");
    }

    /**
     * Inside the window for the new enterprises; before it otherwise, in one of the years before the
     * window's start back to 1995, more of them in recent years (about 12 % growth a year). The
     * years are counted back from the window's start, so a window starting on 1 November leaves no
     * gap before it.
     */
    private LocalDate establishedOn(SplittableRandom random) {
        LocalDate start = parameters.windowStart();
        if (random.nextDouble() < parameters.newEnterpriseShare()) {
            long days = parameters.windowEnd().toEpochDay() - start.toEpochDay();
            return WorkingDays.onOrAfter(start.plusDays(random.nextLong(days - 3)));
        }
        int years = start.getYear() - FIRST_ESTABLISHMENT_YEAR;
        double total = 0;
        for (int year = 0; year < years; year++) {
            total += Math.pow(1.12, year);
        }
        double pick = random.nextDouble() * total;
        int year = years - 1;
        for (int y = 0; y < years; y++) {
            pick -= Math.pow(1.12, y);
            if (pick < 0) {
                year = y;
                break;
            }
        }
        LocalDate day = start.minusYears(years - year).plusDays(random.nextInt(360));
        return WorkingDays.onOrAfter(day);
    }

    /** Log-uniform: 100,000 to 50 million yuan for a limited company, 5 million to 500 million for a joint-stock one, in round tens of thousands. */
    private static BigDecimal capital(SplittableRandom random, boolean jointStock) {
        double low = jointStock ? 5_000_000 : 100_000;
        double high = jointStock ? 500_000_000 : 50_000_000;
        double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
                .multiply(BigDecimal.valueOf(10_000)).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** 浙江省杭州市西湖区文三路218号3幢502室. */
    private static String address(SplittableRandom random, District district) {
        String road = district.roads().get(random.nextInt(district.roads().size()));
        StringBuilder address = new StringBuilder("浙江省杭州市").append(district.chineseName()).append(road)
                .append(1 + random.nextInt(999)).append("号");
        if (random.nextDouble() < 0.7) {
            address.append(1 + random.nextInt(12)).append("幢").append(1 + random.nextInt(20)).append("0")
                    .append(1 + random.nextInt(9)).append("室");
        }
        return address.toString();
    }

    private static long coprimeToTen(SplittableRandom random, long space) {
        long candidate;
        do {
            candidate = 1 + random.nextLong(space - 1);
        } while (candidate % 2 == 0 || candidate % 5 == 0);
        return candidate;
    }

    /** GB 11714: 11 − (Σ Cᵢ·Wᵢ mod 11), 10 → X, 11 → 0 (digits only here). */
    static char organisationCheckDigit(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (body8.charAt(i) - '0') * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }
}
