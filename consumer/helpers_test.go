package consumer_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/purekafka/purekafka/internal/kafkatest"
	"github.com/purekafka/purekafka/kafka"
)

// baseTime stamps produced messages so consumers can check timestamps.
var baseTime = time.UnixMilli(1_700_000_000_000)

// produce writes n messages round-robin over partitions with purekafka's
// producer: key "k<i>", value "v<i>", a header carrying i and the
// timestamp baseTime+i ms.
func produce(t *testing.T, c *kafkatest.Cluster, topic string, partitions int32, from, n int) {
	t.Helper()
	p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": c.Bootstrap, "linger.ms": 5})
	require.NoError(t, err)
	defer p.Close()
	dr := make(chan kafka.Event, n)
	for i := from; i < from+n; i++ {
		err := p.Produce(&kafka.Message{
			TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: int32(i) % partitions},
			Key:            []byte("k" + strconv.Itoa(i)),
			Value:          []byte("v" + strconv.Itoa(i)),
			Timestamp:      producedAt(i),
			Headers:        []kafka.Header{{Key: "i", Value: []byte(strconv.Itoa(i))}, {Key: "nil", Value: nil}},
		}, dr)
		require.NoError(t, err)
	}
	for i := 0; i < n; i++ {
		select {
		case ev := <-dr:
			m := ev.(*kafka.Message)
			require.NoError(t, m.TopicPartition.Error)
		case <-time.After(60 * time.Second):
			t.Fatalf("delivery reports missing: %d of %d", i, n)
		}
	}
}

// newConsumer creates a consumer on c with extra properties, closed when
// the test ends.
func newConsumer(t *testing.T, c *kafkatest.Cluster, group string, extra kafka.ConfigMap) *kafka.Consumer {
	t.Helper()
	conf := kafka.ConfigMap{
		"bootstrap.servers":     c.Bootstrap,
		"group.id":              group,
		"auto.offset.reset":     "earliest",
		"session.timeout.ms":    6000,
		"heartbeat.interval.ms": 500,
	}
	for k, v := range extra {
		conf[k] = v
	}
	debug := os.Getenv("PUREKAFKA_TEST_DEBUG")
	if _, own := extra["go.logs.channel.enable"]; own {
		debug = "" // the test reads the logs itself
	}
	if debug != "" {
		conf["debug"] = debug
		conf["go.logs.channel.enable"] = true
	}
	cons, err := kafka.NewConsumer(&conf)
	require.NoError(t, err)
	if debug != "" {
		keepLogs(t, cons)
	}
	t.Cleanup(func() { _ = cons.Close() })
	return cons
}

// keepLogs collects cons's log lines and prints the last ones when the
// test fails: with PUREKAFKA_TEST_DEBUG set to librdkafka debug contexts
// ("all"), a consumer that stalls in CI leaves franz-go's account of why.
func keepLogs(t *testing.T, cons *kafka.Consumer) {
	const keep = 3000
	var mu sync.Mutex
	var lines []string
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case l, ok := <-cons.Logs():
				if !ok {
					return // Close closed it
				}
				mu.Lock()
				if len(lines) == keep {
					lines = lines[1:]
				}
				lines = append(lines, l.Timestamp.Format("15:04:05.000")+" "+l.Message)
				mu.Unlock()
			case <-stop:
				return
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		<-done
		if t.Failed() {
			mu.Lock()
			defer mu.Unlock()
			t.Logf("last %d log lines of %s:\n%s", len(lines), cons.String(), strings.Join(lines, "\n"))
		}
	})
}

// checkMessage verifies what produce wrote into m, including the
// producer's timestamp, and returns i.
func checkMessage(t *testing.T, m *kafka.Message) int {
	t.Helper()
	i := checkContent(t, m)
	require.Equal(t, kafka.TimestampCreateTime, m.TimestampType)
	require.True(t, producedAt(i).Equal(m.Timestamp), "timestamp of %d: %v", i, m.Timestamp)
	return i
}

// checkContent is checkMessage without the timestamp, for topics whose
// broker stamps messages itself.
func checkContent(t *testing.T, m *kafka.Message) int {
	t.Helper()
	require.NoError(t, m.TopicPartition.Error)
	i, err := strconv.Atoi(string(m.Value[1:]))
	require.NoError(t, err)
	require.Equal(t, "k"+strconv.Itoa(i), string(m.Key))
	require.Len(t, m.Headers, 2)
	require.Equal(t, kafka.Header{Key: "i", Value: []byte(strconv.Itoa(i))}, m.Headers[0])
	require.Equal(t, "nil", m.Headers[1].Key)
	require.Nil(t, m.Headers[1].Value)
	require.NotNil(t, m.TopicPartition.LeaderEpoch)
	require.Equal(t, m.LeaderEpoch, m.TopicPartition.LeaderEpoch) //nolint:staticcheck // checks the deprecated field is still filled
	return i
}

// producedAt is the timestamp produce gives message i.
func producedAt(i int) time.Time { return baseTime.Add(time.Duration(i) * time.Millisecond) }

// seen records consumed messages, concurrency-safe, and checks
// per-partition order and duplicates.
type seen struct {
	mu    sync.Mutex
	ids   map[int]int // id -> times seen
	last  map[int32]kafka.Offset
	dups  int
	order []string
}

func newSeen() *seen {
	return &seen{ids: map[int]int{}, last: map[int32]kafka.Offset{}}
}

func (s *seen) add(t *testing.T, m *kafka.Message, i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ids[i]++
	if s.ids[i] > 1 {
		s.dups++
	}
	if last, ok := s.last[m.TopicPartition.Partition]; ok && m.TopicPartition.Offset <= last {
		s.order = append(s.order, fmt.Sprintf("p%d: %d after %d", m.TopicPartition.Partition, m.TopicPartition.Offset, last))
	}
	s.last[m.TopicPartition.Partition] = m.TopicPartition.Offset
}

func (s *seen) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ids)
}

// pollUntil polls cons, feeding messages to fn, until done reports true
// or the deadline passes.
func pollUntil(t *testing.T, cons *kafka.Consumer, limit time.Duration, fn func(ev kafka.Event) bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if fn(cons.Poll(100)) {
			return
		}
	}
	t.Fatalf("condition not reached within %v", limit)
}
