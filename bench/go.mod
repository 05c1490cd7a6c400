module github.com/purekafka/purekafka/bench

go 1.26.0

replace github.com/purekafka/purekafka => ../
