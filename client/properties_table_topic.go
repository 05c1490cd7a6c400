// Table data taken from librdkafka 2.11.1 (names, types, ranges and
// defaults as reported by rd_kafka_conf_properties_show, plus the hidden and
// Java-compatibility names librdkafka also recognises); the treatment and
// note columns are purekafka's. properties_test.go checks the table against
// testdata/config-properties-2.11.1.json, captured from the real library.

package client

// topicProperties are librdkafka's topic-level properties. They may be set
// at the top level of a ConfigMap or under "default.topic.config".
var topicProperties = [...]property{
	{name: "request.required.acks", topic: true, clients: clientsProducer, typ: typeInt, min: -1, max: 1000, def: "-1", treat: treatMapped, note: "kgo.RequiredAcks"},
	{name: "acks", topic: true, clients: clientsProducer, alias: "request.required.acks"},
	{name: "request.timeout.ms", topic: true, clients: clientsProducer, typ: typeInt, min: 1, max: 900000, def: "30000", treat: treatMapped, note: "kgo.ProduceRequestTimeout"},
	{name: "message.timeout.ms", topic: true, clients: clientsProducer, typ: typeInt, min: 0, max: 2147483647, def: "300000", treat: treatMapped, note: "kgo.RecordDeliveryTimeout"},
	{name: "delivery.timeout.ms", topic: true, clients: clientsProducer, alias: "message.timeout.ms"},
	{name: "queuing.strategy", topic: true, clients: clientsProducer, typ: typeEnum, values: []string{"fifo", "lifo"}, def: "fifo", flags: flagDeprecated | flagExperimental, treat: treatNoEffect, note: "franz-go always sends in produce order"},
	{name: "produce.offset.report", topic: true, clients: clientsProducer, typ: typeBool, def: "false", flags: flagDeprecated, treat: treatNoEffect, note: "deprecated and unused by librdkafka too"},
	{name: "partitioner", topic: true, clients: clientsProducer, typ: typeString, def: "consistent_random", validate: validatePartitioner, treat: treatAdapter, note: "Config.Partitioner"},
	{name: "partitioner_cb", topic: true, clients: clientsProducer, typ: typePointer, treat: treatRejected, note: "callback or pointer property"},
	{name: "msg_order_cmp", topic: true, clients: clientsProducer, typ: typePointer, flags: flagDeprecated | flagExperimental, treat: treatRejected, note: "callback or pointer property"},
	{name: "opaque", topic: true, clients: clientsBoth, typ: typePointer, treat: treatRejected, note: "callback or pointer property"},
	{name: "compression.codec", topic: true, clients: clientsProducer, typ: typeEnum, values: []string{"none", "gzip", "snappy", "lz4", "zstd", "inherit"}, def: "inherit", treat: treatMapped, note: "kgo.ProducerBatchCompression"},
	{name: "compression.type", topic: true, clients: clientsProducer, alias: "compression.codec"},
	{name: "compression.level", topic: true, clients: clientsProducer, typ: typeInt, min: -1, max: 12, def: "-1", treat: treatMapped, note: "kgo compression codec level"},
	{name: "auto.commit.enable", topic: true, clients: clientsConsumer, typ: typeBool, def: "true", flags: flagDeprecated, treat: treatNoEffect, note: "legacy simple-consumer property"},
	{name: "enable.auto.commit", topic: true, clients: clientsConsumer, alias: "auto.commit.enable"},
	{name: "auto.commit.interval.ms", topic: true, clients: clientsConsumer, typ: typeInt, min: 10, max: 86400000, def: "60000", treat: treatNoEffect, note: "legacy simple-consumer property"},
	{name: "auto.offset.reset", topic: true, clients: clientsConsumer, typ: typeEnum, values: []string{"smallest", "earliest", "beginning", "largest", "latest", "end", "error"}, def: "largest", treat: treatAdapter, note: "Config.AutoOffsetReset"},
	{name: "offset.store.path", topic: true, clients: clientsConsumer, typ: typeString, def: ".", flags: flagDeprecated, treat: treatNoEffect, note: "offsets are always committed to the broker"},
	{name: "offset.store.sync.interval.ms", topic: true, clients: clientsConsumer, typ: typeInt, min: -1, max: 86400000, def: "-1", flags: flagDeprecated, treat: treatNoEffect, note: "offsets are always committed to the broker"},
	{name: "offset.store.method", topic: true, clients: clientsConsumer, typ: typeEnum, values: []string{"file", "broker"}, def: "broker", flags: flagDeprecated, treat: treatNoEffect, note: "offsets are always committed to the broker"},
	{name: "consume.callback.max.messages", topic: true, clients: clientsConsumer, typ: typeInt, min: 0, max: 1000000, def: "0", treat: treatNoEffect, note: "there is no consume callback in the Go API"},
}
