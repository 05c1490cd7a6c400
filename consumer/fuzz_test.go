package consumer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// FuzzFillHeaders checks how a fetched record's headers become a Message's:
// order, keys and values are kept, a NULL value stays nil and an empty one
// stays empty (confluent tells them apart), and an application appending to
// one message's headers cannot overwrite the next message's, though both
// come from one allocation. Seeds: below and testdata/fuzz/FuzzFillHeaders/.
func FuzzFillHeaders(f *testing.F) {
	f.Add([]byte{}, []byte{1, 'a', 1, 'b'})
	f.Add([]byte{1, 'n', 0xff, 1, 'e', 0}, []byte{})
	f.Add([]byte{0, 0}, []byte{3, 'k', 'e', 'y', 0xff})
	f.Fuzz(func(t *testing.T, spec1, spec2 []byte) {
		topic := "t"
		r1 := &kgo.Record{Headers: fuzzHeaders(spec1), LeaderEpoch: -1}
		r2 := &kgo.Record{Headers: fuzzHeaders(spec2), LeaderEpoch: 3}
		ch := &chunk{ps: &partState{topic: &topic, partition: 1}, recs: []*kgo.Record{r1, r2}}
		var ms [2]client.Message
		m1, m2 := &ms[0], &ms[1]
		ch.fill(m1, 0)
		ch.fill(m2, 1)
		for i, c := range []struct {
			m *client.Message
			r *kgo.Record
		}{{m1, r1}, {m2, r2}} {
			require.Len(t, c.m.Headers, len(c.r.Headers), "message %d", i)
			for j, h := range c.r.Headers {
				got := c.m.Headers[j]
				assert.Equal(t, h.Key, got.Key)
				assert.Equal(t, h.Value == nil, got.Value == nil, "header %d of message %d: NULL is not empty", j, i)
				assert.Equal(t, h.Value, got.Value)
			}
		}
		m1.Headers = append(m1.Headers, client.Header{Key: "appended"})
		for j, h := range r2.Headers {
			assert.Equal(t, h.Key, m2.Headers[j].Key, "appending to one message's headers changed the next one's")
		}
	})
}

// fuzzHeaders decodes record headers from fuzz bytes: for each header a key
// length byte and the key, then a value length byte (255: NULL) and the
// value, as far as the bytes go.
func fuzzHeaders(b []byte) []kgo.RecordHeader {
	var hs []kgo.RecordHeader
	take := func(n int) []byte {
		n = min(n, len(b))
		s := b[:n]
		b = b[n:]
		return s
	}
	for len(b) > 0 {
		h := kgo.RecordHeader{Key: string(take(int(take(1)[0])))}
		if len(b) > 0 {
			if n := take(1)[0]; n != 255 {
				h.Value = append([]byte{}, take(int(n))...)
			}
		}
		hs = append(hs, h)
	}
	return hs
}
