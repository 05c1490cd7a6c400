package kafka

import "github.com/purekafka/purekafka/client"

// MockCluster is an in-process Kafka cluster for tests; see NewMockCluster.
type MockCluster = client.MockCluster

// NewMockCluster starts an in-process cluster of brokerCount brokers (ids
// 1..brokerCount) that auto-creates topics. Close it when done.
func NewMockCluster(brokerCount int) (*MockCluster, error) {
	return client.NewMockCluster(brokerCount)
}
