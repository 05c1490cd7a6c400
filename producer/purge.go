package producer

import (
	"context"

	"github.com/purekafka/purekafka/client"
)

// Purge flags, librdkafka's RD_KAFKA_PURGE_F_* values.
const (
	// PurgeQueue purges messages not yet sent to a broker; their delivery
	// reports fail with ErrPurgeQueue.
	PurgeQueue = int(1)
	// PurgeInFlight also abandons messages already sent and awaiting the
	// broker's answer, so their fate is unknown (retrying may duplicate).
	PurgeInFlight = int(2)
	// PurgeNonBlocking returns at once instead of waiting for the purge.
	PurgeNonBlocking = int(4)
)

// Purge fails the messages this producer still holds, per flags. Their
// delivery reports arrive on the usual channels, so the application serves
// them with Events() or Flush as after any delivery.
//
// Without PurgeInFlight, messages already on the wire complete normally and
// only queued ones fail. franz-go cannot tell the two apart when it abandons
// in-flight requests, so with PurgeInFlight every purged message reports
// ErrPurgeQueue rather than some reporting ErrPurgeInflight.
func (p *Producer) Purge(flags int) error {
	if p.h.IsClosed() {
		return client.NewClosedClientError()
	}
	if flags&^(PurgeQueue|PurgeInFlight|PurgeNonBlocking) != 0 {
		return client.NewError(client.ErrInvalidArg, "", false)
	}
	if flags&(PurgeQueue|PurgeInFlight) == 0 {
		return nil
	}
	purge := func() {
		ctx := context.Background()
		if flags&PurgeInFlight != 0 {
			p.h.Client.UnsafeAbortBufferedRecords()
		} else {
			_ = p.h.Client.AbortBufferedRecords(ctx)
		}
	}
	if flags&PurgeNonBlocking != 0 {
		go purge()
		return nil
	}
	purge()
	return nil
}
