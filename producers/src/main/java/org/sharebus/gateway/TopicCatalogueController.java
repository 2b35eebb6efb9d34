package org.sharebus.gateway;

import java.util.List;
import org.sharebus.topic.TopicCatalogue;
import org.sharebus.topic.TopicSpec;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The topic catalogue for department developers who publish straight to Kafka: which topic is
 * theirs, its partitions, retention and dead-letter topic.
 */
@RestController
class TopicCatalogueController {

    private final TopicCatalogue catalogue;

    TopicCatalogueController(TopicCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/v1/topics")
    List<TopicView> topics() {
        return catalogue.all().stream().map(TopicView::of).toList();
    }

    record TopicView(String name, int partitions, Long retentionMs, boolean compacted, String owner,
                     String deadLetterTopic, String description) {
        static TopicView of(TopicSpec spec) {
            return new TopicView(spec.name(), spec.partitions(), spec.retention().map(d -> d.toMillis()).orElse(null),
                    spec.compacted(), spec.owner().map(Enum::name).orElse(null), spec.deadLetter().orElse(null),
                    spec.description());
        }
    }
}
