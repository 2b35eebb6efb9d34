package org.sharebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sharebus.consumers.inspection.InspectorPool;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SeedInspectorPoolTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(SeedInspectorPool.class);

    @Test
    void shouldSupplyTheSeedRosterWhenSeedDataAreOn() {
        context.withPropertyValues("sharebus.seeds.load=true")
                .run(started -> assertThat(started.getBean(InspectorPool.Fallback.class).inspectors()).hasSizeGreaterThan(2 * 13));
    }

    @Test
    void shouldSupplyNoSyntheticOfficerWhenSeedDataAreOffAsAgainstARealCluster() {
        // when seed data are off (or the setting is absent) / then no fallback roster: the pool is empty and draws are refused
        context.withPropertyValues("sharebus.seeds.load=false")
                .run(started -> assertThat(started).doesNotHaveBean(InspectorPool.Fallback.class));
        context.run(started -> assertThat(started).doesNotHaveBean(InspectorPool.Fallback.class));
    }
}
