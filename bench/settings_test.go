package bench

import (
	"fmt"
	"io"
	"time"
)

// The settings every client runs with. Each client's constructor maps them
// onto its own option names; where a client cannot express one, its file
// says so and the header printed by TestMain repeats it.
const (
	// partitions is the partition count of every benchmark topic.
	partitions = 3
	// keySize is the length of every message key, in bytes.
	keySize = 16

	// linger is how long producers wait to fill a batch in the throughput
	// workloads (librdkafka linger.ms, franz-go ProducerLinger, sarama
	// Flush.Frequency, kafka-go BatchTimeout). The latency workload uses 0.
	linger = 5 * time.Millisecond
	// batchMaxBytes caps one partition's record batch (librdkafka
	// batch.size and its default; franz-go ProducerBatchMaxBytes; sarama
	// Producer.MaxMessageBytes; kafka-go BatchBytes).
	batchMaxBytes = 1_000_000
	// batchMaxMsgs caps one batch's message count where the client has
	// such a cap (librdkafka batch.num.messages and its default, kafka-go
	// BatchSize). franz-go, and so purekafka, cap batches by bytes only;
	// sarama's only count cap (Flush.MaxMessages) is per request.
	batchMaxMsgs = 10_000
	// bufferMaxMsgs bounds the messages a producer holds before the
	// application is pushed back (librdkafka queue.buffering.max.messages
	// and its default; franz-go MaxBufferedRecords). sarama and kafka-go
	// have no such bound; their input channels apply the back-pressure.
	bufferMaxMsgs = 100_000

	// fetchMaxWait, fetchMaxBytes and fetchMaxPartitionBytes are the
	// consumers' fetch limits: librdkafka fetch.wait.max.ms,
	// fetch.max.bytes and max.partition.fetch.bytes (their defaults).
	fetchMaxWait           = 500 * time.Millisecond
	fetchMaxBytes          = 52_428_800
	fetchMaxPartitionBytes = 1_048_576
	// librdkafkaFetchQueueBackoffMs replaces librdkafka's default
	// fetch.queue.backoff.ms of 1000 for confluent's consumer; see
	// ckConsumerConfig.
	librdkafkaFetchQueueBackoffMs = 10
	// commitEvery is how many messages the group-commit workload consumes
	// between synchronous commits of the consumed positions.
	commitEvery = 1000

	// latencyInterval paces the latency workload: one message every
	// latencyInterval (500 messages per second), linger 0.
	latencyInterval = 2 * time.Millisecond
	// latencyValueSize is the value size of the latency workload.
	latencyValueSize = 100

	// waitLimit bounds every wait for deliveries or messages, so a broken
	// client fails the benchmark instead of hanging it.
	waitLimit = 3 * time.Minute
)

// Codecs are the compression codecs the produce throughput workload runs
// with, by their librdkafka names.
var codecs = []string{"none", "lz4"}

// produceSizes are the value sizes of the produce throughput workload.
var produceSizes = []int{100, 1024}

// consumeSizes are the value sizes of the consume workloads.
var consumeSizes = []int{100}

// printSettings writes the settings as benchfmt configuration lines
// ("key: value"), which go test prints before the results and benchstat
// and cmd/report keep with them.
func printSettings(w io.Writer, b *broker) {
	lines := [][2]string{
		{"broker", b.describe()},
		{"kafka-version", b.version},
		{"topic-partitions", fmt.Sprint(partitions)},
		{"message", fmt.Sprintf("%d B key + value of size=N bytes (English-like words, lz4 ratio ~%.1fx)", keySize, payloadLZ4Ratio())},
		{"produce-acks", "all (kafka-go: RequireAll)"},
		{"produce-idempotence", "on for purekafka, confluent, franz-go, sarama (forces 1 in-flight request); kafka-go: not supported"},
		{"produce-linger", fmt.Sprintf("%v throughput; 0 latency", linger)},
		{"produce-batch", fmt.Sprintf("max %d bytes per partition batch; max %d msgs where the client has a count cap (confluent, kafka-go)", batchMaxBytes, batchMaxMsgs)},
		{"produce-buffer", fmt.Sprintf("%d msgs (confluent, purekafka: queue.buffering.max.messages; franz-go: MaxBufferedRecords)", bufferMaxMsgs)},
		{"produce-latency", fmt.Sprintf("value %d B, codec none, one message every %v, Produce -> delivery report", latencyValueSize, latencyInterval)},
		{"consume-fetch", fmt.Sprintf("max wait %v, min 1 byte, max %d bytes, max %d bytes per partition; confluent: fetch.queue.backoff.ms=%d (default 1000 starves a fast Poll loop)", fetchMaxWait, fetchMaxBytes, fetchMaxPartitionBytes, librdkafkaFetchQueueBackoffMs)},
		{"consume-clock", "the first tenth of the messages is read untimed (connect, group join, first fetch burst); the source topic holds enough more that no prefetch runs dry"},
		{"consume-group-commit", fmt.Sprintf("subscribe, auto-commit off, synchronous commit every %d msgs and at the end", commitEvery)},
		{"metrics", "msgs/s MB/s(key+value) cpu-ns/msg(process user+sys) allocs/msg B/msg(Go heap only; cgo invisible) p50-us p99-us"},
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%s: %s\n", l[0], l[1])
	}
}
