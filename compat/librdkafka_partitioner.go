package compat

// This file reaches librdkafka's public partitioner functions in the static
// library that confluent-kafka-go bundles. The prototypes are declared here
// rather than taken from rdkafka.h because the header's location in the
// module cache is not stable; the blank import below is what puts the library
// on the link line, and Go's cgo tolerates the symbols being undefined until
// that final link.

/*
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_topic_s rd_kafka_topic_t;
typedef struct rd_kafka_conf_s rd_kafka_conf_t;
typedef struct rd_kafka_topic_conf_s rd_kafka_topic_conf_t;

// Enum parameters and results are declared as int: same ABI, and it keeps
// this file independent of the header.
#define PK_RD_KAFKA_PRODUCER 0 // rd_kafka_type_t
rd_kafka_conf_t *rd_kafka_conf_new(void);
int rd_kafka_conf_set(rd_kafka_conf_t *conf, const char *name, const char *value, char *errstr, size_t errstr_size);
void rd_kafka_conf_destroy(rd_kafka_conf_t *conf);
rd_kafka_t *rd_kafka_new(int type, rd_kafka_conf_t *conf, char *errstr, size_t errstr_size);
void rd_kafka_destroy(rd_kafka_t *rk);
rd_kafka_topic_t *rd_kafka_topic_new(rd_kafka_t *rk, const char *topic, rd_kafka_topic_conf_t *conf);
void rd_kafka_topic_destroy(rd_kafka_topic_t *rkt);

typedef int32_t (*pk_partitioner_fn)(const rd_kafka_topic_t *rkt, const void *key, size_t keylen,
                                     int32_t partition_cnt, void *rkt_opaque, void *msg_opaque);

int32_t rd_kafka_msg_partitioner_random(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);
int32_t rd_kafka_msg_partitioner_consistent(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);
int32_t rd_kafka_msg_partitioner_consistent_random(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);
int32_t rd_kafka_msg_partitioner_murmur2(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);
int32_t rd_kafka_msg_partitioner_murmur2_random(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);
int32_t rd_kafka_msg_partitioner_fnv1a(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);
int32_t rd_kafka_msg_partitioner_fnv1a_random(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);

// The order must match librdkafkaNames in Go.
static pk_partitioner_fn pk_fns[] = {
	rd_kafka_msg_partitioner_random,
	rd_kafka_msg_partitioner_consistent,
	rd_kafka_msg_partitioner_consistent_random,
	rd_kafka_msg_partitioner_murmur2,
	rd_kafka_msg_partitioner_murmur2_random,
	rd_kafka_msg_partitioner_fnv1a,
	rd_kafka_msg_partitioner_fnv1a_random,
};

// A NULL key pointer is how librdkafka sees a nil Go key; an empty key must
// still arrive as a non-NULL pointer, so the caller passes its buffer with
// length 0 for that.
static int32_t pk_partition(int which, const rd_kafka_topic_t *rkt, const void *key, size_t keylen, int32_t cnt) {
	return pk_fns[which](rkt, key, keylen, cnt, NULL, NULL);
}

// pk_open creates a producer with no brokers and one topic handle. The random
// partitioners ask the topic handle whether a partition is available, so they
// need a real one; an unknown topic just makes every partition unavailable.
static rd_kafka_topic_t *pk_open(rd_kafka_t **rkp, char *errstr, size_t errstr_size) {
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	// Silence the "no bootstrap.servers" warning; there is nothing to reach.
	if (rd_kafka_conf_set(conf, "log_level", "0", errstr, errstr_size) != 0) {
		rd_kafka_conf_destroy(conf);
		return NULL;
	}
	rd_kafka_t *rk = rd_kafka_new(PK_RD_KAFKA_PRODUCER, conf, errstr, errstr_size);
	if (!rk) {
		rd_kafka_conf_destroy(conf);
		return NULL;
	}
	rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, "purekafka-partitioner-diff", NULL);
	if (!rkt) {
		strncpy(errstr, "rd_kafka_topic_new failed", errstr_size - 1);
		rd_kafka_destroy(rk);
		return NULL;
	}
	*rkp = rk;
	return rkt;
}

static void pk_close(rd_kafka_t *rk, rd_kafka_topic_t *rkt) {
	rd_kafka_topic_destroy(rkt);
	rd_kafka_destroy(rk);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"

	// Linked only for the librdkafka static library it carries.
	_ "github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

// librdkafkaNames lists the partitioners in the order of pk_fns. It returns
// an array by value so the list cannot be changed by a caller.
func librdkafkaNames() [7]string {
	return [...]string{
		"random",
		"consistent",
		"consistent_random",
		"murmur2",
		"murmur2_random",
		"fnv1a",
		"fnv1a_random",
	}
}

// LibrdkafkaMaxKey is the longest key a LibrdkafkaPartitioners copies for
// librdkafka.
const LibrdkafkaMaxKey = 64 << 10

// LibrdkafkaPartitioners calls the partitioner functions of the real
// librdkafka bundled with confluent-kafka-go, for differential tests. It is
// not safe for concurrent use: keys are staged in one C buffer.
type LibrdkafkaPartitioners struct {
	rk  *C.rd_kafka_t
	rkt *C.rd_kafka_topic_t
	buf unsafe.Pointer // C memory, so librdkafka never holds a Go pointer
}

// OpenLibrdkafkaPartitioners creates the librdkafka producer handle and
// topic handle the partitioner functions need. Close releases them.
func OpenLibrdkafkaPartitioners() (*LibrdkafkaPartitioners, error) {
	var errstr [512]C.char
	var rk *C.rd_kafka_t
	rkt := C.pk_open(&rk, &errstr[0], C.size_t(len(errstr)))
	if rkt == nil {
		return nil, fmt.Errorf("librdkafka: %s", C.GoString(&errstr[0]))
	}
	return &LibrdkafkaPartitioners{rk: rk, rkt: rkt, buf: C.malloc(LibrdkafkaMaxKey)}, nil
}

// Close destroys the librdkafka handles.
func (l *LibrdkafkaPartitioners) Close() {
	C.pk_close(l.rk, l.rkt)
	C.free(l.buf)
}

// Names returns librdkafka's partitioner names, which Partition accepts.
func (l *LibrdkafkaPartitioners) Names() []string {
	names := librdkafkaNames()
	return names[:]
}

// Partition returns what rd_kafka_msg_partitioner_<name> returns for key
// among partitions, passing a nil key as NULL and an empty one as a non-NULL
// pointer with length 0, the way confluent-kafka-go's Produce does.
func (l *LibrdkafkaPartitioners) Partition(name string, key []byte, partitions int32) (int32, error) {
	which := -1
	for i, n := range librdkafkaNames() {
		if n == name {
			which = i
		}
	}
	if which < 0 {
		return 0, fmt.Errorf("librdkafka has no partitioner %q", name)
	}
	if len(key) > LibrdkafkaMaxKey {
		return 0, errors.New("key longer than LibrdkafkaMaxKey")
	}
	if partitions < 1 {
		// librdkafka divides by the count; 0 would crash the process.
		return 0, errors.New("partition count must be at least 1")
	}
	var ptr unsafe.Pointer
	if key != nil {
		ptr = l.buf
		copy(unsafe.Slice((*byte)(l.buf), len(key)), key)
	}
	return int32(C.pk_partition(C.int(which), l.rkt, ptr, C.size_t(len(key)), C.int32_t(partitions))), nil
}
