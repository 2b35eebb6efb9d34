package org.sharebus.bench.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The least a Kafka Streams application can do with the department topics while still doing the
 * profile builder's kind of work: read all five topics, keep one value per USCC in a changelogged
 * RocksDB store, and write each key's new value to a topic, exactly-once with the builder's
 * commit interval. No Avro, no rules, no web server, no database. Its rate is the ceiling any
 * topology reaches on this machine, the profile builder included. Run in a child JVM by
 * {@link StreamsCountRun}.
 *
 * <pre>
 * StreamsCount &lt;bootstrap&gt; &lt;application id&gt; &lt;state dir&gt; &lt;output topic&gt; &lt;input topic&gt;...
 * </pre>
 */
public final class StreamsCount {

    private StreamsCount() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> inputs = Arrays.asList(args).subList(4, args.length);
        Properties config = new Properties();
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        // As the consumers application runs its profile builder (sharebus-profile.properties, the platform defaults).
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.Bytes(), Serdes.ByteArray()))
                .groupByKey()
                .count(Materialized.<Bytes, Long, org.apache.kafka.streams.state.KeyValueStore<Bytes, byte[]>>as("counts")
                        .withKeySerde(Serdes.Bytes()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(args[3], Produced.with(Serdes.Bytes(), Serdes.Long()));

        CountDownLatch stopped = new CountDownLatch(1);
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.setUncaughtExceptionHandler(e -> {
            e.printStackTrace();
            stopped.countDown();
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }
}
