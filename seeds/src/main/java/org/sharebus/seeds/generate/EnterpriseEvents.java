package org.sharebus.seeds.generate;

import java.util.List;

/** An enterprise and all its events of every department, in occurredAt order. */
public record EnterpriseEvents(Enterprise enterprise, List<SeedEvent> events) {
}
