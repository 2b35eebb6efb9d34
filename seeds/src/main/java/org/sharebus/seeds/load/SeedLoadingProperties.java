package org.sharebus.seeds.load;

import java.time.LocalDate;
import java.time.ZoneId;
import org.sharebus.seeds.generate.SeedParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Loading the seed data into an empty bus ({@code sharebus.seeds.*}).
 *
 * @param load        load when the department topics are empty; the launcher sets it true, everything else leaves it off
 * @param enterprises enterprises in the data set (default 20,000)
 * @param seed        the data set's seed (default {@value SeedParameters#DEFAULT_SEED})
 * @param asOf        the day the data set is made as of ({@link SeedParameters#asOf}: two years of events up to the first day
 *                    of its month); default the day of loading in Hangzhou, so the profiles' annual-report look-back is filled
 */
@ConfigurationProperties("sharebus.seeds")
public record SeedLoadingProperties(boolean load, Integer enterprises, Long seed, LocalDate asOf) {

    public SeedParameters parameters() {
        return SeedParameters.asOf(asOf == null ? LocalDate.now(ZoneId.of("Asia/Shanghai")) : asOf)
                .withEnterprises(enterprises == null ? SeedParameters.DEFAULT_ENTERPRISES : enterprises)
                .withSeed(seed == null ? SeedParameters.DEFAULT_SEED : seed);
    }
}
