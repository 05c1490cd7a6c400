package client

// BrokerMetadata describes one broker of the cluster.
type BrokerMetadata struct {
	ID   int32  // Broker node id
	Host string // Advertised host name
	Port int    // Advertised port
}

// PartitionMetadata describes one partition of a topic. Error is a value
// (ErrNoError when the broker reported none), as in the reference.
type PartitionMetadata struct {
	ID       int32   // Partition number
	Error    Error   // Per-partition error reported by the broker
	Leader   int32   // Leader broker id, -1 when there is none
	Replicas []int32 // Broker ids of all replicas
	Isrs     []int32 // Broker ids of the in-sync replicas
}

// TopicMetadata describes one topic and its partitions.
type TopicMetadata struct {
	Topic      string              // Topic name
	Partitions []PartitionMetadata // Partitions in broker order
	Error      Error               // Per-topic error reported by the broker
}

// Metadata is the result of GetMetadata.
type Metadata struct {
	Brokers []BrokerMetadata         // Brokers in the cluster
	Topics  map[string]TopicMetadata // Requested topics by name
	// OriginatingBroker is the broker that answered the metadata request.
	OriginatingBroker BrokerMetadata
}
