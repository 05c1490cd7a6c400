module github.com/purekafka/purekafka/compat

go 1.26.0

replace github.com/purekafka/purekafka => ../

require (
	github.com/confluentinc/confluent-kafka-go/v2 v2.11.1 // indirect
	github.com/stretchr/testify v1.11.1 // indirect
)
