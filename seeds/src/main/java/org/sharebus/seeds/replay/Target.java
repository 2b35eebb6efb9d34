package org.sharebus.seeds.replay;

import org.sharebus.seeds.generate.SeedEvent;

/**
 * Where a replay publishes: straight to Kafka, or through the gateway. {@link #send} may return
 * before the event is acknowledged; the target reports the outcome to the stats it was given.
 */
public interface Target extends AutoCloseable {

    void send(SeedEvent event);

    /** Waits until every event sent so far is acknowledged, refused or failed. */
    void flush();

    @Override
    void close();
}
