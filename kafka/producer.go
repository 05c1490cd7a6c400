package kafka

import "github.com/purekafka/purekafka/producer"

// Producer is an asynchronous Kafka producer; see NewProducer.
type Producer = producer.Producer

// Purge flags for Producer.Purge.
const (
	// PurgeInFlight purges messages in flight to or from the broker.
	PurgeInFlight = producer.PurgeInFlight
	// PurgeQueue purges messages in internal queues.
	PurgeQueue = producer.PurgeQueue
	// PurgeNonBlocking makes Purge return without waiting.
	PurgeNonBlocking = producer.PurgeNonBlocking
)

// NewProducer creates a producer from conf, which it does not modify.
// Properties are librdkafka's; see the README for what is supported.
func NewProducer(conf *ConfigMap) (*Producer, error) {
	return producer.New(conf)
}
