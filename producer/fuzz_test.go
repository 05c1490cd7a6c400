package producer

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/purekafka/purekafka/client"
)

// FuzzWireSizeCoversEncoding checks the size Produce compares with
// message.max.bytes (and counts against queue.buffering.max.kbytes): for
// any key, value and headers, NULL or not, it is at least the record's
// encoded size with the widest varints, so a message Produce accepts never
// exceeds the limit on the wire. Seeds: below and
// testdata/fuzz/FuzzWireSizeCoversEncoding/.
func FuzzWireSizeCoversEncoding(f *testing.F) {
	f.Add([]byte("k"), []byte("v"), false, false, []byte{})
	f.Add([]byte(nil), []byte(nil), true, true, []byte{1, 'a', 0xff})
	f.Add([]byte{}, []byte{}, false, false, []byte{0, 0, 3, 'x', 'y', 'z', 200})
	f.Add([]byte("key"), make([]byte, 300), false, false, []byte{5, 'h', 'e', 'l', 'l', 'o', 127})
	f.Fuzz(func(t *testing.T, key, value []byte, nullKey, nullValue bool, headerSpec []byte) {
		if nullKey {
			key = nil
		}
		if nullValue {
			value = nil
		}
		msg := &client.Message{Key: key, Value: value, Headers: fuzzHeaders(headerSpec)}
		rec := kmsg.Record{
			Length:           math.MaxInt32, // the widest varints librdkafka allows for
			TimestampDelta64: math.MinInt64,
			OffsetDelta:      math.MaxInt32,
			Key:              key,
			Value:            value,
		}
		for _, h := range msg.Headers {
			rec.Headers = append(rec.Headers, kmsg.Header{Key: h.Key, Value: h.Value})
		}
		assert.GreaterOrEqual(t, wireSize(msg), len(rec.AppendTo(nil)))
	})
}

// fuzzHeaders decodes headers from fuzz bytes: for each header a key
// length byte and the key, then a value length byte (255: NULL) and the
// value, as far as the bytes go.
func fuzzHeaders(b []byte) []client.Header {
	var hs []client.Header
	take := func(n int) []byte {
		n = min(n, len(b))
		s := b[:n]
		b = b[n:]
		return s
	}
	for len(b) > 0 {
		k := take(int(take(1)[0]))
		h := client.Header{Key: string(k)}
		if len(b) > 0 {
			if n := take(1)[0]; n != 255 {
				h.Value = append([]byte{}, take(int(n))...)
			}
		}
		hs = append(hs, h)
	}
	return hs
}
