package org.sharebus.launcher;

import org.sharebus.consumers.inspection.InspectorPool;
import org.sharebus.seeds.generate.SeedParameters;
import org.sharebus.seeds.inspection.InspectorRoster;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The inspector pool of the all-in-one bus when none is configured
 * ({@code sharebus.inspection.inspectors-csv}) and the seed data set is on
 * ({@code sharebus.seeds.load=true}, the launcher's default): the roster of the seed data set's
 * seed, whose market inspection results already name these officers. Every officer counts as
 * certified. Against a real cluster (seed data off) synthetic officers must never be sent: the
 * pool is then empty and every draw is refused, as the consumers' start-up log says.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sharebus.seeds.load", havingValue = "true")
class SeedInspectorPool {

    @Bean
    InspectorPool.Fallback seedInspectorRoster(Environment environment) {
        long seed = environment.getProperty("sharebus.seeds.seed", Long.class, SeedParameters.DEFAULT_SEED);
        return () -> InspectorRoster.generate(seed).all().stream()
                .map(officer -> new InspectorPool.Inspector(officer.id(), officer.department(), officer.regionCode(), officer.name(), true))
                .toList();
    }
}
