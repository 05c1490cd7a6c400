package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kversion"

	"github.com/purekafka/purekafka/internal/kafkatest"
)

// broker is the cluster every benchmark of one test binary runs against:
// the real Kafka broker named by KAFKA_BOOTSTRAP, or else an in-process kfake
// cluster. It creates the benchmark topics and deletes them at exit.
type broker struct {
	name      string // "kafka" (real) or "kfake"
	bootstrap string
	version   string
	fake      *kfake.Cluster
	cl        *kgo.Client
	adm       *kadm.Client

	mu      sync.Mutex
	topics  []string               // created, deleted by close
	filled  map[int]*consumeSource // consume topics by value size
	session string                 // random suffix of this process's names
}

// consumeSource is a topic holding at least count messages of one value
// size, written once and read by every consume benchmark of that size.
type consumeSource struct {
	topic string
	size  int
	count int
}

// openBroker connects to the real broker if KAFKA_BOOTSTRAP is set, and
// otherwise starts a one-node kfake cluster.
func openBroker() (*broker, error) {
	b := &broker{filled: map[int]*consumeSource{}}
	var sfx [3]byte
	_, _ = rand.Read(sfx[:])
	b.session = hex.EncodeToString(sfx[:])
	if real, ok := kafkatest.Real(); ok {
		b.name, b.bootstrap = "kafka", real.Bootstrap
	} else {
		fake, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.AllowAutoTopicCreation())
		if err != nil {
			return nil, fmt.Errorf("starting kfake: %w", err)
		}
		b.name, b.bootstrap, b.fake = "kfake", strings.Join(fake.ListenAddrs(), ","), fake
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(b.bootstrap, ",")...))
	if err != nil {
		b.close()
		return nil, err
	}
	b.cl, b.adm = cl, kadm.NewClient(cl)
	b.version = b.kafkaVersion()
	return b, nil
}

// describe names the broker for the output header.
func (b *broker) describe() string {
	if b.fake != nil {
		return "kfake (in-process fake, " + b.bootstrap + "; KAFKA_BOOTSTRAP unset): cpu-ns/msg includes the fake broker"
	}
	return "kafka (real Apache Kafka at " + b.bootstrap + ", same machine: its CPU is not in cpu-ns/msg)"
}

// kafkaVersion asks kafka.sh (which reads the running broker's log) when
// the Makefile's broker is in use, else guesses from ApiVersions.
func (b *broker) kafkaVersion() string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	guess := "unknown"
	if vs, err := b.adm.ApiVersions(ctx); err == nil {
		for _, v := range vs.Sorted() {
			if v.Err == nil {
				guess = kversion.FromApiVersionsResponse(v.Raw()).VersionGuess()
				break
			}
		}
	}
	if b.fake != nil {
		return "kfake, speaks " + guess
	}
	if script := os.Getenv("KAFKA_SCRIPT"); script != "" {
		if out, err := exec.CommandContext(ctx, "bash", script, "version").Output(); err == nil {
			if v := strings.TrimSpace(string(out)); v != "" {
				return v
			}
		}
	}
	return guess + " (guessed from ApiVersions)"
}

// topic creates a fresh topic named after what (a benchmark name) with the
// benchmark partition count, waits for its leaders, and returns its name.
func (b *broker) topic(what string) (string, error) {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '-'
	}, what)
	name = fmt.Sprintf("bench-%s-%s", name, b.session)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	resp, err := b.adm.CreateTopic(ctx, partitions, 1, nil, name)
	if err == nil {
		err = resp.Err
	}
	if err != nil {
		return "", fmt.Errorf("creating topic %s: %w", name, err)
	}
	b.mu.Lock()
	b.topics = append(b.topics, name)
	b.mu.Unlock()
	for {
		md, err := b.adm.Metadata(ctx, name)
		if err == nil {
			if td, ok := md.Topics[name]; ok && td.Err == nil && len(td.Partitions) == partitions && allLed(td) {
				return name, nil
			}
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("topic %s: no leaders after a minute (last error %v)", name, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func allLed(td kadm.TopicDetail) bool {
	for _, p := range td.Partitions {
		if p.Leader < 0 || p.Err != nil {
			return false
		}
	}
	return true
}

// consumeTopic returns the topic of size-byte values that consume
// benchmarks read, holding at least n messages: it is created and written
// on first use and topped up when a benchmark wants more than it holds.
func (b *broker) consumeTopic(size, n int) (*consumeSource, error) {
	b.mu.Lock()
	src := b.filled[size]
	b.mu.Unlock()
	if src == nil {
		topic, err := b.topic(fmt.Sprintf("consume-size%d", size))
		if err != nil {
			return nil, err
		}
		src = &consumeSource{topic: topic, size: size}
		b.mu.Lock()
		b.filled[size] = src
		b.mu.Unlock()
	}
	if src.count >= n {
		return src, nil
	}
	// Written with franz-go, uncompressed, so every consumer reads the
	// same bytes and none pays for decompression.
	more := max(n-src.count, 10_000)
	cl, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(b.bootstrap, ",")...),
		kgo.ProducerLinger(linger), kgo.ProducerBatchCompression(kgo.NoCompression()),
		kgo.ProducerBatchMaxBytes(batchMaxBytes), kgo.MaxBufferedRecords(bufferMaxMsgs))
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	var (
		failMu sync.Mutex
		fail   error
	)
	for i := range more {
		j := src.count + i
		cl.Produce(ctx, &kgo.Record{Topic: src.topic, Key: thePayload.key(j), Value: thePayload.value(j, size)},
			func(_ *kgo.Record, err error) {
				if err != nil {
					failMu.Lock()
					fail = err
					failMu.Unlock()
				}
			})
	}
	if err := cl.Flush(ctx); err != nil {
		return nil, fmt.Errorf("filling %s: %w", src.topic, err)
	}
	if fail != nil {
		return nil, fmt.Errorf("filling %s: %w", src.topic, fail)
	}
	src.count += more
	return src, nil
}

// group returns a consumer group name unique to this process and what.
func (b *broker) group(what string) string {
	var r [4]byte
	_, _ = rand.Read(r[:])
	return fmt.Sprintf("bench-%s-%s-%s", what, b.session, hex.EncodeToString(r[:]))
}

// close deletes the topics this process created and stops the broker
// connection (and the fake cluster).
func (b *broker) close() {
	if b.adm != nil {
		b.mu.Lock()
		topics := b.topics
		b.mu.Unlock()
		if len(topics) > 0 {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			_, _ = b.adm.DeleteTopics(ctx, topics...)
			cancel()
		}
	}
	if b.cl != nil {
		b.cl.Close()
	}
	if b.fake != nil {
		b.fake.Close()
	}
}
