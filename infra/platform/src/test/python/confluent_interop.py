#!/usr/bin/python3
"""Confluent's own Python client against sharebus: reads what sharebus wrote, writes what sharebus must read.

Run with Debian's interpreter (/usr/bin/python3) and its packages python3-confluent-kafka (1.7.0),
python3-avro and python3-requests. Used by ConfluentPythonClientInteropTest; prints one JSON
document on stdout.

  read  BOOTSTRAP REGISTRY TOPIC            decode the first record of TOPIC, print {"key", "schema_id", "value"}
  write BOOTSTRAP REGISTRY TOPIC KEY JSON   encode JSON (an event as a dict) with the registry's latest
                                            schema for TOPIC-value and produce it, print {"schema_id"}
  echo  BOOTSTRAP REGISTRY SOURCE TARGET N  decode the first N records of SOURCE (one partition), print them as
                                            a list like read's, and produce each again to TARGET, encoded by this
                                            client with the schema it was written with

Known traps of this client (see docs/decisions.md): AvroConsumer also decodes keys, so records are
read with a plain Consumer and only the value goes through MessageSerializer; decimals must be
Decimal quantized to the field's scale; timestamps must be timezone-aware; dates must be date.
"""
import datetime
import decimal
import json
import struct
import sys

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def to_json(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError("cannot print %r" % (value,))


def records(bootstrap, topic, count, group):
    """The first COUNT records of TOPIC from its beginning, read_committed; fails after 60 s without them."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group,
                         "enable.auto.commit": False, "isolation.level": "read_committed"})
    consumer.assign([TopicPartition(topic, p, 0) for p in partitions(consumer, topic)])
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=60)
    taken = 0
    try:
        while taken < count and datetime.datetime.now() < deadline:
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                raise RuntimeError(str(message.error()))
            taken += 1
            yield message
    finally:
        consumer.close()
    if taken < count:
        raise RuntimeError("%d of %d records on %s within 60 s" % (taken, count, topic))


def decoded(serializer, message):
    return {"key": message.key().decode("utf-8"), "schema_id": struct.unpack(">bI", message.value()[:5])[1],
            "value": serializer.decode_message(message.value())}


def read(bootstrap, registry, topic):
    serializer = MessageSerializer(CachedSchemaRegistryClient(registry))
    for message in records(bootstrap, topic, 1, "python-interop"):
        print(json.dumps(decoded(serializer, message), default=to_json, ensure_ascii=False))


def echo(bootstrap, registry, source, target, count):
    client = CachedSchemaRegistryClient(registry)
    serializer = MessageSerializer(client)
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True,
                         "partitioner": "murmur2_random"})
    read_back = []
    for message in records(bootstrap, source, int(count), "python-interop-echo"):
        record = decoded(serializer, message)
        read_back.append(record)
        schema = client.get_by_id(record["schema_id"])
        producer.produce(target, key=message.key(), value=serializer.encode_record_with_schema(target, schema, record["value"]))
    if producer.flush(30) != 0:
        raise RuntimeError("records not acknowledged within 30 s")
    print(json.dumps(read_back, default=to_json, ensure_ascii=False))


def partitions(consumer, topic):
    metadata = consumer.list_topics(topic, timeout=10)
    return sorted(metadata.topics[topic].partitions.keys())


def write(bootstrap, registry, topic, key, document):
    client = CachedSchemaRegistryClient(registry)
    schema_id, schema, _version = client.get_latest_schema(topic + "-value")
    if schema is None:
        raise RuntimeError("no schema registered for %s-value" % topic)
    record = json.loads(document, parse_float=decimal.Decimal)
    coerce(record)
    value = MessageSerializer(client).encode_record_with_schema(topic, schema, record)
    # murmur2_random: Java's partitioner, which the gateway and the profile builder's key lookups use;
    # librdkafka's own default (consistent_random, CRC32) would put the enterprise in another partition.
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True,
                         "partitioner": "murmur2_random"})
    producer.produce(topic, key=key.encode("utf-8"), value=value)
    if producer.flush(30) != 0:
        raise RuntimeError("record not acknowledged within 30 s")
    print(json.dumps({"schema_id": struct.unpack(">bI", value[:5])[1]}))


def coerce(node):
    """JSON has no dates, instants or decimals: the test marks them as {"$date": ...}, {"$instant": ...}, {"$decimal": ...}."""
    if isinstance(node, dict):
        for name, child in list(node.items()):
            if isinstance(child, dict) and len(child) == 1:
                tag, raw = next(iter(child.items()))
                if tag == "$date":
                    node[name] = datetime.date.fromisoformat(raw)
                    continue
                if tag == "$instant":
                    node[name] = datetime.datetime.fromisoformat(raw.replace("Z", "+00:00"))
                    continue
                if tag == "$decimal":
                    node[name] = decimal.Decimal(raw).quantize(decimal.Decimal("0.01"))
                    continue
            coerce(child)
    elif isinstance(node, list):
        for child in node:
            coerce(child)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "read":
        read(*sys.argv[2:5])
    elif command == "write":
        write(*sys.argv[2:7])
    elif command == "echo":
        echo(*sys.argv[2:7])
    else:
        sys.exit("usage: confluent_interop.py read|write|echo ...")
