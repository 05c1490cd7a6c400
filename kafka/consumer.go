package kafka

import "github.com/purekafka/purekafka/consumer"

// Consumer is a high-level Kafka consumer with group membership; see
// NewConsumer.
type Consumer = consumer.Consumer

// RebalanceCb is the per-Subscribe rebalance callback, called from Poll with
// an AssignedPartitions or RevokedPartitions event.
type RebalanceCb = consumer.RebalanceCb

// NewConsumer creates a consumer from conf, which it does not modify.
// group.id is required. Properties are librdkafka's; see the README for
// what is supported.
func NewConsumer(conf *ConfigMap) (*Consumer, error) {
	return consumer.New(conf)
}
