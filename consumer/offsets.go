package consumer

import (
	"context"
	"errors"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/purekafka/purekafka/client"
)

// Commit commits the stored offsets of the assigned partitions and returns
// what was committed. With nothing new to commit it fails with ErrNoOffset,
// as librdkafka does. It blocks until the broker answers.
func (c *Consumer) Commit() ([]client.TopicPartition, error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	offsets := c.dirtyOffsets(nil)
	if len(offsets) == 0 {
		return nil, client.NewError(client.ErrNoOffset, "", false)
	}
	return c.commitList(offsets)
}

// CommitMessage commits the offset after m.
func (c *Consumer) CommitMessage(m *client.Message) ([]client.TopicPartition, error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	if m.TopicPartition.Error != nil {
		return nil, client.NewError(client.ErrInvalidArg, "Can't commit errored message", false)
	}
	tp := m.TopicPartition
	tp.Offset++
	return c.commitList([]client.TopicPartition{tp})
}

// CommitOffsets commits the given offsets; OffsetStored stands for the
// partition's stored offset. A nil list commits the stored offsets, as
// Commit does: confluent-kafka-go passes it to librdkafka as "no list".
func (c *Consumer) CommitOffsets(offsets []client.TopicPartition) ([]client.TopicPartition, error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	if offsets == nil {
		return c.Commit()
	}
	resolved := make([]client.TopicPartition, len(offsets))
	copy(resolved, offsets)
	c.mu.Lock()
	for i, tp := range resolved {
		if tp.Offset == client.OffsetStored && tp.Topic != nil {
			if ps := c.assigned[tpKey{*tp.Topic, tp.Partition}]; ps != nil {
				resolved[i].Offset = client.Offset(ps.stored)
			}
		}
	}
	c.mu.Unlock()
	return c.commitList(resolved)
}

// dirtyOffsets lists stored offsets not yet committed, of keys (all
// assigned partitions when keys is nil).
func (c *Consumer) dirtyOffsets(keys []tpKey) []client.TopicPartition {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []client.TopicPartition
	add := func(ps *partState) {
		if ps.stored >= 0 && ps.stored != ps.committed {
			tp := ps.tp(ps.stored)
			tp.LeaderEpoch = client.EpochPtr(ps.storedEpoch)
			tp.Metadata = ps.storedMeta
			out = append(out, tp)
		}
	}
	if keys == nil {
		for _, ps := range c.assigned {
			add(ps)
		}
	} else {
		for _, key := range keys {
			if ps := c.assigned[key]; ps != nil {
				add(ps)
			}
		}
	}
	sortTPs(out)
	return out
}

// commitTimeout bounds a commit, which librdkafka bounds with its request
// timeouts.
func (c *Consumer) commitTimeout() time.Duration {
	if c.cfg.SocketTimeout > 0 {
		return c.cfg.SocketTimeout
	}
	return time.Minute
}

// commitList commits offsets synchronously: through the group client while
// subscribed (generation-checked), else as a simple group commit. It
// returns each partition with its own error, and the first error overall.
func (c *Consumer) commitList(offsets []client.TopicPartition) ([]client.TopicPartition, error) {
	if c.cfg.GroupID == "" {
		return nil, client.NewError(client.ErrUnknownGroup, "", false)
	}
	valid := make([]client.TopicPartition, 0, len(offsets))
	for _, tp := range offsets {
		if tp.Topic != nil && tp.Offset >= 0 {
			tp.Error = nil
			valid = append(valid, tp)
		}
	}
	if len(valid) == 0 {
		return nil, client.NewError(client.ErrNoOffset, "", false)
	}
	c.mu.Lock()
	gc := c.gc
	if gc == nil && c.cur != nil && !c.cur.assign {
		// A revoke served while its group client is being retired
		// (Close, a new subscription): franz-go waits for it before
		// leaving, so the commit still belongs to that membership,
		// as librdkafka's final commit on close does.
		gc = c.cur.gc
	}
	c.mu.Unlock()
	ctx, cancel := c.opContext(c.commitTimeout())
	defer cancel()

	codes := make(map[tpKey]error, len(valid))
	var reqErr error
	if gc != nil {
		cctx := kgo.PreCommitFnContext(ctx, func(req *kmsg.OffsetCommitRequest) error {
			setCommitMetadata(req, valid)
			return nil
		})
		gc.CommitOffsetsSync(cctx, client.EpochOffsets(valid), func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
			if err != nil {
				reqErr = err
				return
			}
			for _, t := range resp.Topics {
				for _, p := range t.Partitions {
					if p.ErrorCode != 0 {
						codes[tpKey{t.Topic, p.Partition}] = client.ErrorFromBroker(p.ErrorCode, nil)
					}
				}
			}
		})
	} else {
		resps, err := kadm.NewClient(c.h.Client).CommitOffsets(ctx, c.cfg.GroupID, client.KadmOffsets(valid))
		if err != nil {
			reqErr = err
		}
		for _, tp := range valid {
			if r, ok := resps.Lookup(*tp.Topic, tp.Partition); ok && r.Err != nil {
				codes[tpKey{*tp.Topic, tp.Partition}] = client.ErrorFromKgo(r.Err)
			}
		}
	}
	var first error
	if reqErr != nil {
		first = opError(ctx, reqErr)
	}
	c.mu.Lock()
	for i := range valid {
		key := tpKey{*valid[i].Topic, valid[i].Partition}
		err := codes[key]
		if reqErr != nil {
			err = first
		}
		if err != nil {
			valid[i].Error = err
			if first == nil {
				first = err
			}
			continue
		}
		if ps := c.assigned[key]; ps != nil {
			ps.committed = int64(valid[i].Offset)
		}
	}
	c.mu.Unlock()
	return valid, first
}

// setCommitMetadata copies the applications' commit metadata into the
// request franz-go built, which has no field for it. Partitions without
// any get an empty string rather than franz-go's default (the member id),
// so that Committed reports no metadata, as with librdkafka.
func setCommitMetadata(req *kmsg.OffsetCommitRequest, tps []client.TopicPartition) {
	meta := make(map[tpKey]*string)
	for _, tp := range tps {
		if tp.Metadata != nil {
			meta[tpKey{*tp.Topic, tp.Partition}] = tp.Metadata
		}
	}
	empty := ""
	for i := range req.Topics {
		for j := range req.Topics[i].Partitions {
			p := &req.Topics[i].Partitions[j]
			if m, ok := meta[tpKey{req.Topics[i].Topic, p.Partition}]; ok {
				p.Metadata = m
			} else {
				p.Metadata = &empty
			}
		}
	}
}

// opError maps a failed request: a deadline is librdkafka's local
// timeout, anything else goes through ErrorFromKgo.
func opError(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || (ctx.Err() != nil && errors.Is(err, context.Canceled)) {
		return client.NewError(client.ErrTimedOut, "", false)
	}
	return client.ErrorFromKgo(err)
}

// StoreOffsets stores offsets to be committed by the next auto or manual
// Commit. Like librdkafka it requires enable.auto.offset.store=false
// (ErrInvalidArg otherwise); partitions not assigned get ErrState in their
// Error, and the call fails only when nothing could be stored.
func (c *Consumer) StoreOffsets(offsets []client.TopicPartition) (storedOffsets []client.TopicPartition, err error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	out := make([]client.TopicPartition, len(offsets))
	copy(out, offsets)
	if c.autoStore {
		return out, client.NewError(client.ErrInvalidArg, "", false)
	}
	ok := 0
	var last error
	c.mu.Lock()
	for i, tp := range out {
		var ps *partState
		if tp.Topic != nil {
			ps = c.assigned[tpKey{*tp.Topic, tp.Partition}]
		}
		if ps == nil {
			out[i].Error = client.NewError(client.ErrState, "", false)
			last = out[i].Error
			continue
		}
		out[i].Error = nil
		ps.stored = int64(tp.Offset)
		ps.storedEpoch = -1
		if tp.LeaderEpoch != nil {
			ps.storedEpoch = *tp.LeaderEpoch
		}
		ps.storedMeta = tp.Metadata
		ok++
	}
	c.mu.Unlock()
	if len(out) > 0 && ok == 0 {
		return out, last
	}
	return out, nil
}

// StoreMessage stores the offset after m; see StoreOffsets.
func (c *Consumer) StoreMessage(m *client.Message) (storedOffsets []client.TopicPartition, err error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	switch {
	case m.TopicPartition.Error != nil:
		return nil, client.NewError(client.ErrInvalidArg, "Can't store errored message", false)
	case m.TopicPartition.Offset < 0:
		return nil, client.NewError(client.ErrInvalidArg, "Can't store message with offset less than 0", false)
	case m.TopicPartition.LeaderEpoch != nil && *m.TopicPartition.LeaderEpoch < 0:
		return nil, client.NewError(client.ErrInvalidArg, "Can't store message with leader epoch less than 0", false)
	}
	tp := m.TopicPartition
	tp.Offset++
	return c.StoreOffsets([]client.TopicPartition{tp})
}

// Committed returns the group's committed offsets for partitions
// (OffsetInvalid where there is none), waiting at most timeoutMs. An empty
// list returns an empty result without asking the coordinator.
func (c *Consumer) Committed(partitions []client.TopicPartition, timeoutMs int) (offsets []client.TopicPartition, err error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	if len(partitions) == 0 {
		// Nothing to ask the coordinator, and librdkafka does not.
		return []client.TopicPartition{}, nil
	}
	found, err := c.fetchCommitted(keysOf(partitions), timeoutMs)
	if err != nil {
		return nil, err
	}
	out := make([]client.TopicPartition, len(partitions))
	for i, tp := range partitions {
		out[i] = tp
		out[i].Offset = client.OffsetInvalid
		out[i].Error = nil
		if tp.Topic == nil {
			continue
		}
		if ctp, ok := found[tpKey{*tp.Topic, tp.Partition}]; ok {
			out[i].Offset = ctp.Offset
			out[i].Metadata = ctp.Metadata
			out[i].LeaderEpoch = ctp.LeaderEpoch
			out[i].Error = ctp.Error
		}
	}
	return out, nil
}

// fetchCommitted reads the group's committed offsets of keys.
func (c *Consumer) fetchCommitted(keys []tpKey, timeoutMs int) (map[tpKey]client.TopicPartition, error) {
	if c.cfg.GroupID == "" {
		return nil, client.NewError(client.ErrUnknownGroup, "", false)
	}
	var ctx context.Context
	var cancel context.CancelFunc
	if timeoutMs < 0 {
		ctx, cancel = context.WithCancel(context.Background())
	} else {
		ctx, cancel = context.WithTimeout(context.Background(), client.TimeoutDuration(timeoutMs))
	}
	defer cancel()
	resps, err := kadm.NewClient(c.h.Client).FetchOffsets(ctx, c.cfg.GroupID)
	if err != nil {
		return nil, opError(ctx, err)
	}
	out := make(map[tpKey]client.TopicPartition, len(keys))
	for _, key := range keys {
		r, ok := resps.Lookup(key.topic, key.partition)
		if !ok {
			continue
		}
		topic := key.topic
		tp := client.TopicPartition{Topic: &topic, Partition: key.partition, Offset: client.Offset(r.At), LeaderEpoch: client.EpochPtr(r.LeaderEpoch)}
		if r.At < 0 {
			tp.Offset = client.OffsetInvalid
		}
		if r.Metadata != "" {
			meta := r.Metadata
			tp.Metadata = &meta
		}
		if r.Err != nil {
			tp.Error = client.ErrorFromKgo(r.Err)
		}
		out[key] = tp
	}
	return out, nil
}

// Position returns, per partition, the offset of the next message the
// application will get (the last one returned + 1) with that message's
// leader epoch, as librdkafka does, or OffsetInvalid before the first.
func (c *Consumer) Position(partitions []client.TopicPartition) (offsets []client.TopicPartition, err error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	out := make([]client.TopicPartition, len(partitions))
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, tp := range partitions {
		out[i] = tp
		out[i].Offset = client.OffsetInvalid
		if tp.Topic == nil {
			continue
		}
		if ps := c.assigned[tpKey{*tp.Topic, tp.Partition}]; ps != nil {
			out[i].Offset = client.Offset(ps.position)
			out[i].LeaderEpoch = client.EpochPtr(ps.posEpoch)
		}
	}
	return out, nil
}

// Seek moves an assigned partition to partition.Offset. Once it returns,
// Poll returns no message fetched from the old position.
//
// Deprecated: use SeekPartitions, as confluent-kafka-go advises.
func (c *Consumer) Seek(partition client.TopicPartition, ignoredTimeoutMs int) error {
	res, err := c.SeekPartitions([]client.TopicPartition{partition})
	if err != nil {
		return err
	}
	return res[0].Error
}

// SeekPartitions moves assigned partitions to their Offset (absolute or
// logical: OffsetBeginning, OffsetEnd, OffsetTail(n), OffsetStored).
// Partitions that are not assigned get ErrState in their Error, or
// ErrUnknownPartition when the topic has no such partition, as in
// librdkafka; so do partitions a rebalance assigned without an offset
// while their committed offset is still being fetched (librdkafka is not
// fetching them yet). An empty list fails with ErrInvalidArg, as there.
func (c *Consumer) SeekPartitions(partitions []client.TopicPartition) ([]client.TopicPartition, error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	if len(partitions) == 0 {
		return nil, client.NewError(client.ErrInvalidArg, "partitions must be specified", false) // librdkafka's text
	}
	out := make([]client.TopicPartition, len(partitions))
	copy(out, partitions)
	targets := make([]int64, len(out))
	for i, tp := range out {
		out[i].Error = nil
		if tp.Topic == nil {
			out[i].Error = client.NewError(client.ErrInvalidArg, "", false)
			continue
		}
		c.mu.Lock()
		key := tpKey{*tp.Topic, tp.Partition}
		ps := c.assigned[key]
		awaiting := c.awaitingCommittedLocked(key)
		c.mu.Unlock()
		if ps == nil {
			out[i].Error = c.notAssignedError(*tp.Topic, tp.Partition)
			continue
		}
		if awaiting {
			out[i].Error = client.NewError(client.ErrState, "", false)
			continue
		}
		target, err := c.resolveOffset(tp)
		if err != nil {
			out[i].Error = err
			continue
		}
		targets[i] = target
	}

	set := make(map[string]map[int32]kgo.EpochOffset)
	var probes []eofProbe
	c.mu.Lock()
	c.quiesceLocked()
	for i, tp := range out {
		if out[i].Error != nil {
			continue
		}
		key := tpKey{*tp.Topic, tp.Partition}
		ps := c.assigned[key]
		if ps == nil || c.awaitingCommittedLocked(key) {
			out[i].Error = client.NewError(client.ErrState, "", false)
			continue
		}
		c.refetchLocked(ps, kgo.EpochOffset{Epoch: -1, Offset: targets[i]}, set)
		ps.position = targets[i]
		ps.posEpoch = -1
		ps.eofAt = -1
		probes = append(probes, newProbeLocked(ps, targets[i]))
	}
	if cl := c.fetchClientLocked(); cl != nil && len(set) > 0 {
		c.setOffsetsLocked(cl, set)
	}
	c.startEOFProbesLocked(probes)
	c.unquiesceLocked()
	c.mu.Unlock()
	return out, nil
}

// notAssignedError is the error of seeking a partition that is not
// assigned: librdkafka's ErrState for a partition it knows, and
// ErrUnknownPartition for one the topic's metadata does not list.
func (c *Consumer) notAssignedError(topic string, partition int32) error {
	md, err := c.h.GetMetadata(&topic, false, int(c.commitTimeout().Milliseconds()))
	if err == nil {
		if tm, ok := md.Topics[topic]; ok && partition >= 0 && int(partition) < len(tm.Partitions) {
			return client.NewError(client.ErrState, "", false)
		}
	}
	return client.NewError(client.ErrUnknownPartition, "", false)
}

// resolveOffset turns a logical offset into an absolute one, because
// franz-go's SetOffsets takes only absolute offsets.
func (c *Consumer) resolveOffset(tp client.TopicPartition) (int64, error) {
	if tp.Offset >= 0 {
		return int64(tp.Offset), nil
	}
	timeout := int(c.commitTimeout().Milliseconds())
	if tp.Offset == client.OffsetStored || tp.Offset == client.OffsetInvalid {
		committed, err := c.fetchCommitted([]tpKey{{*tp.Topic, tp.Partition}}, timeout)
		if err != nil {
			return 0, err
		}
		if ctp, ok := committed[tpKey{*tp.Topic, tp.Partition}]; ok && ctp.Offset >= 0 {
			return int64(ctp.Offset), nil
		}
		tp.Offset = client.OffsetEnd
		if c.cfg.AutoOffsetReset != "latest" {
			tp.Offset = client.OffsetBeginning
		}
	}
	low, high, err := c.QueryWatermarkOffsets(*tp.Topic, tp.Partition, timeout)
	if err != nil {
		return 0, err
	}
	switch tp.Offset {
	case client.OffsetBeginning:
		return low, nil
	case client.OffsetEnd:
		return high, nil
	}
	if n, ok := client.IsTailOffset(tp.Offset); ok {
		return max(low, high-n), nil
	}
	return 0, client.NewError(client.ErrInvalidArg, "", false)
}

// Pause stops fetching the given assigned partitions; messages already
// fetched for them wait until Resume.
func (c *Consumer) Pause(partitions []client.TopicPartition) (err error) {
	return c.setPaused(partitions, true)
}

// Resume resumes fetching paused partitions.
func (c *Consumer) Resume(partitions []client.TopicPartition) (err error) {
	return c.setPaused(partitions, false)
}

func (c *Consumer) setPaused(partitions []client.TopicPartition, paused bool) error {
	if c.IsClosed() {
		return client.NewClosedClientError()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var keys []tpKey
	for _, key := range keysOf(partitions) {
		if ps := c.assigned[key]; ps != nil {
			ps.paused = paused
			keys = append(keys, key)
		}
	}
	cl := c.fetchClientLocked()
	if cl == nil || len(keys) == 0 {
		return nil
	}
	if paused {
		cl.PauseFetchPartitions(groupByTopic(keys))
		return nil
	}
	// Fetching resumes where the application is: franz-go may have
	// dropped records it fetched for a partition while it was paused (a
	// seek of a paused partition restarts its fetch session), so the
	// partition's buffered messages are dropped too and refetched from
	// the position. Without a position, franz-go's own cursor is right.
	c.quiesceLocked()
	set := make(map[string]map[int32]kgo.EpochOffset)
	for _, key := range keys {
		ps := c.assigned[key]
		if ps == nil || ps.position == unset {
			continue // unassigned while quiescing, or no position yet
		}
		c.refetchLocked(ps, kgo.EpochOffset{Epoch: ps.posEpoch, Offset: ps.position}, set)
	}
	if len(set) > 0 {
		c.setOffsetsLocked(cl, set)
	}
	cl.ResumeFetchPartitions(groupByTopic(keys))
	c.unquiesceLocked()
	return nil
}

// autoCommitLoop commits stored offsets every auto.commit.interval.ms and
// reports each commit as an OffsetsCommitted event, as librdkafka does.
func (c *Consumer) autoCommitLoop() {
	defer c.bg.Done()
	t := time.NewTicker(c.cfg.AutoCommitInterval)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
		offsets := c.dirtyOffsets(nil)
		if len(offsets) == 0 {
			continue
		}
		res, err := c.commitList(offsets)
		c.push(client.OffsetsCommitted{Error: err, Offsets: res})
	}
}

// refetchLocked makes ps fetch again from at: its buffered messages are
// dropped, fetches begun before now become stale, and at is added to set
// for franz-go's SetOffsets.
func (c *Consumer) refetchLocked(ps *partState, at kgo.EpochOffset, set map[string]map[int32]kgo.EpochOffset) {
	c.purgeChunksLocked(ps)
	c.epoch++
	ps.changedAt = c.epoch
	if set[*ps.topic] == nil {
		set[*ps.topic] = make(map[int32]kgo.EpochOffset)
	}
	set[*ps.topic][ps.partition] = at
}

// setOffsetsLocked makes cl fetch set's partitions from their offsets.
// SetOffsets moves only partitions franz-go consumes already, and a manual
// assignment starts on franz-go's next metadata update, from the offset
// AddConsumePartitions recorded: a seek made in between would be lost. So
// that recorded offset is replaced first; whichever franz-go sees last
// then carries the same offset.
func (c *Consumer) setOffsetsLocked(cl *kgo.Client, set map[string]map[int32]kgo.EpochOffset) {
	if c.mode == modeManual {
		starts := make(map[string]map[int32]kgo.Offset, len(set))
		for topic, parts := range set {
			starts[topic] = make(map[int32]kgo.Offset, len(parts))
			for partition, eo := range parts {
				starts[topic][partition] = kgo.NewOffset().At(eo.Offset).WithEpoch(eo.Epoch)
			}
		}
		cl.AddConsumePartitions(starts)
	}
	cl.SetOffsets(set)
}
