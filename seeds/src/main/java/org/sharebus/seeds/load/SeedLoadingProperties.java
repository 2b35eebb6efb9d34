package org.sharebus.seeds.load;

import org.sharebus.seeds.generate.SeedParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Loading the seed data into an empty bus ({@code sharebus.seeds.*}).
 *
 * @param load        load when the department topics are empty; the launcher sets it true, everything else leaves it off
 * @param enterprises enterprises in the data set (default 20,000)
 * @param seed        the data set's seed (default {@value SeedParameters#DEFAULT_SEED})
 */
@ConfigurationProperties("sharebus.seeds")
public record SeedLoadingProperties(boolean load, Integer enterprises, Long seed) {

    public SeedParameters parameters() {
        return SeedParameters.defaults()
                .withEnterprises(enterprises == null ? SeedParameters.DEFAULT_ENTERPRISES : enterprises)
                .withSeed(seed == null ? SeedParameters.DEFAULT_SEED : seed);
    }
}
