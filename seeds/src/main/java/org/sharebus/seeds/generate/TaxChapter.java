package org.sharebus.seeds.generate;

import java.time.LocalDate;
import java.util.UUID;
import org.sharebus.event.common.Department;
import org.sharebus.event.common.Visibility;
import org.sharebus.event.credit.SeriousDishonestListType;
import org.sharebus.event.tax.AbnormalTaxpayerListed;
import org.sharebus.event.tax.TaxCreditLevel;
import org.sharebus.event.tax.TaxCreditLevelPublished;

/**
 * Tax (税务局): the yearly tax credit level, published in April for the year before, and the
 * abnormal-taxpayer recognitions (非正常户) that follow an enterprise's disappearance.
 *
 * <p>Levels: M for enterprises set up in the evaluated year and for about 5 % without revenue;
 * D assigned directly (no score) after a serious listing or smuggling, or for a shell already
 * found unreachable; otherwise by the enterprise's standing, drawn once, so most enterprises keep
 * their level from year to year.
 */
final class TaxChapter {

    private static final String LEVEL_BASIS = "纳税信用管理办法(国家税务总局公告2014年第40号)";

    private TaxChapter() {
    }

    static void write(Story s) {
        abnormalTaxpayer(s);
        levels(s);
    }

    private static void levels(Story s) {
        SeedParameters p = s.parameters;
        boolean listedForTax = false;
        // Each level published (in April of the year after) in the window.
        for (int year = s.windowStart.getYear() - 1; year < s.windowEnd.getYear(); year++) {
            if (s.enterprise.establishedOn().getYear() > year) {
                continue;
            }
            LocalDate publishedOn = s.workingDayBetween(LocalDate.of(year + 1, 4, 1), LocalDate.of(year + 1, 4, 28));
            if (!s.open(publishedOn)) {
                continue;
            }
            LocalDate yearEnd = LocalDate.of(year, 12, 31);
            TaxCreditLevel level;
            Integer score;
            boolean direct = (s.seriousSince != null && !s.seriousSince.isAfter(yearEnd))
                    || (s.unreachableListedOn != null && !s.unreachableListedOn.isAfter(yearEnd));
            double u = s.taxStanding;
            if (direct) {
                level = TaxCreditLevel.D;
                score = null;
            } else if (s.enterprise.establishedOn().getYear() == year || u >= 0.95) {
                level = TaxCreditLevel.M;
                score = null;
            } else if (s.shell) {
                level = TaxCreditLevel.C;
                score = 40 + s.random.nextInt(30);
            } else if (u < p.taxLevelAShare()) {
                level = TaxCreditLevel.A;
                score = 90 + s.random.nextInt(11);
            } else if (u < p.taxLevelAShare() + p.taxLevelDShare()) {
                level = TaxCreditLevel.D;
                score = 10 + s.random.nextInt(30);
            } else if (u < p.taxLevelAShare() + p.taxLevelDShare() + p.taxLevelCShare()) {
                level = TaxCreditLevel.C;
                score = 40 + s.random.nextInt(30);
            } else {
                level = TaxCreditLevel.B;
                score = 70 + s.random.nextInt(20);
            }
            TaxCreditLevelPublished payload = TaxCreditLevelPublished.newBuilder().setYear(year).setLevel(level).setScore(score).build();
            UUID published = s.write(Department.TAX, payload, s.officeTime(publishedOn), Visibility.SHARED, null, LEVEL_BASIS, null);
            if (level == TaxCreditLevel.A && s.taxLevelAOn == null) {
                s.taxLevelAOn = publishedOn;
            }
            if (level == TaxCreditLevel.D && score != null && !listedForTax && s.chance(0.3)) {
                // A scored D is often the result of a major violation, for which tax lists the enterprise.
                LocalDate listedOn = WorkingDays.plus(publishedOn, 10 + s.random.nextInt(40));
                listedForTax = CreditChapter.list(s, SeriousDishonestListType.TAX_MAJOR_VIOLATION, "国家税务总局杭州市税务局稽查局",
                        listedOn, listedOn.plusYears(3).minusDays(1), s.chance(0.5) ? "虚开增值税专用发票" : "偷税数额较大且占应纳税额10%以上",
                        s.docNumbers.next("杭税稽罚", listedOn.getYear()), published) != null;
            }
        }
    }

    /** Most shells found unreachable become abnormal taxpayers within a quarter; a few others without that listing. */
    private static void abnormalTaxpayer(Story s) {
        if (!s.shell) {
            return;
        }
        LocalDate listedOn;
        if (s.unreachableListedOn != null && s.chance(0.6)) {
            listedOn = WorkingDays.onOrAfter(later(s.unreachableListedOn, s.windowStart).plusDays(20 + s.random.nextInt(70)));
        } else if (s.unreachableListedOn == null && s.chance(0.3)) {
            listedOn = s.workingDayBetween(s.windowStart, s.windowEnd);
        } else {
            return;
        }
        if (!s.open(listedOn)) {
            return;
        }
        AbnormalTaxpayerListed payload = AbnormalTaxpayerListed.newBuilder()
                .setListedOn(listedOn)
                .setReason("未按期申报且实地核查查无下落")
                .setTaxAuthority(s.enterprise.district().taxAuthority())
                .build();
        s.write(Department.TAX, payload, s.officeTime(listedOn), Visibility.PUBLIC, null, "税务登记管理办法第三十八条",
                s.unreachableListing);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
