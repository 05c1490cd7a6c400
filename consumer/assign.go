package consumer

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/purekafka/purekafka/client"
)

// Subscribe subscribes to one topic (a name starting with "^" is a regular
// expression), replacing the current subscription. rebalanceCb, if not nil,
// is called from Poll for every rebalance.
func (c *Consumer) Subscribe(topic string, rebalanceCb RebalanceCb) error {
	return c.SubscribeTopics([]string{topic}, rebalanceCb)
}

// SubscribeTopics subscribes to topics (names starting with "^" are regular
// expressions), replacing the current subscription and any manual
// assignment. Joining the group happens in the background; the assignment
// arrives through Poll.
func (c *Consumer) SubscribeTopics(topics []string, rebalanceCb RebalanceCb) (err error) {
	if c.closing.Load() || c.IsClosed() {
		return client.NewClosedClientError()
	}
	if c.cfg.GroupID == "" {
		// librdkafka has no group handle without a group.id.
		return client.NewError(client.ErrUnknownGroup, "", false)
	}
	if len(topics) == 0 {
		return client.NewError(client.ErrInvalidArg, "", false)
	}
	for _, t := range topics {
		if t == "" {
			return client.NewError(client.ErrInvalidArg, "", false)
		}
		if strings.HasPrefix(t, "^") {
			if _, err := regexp.Compile(t); err != nil {
				return client.Errorf(client.ErrInvalidArg, "Invalid regex %q: %v", t, err)
			}
		}
	}
	topics = slices.Clone(topics)

	c.mu.Lock()
	old := c.gc
	if c.mode == modeManual {
		c.dropManualLocked()
	}
	c.mode = modeSubscribe
	c.subscribedOnce = true
	c.topics = topics
	c.rebalanceCb = rebalanceCb
	c.joined = false
	c.subGen++
	gen := c.subGen
	go c.checkSubscribed(topics, gen)
	if old == nil {
		err := c.startGroupLocked(topics)
		c.mu.Unlock()
		return err
	}
	// A new subscription is a rebalance: the old membership revokes
	// (served by Poll) before the new one joins.
	c.gc = nil
	done := c.retireLocked(old)
	c.mu.Unlock()
	go func() {
		<-done
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.subGen == gen && !c.closing.Load() && c.gc == nil {
			if err := c.startGroupLocked(topics); err != nil {
				c.pushLocked(client.ErrorFromKgo(err))
			}
		}
	}()
	return nil
}

// checkSubscribed looks the subscribed topics (not patterns) up and raises
// an Error event for each the broker reports as unknown or not authorized,
// as librdkafka does with "Subscribed topic not available: <topic>:
// <error>"; transient errors (no leader yet) are not reported. The lookup
// asks for automatic creation when allow.auto.create.topics allows it, as
// librdkafka's does.
func (c *Consumer) checkSubscribed(topics []string, gen uint64) {
	for _, t := range topics {
		if strings.HasPrefix(t, "^") {
			continue
		}
		md, err := c.h.GetMetadata(&t, false, int(c.commitTimeout().Milliseconds()))
		if err != nil {
			continue
		}
		tm, ok := md.Topics[t]
		if code := tm.Error.Code(); !ok || code != client.ErrUnknownTopicOrPart && code != client.ErrTopicAuthorizationFailed {
			continue
		}
		c.mu.Lock()
		if c.subGen == gen && !c.closing.Load() {
			c.pushLocked(client.NewError(tm.Error.Code(), fmt.Sprintf("Subscribed topic not available: %s: %s", t, tm.Error.Code()), false))
		}
		c.mu.Unlock()
	}
}

// startGroupLocked creates the group client for topics.
func (c *Consumer) startGroupLocked(topics []string) error {
	cl, err := c.h.NewSiblingClient(c.groupOpts(topics)...)
	if err != nil {
		return err
	}
	c.gc = cl
	c.notifyLocked()
	return nil
}

// retireLocked closes a group client in the background (leaving the group
// fires its revoke, which Poll or Close serves) and returns a channel
// closed when it is gone.
func (c *Consumer) retireLocked(gc *kgo.Client) chan struct{} {
	done := make(chan struct{})
	c.retiring = append(c.retiring, done)
	go func() {
		gc.Close()
		close(done)
		c.mu.Lock()
		delete(c.expelled, gc)
		c.retiring = slices.DeleteFunc(c.retiring, func(d chan struct{}) bool { return d == done })
		c.notifyLocked()
		c.mu.Unlock()
	}()
	return done
}

// Unsubscribe drops the subscription and leaves the group; the revoke is
// delivered through Poll.
func (c *Consumer) Unsubscribe() (err error) {
	if c.closing.Load() || c.IsClosed() {
		return client.NewClosedClientError()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.subGen++
	c.topics = nil
	if c.mode == modeSubscribe {
		c.mode = modeNone
	}
	if c.gc != nil {
		c.retireLocked(c.gc)
		c.gc = nil
	}
	return nil
}

// Subscription returns the current subscription.
func (c *Consumer) Subscription() (topics []string, err error) {
	if c.closing.Load() || c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string{}, c.topics...), nil
}

// Assignment returns the current assignment, with the offsets it was
// assigned with (OffsetInvalid shows as OffsetStored, as librdkafka stores
// it). It works until Close returns, so that the RebalanceCb Close runs
// can call it, as with librdkafka.
func (c *Consumer) Assignment() (partitions []client.TopicPartition, err error) {
	if c.IsClosed() {
		return nil, client.NewClosedClientError()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]client.TopicPartition, 0, len(c.assigned))
	for _, ps := range c.assigned {
		out = append(out, ps.tp(ps.assignedAt))
	}
	sortTPs(out)
	return out, nil
}

// Assign replaces the assignment. Each partition starts at its Offset: an
// absolute offset, OffsetBeginning, OffsetEnd, OffsetTail(n), or
// OffsetStored/OffsetInvalid for the committed offset (falling back to
// auto.offset.reset).
//
// Without a subscription this is manual assignment. Inside a rebalance
// callback it acknowledges the group's assignment and sets the start
// offsets; a set different from the group's is recorded but the group's
// partitions are still what is fetched.
//
// Once the group's rebalance protocol is COOPERATIVE (GetRebalanceProtocol),
// Assign fails with ErrState, as Unassign does: cooperative members must
// use IncrementalAssign and IncrementalUnassign. While Close runs, every
// assignment call unassigns everything and succeeds.
func (c *Consumer) Assign(partitions []client.TopicPartition) (err error) {
	if err := c.appCall(); err != nil {
		return err
	}
	defer c.finishCurrentAsync()
	if c.closing.Load() {
		return c.unassign()
	}
	if err := c.checkMethod(false); err != nil {
		return err
	}
	return c.assign(partitions)
}

// Unassign removes the whole assignment. Like Assign, it fails with
// ErrState once the rebalance protocol is COOPERATIVE, except during Close.
func (c *Consumer) Unassign() (err error) {
	if err := c.appCall(); err != nil {
		return err
	}
	defer c.finishCurrentAsync()
	if c.closing.Load() {
		return c.unassign()
	}
	if err := c.checkMethod(false); err != nil {
		return err
	}
	return c.unassign()
}

// IncrementalAssign adds partitions to the assignment (cooperative
// rebalancing); offsets mean what they mean for Assign. It fails with
// ErrState once the rebalance protocol is EAGER; during Close it
// unassigns everything, as Assign does.
func (c *Consumer) IncrementalAssign(partitions []client.TopicPartition) (err error) {
	if err := c.appCall(); err != nil {
		return err
	}
	defer c.finishCurrentAsync()
	if c.closing.Load() {
		return c.unassign()
	}
	if err := c.checkMethod(true); err != nil {
		return err
	}
	if err := c.checkAddable(partitions); err != nil {
		return err
	}
	return c.incrementalAssign(partitions)
}

// IncrementalUnassign removes partitions from the assignment, with the
// rules of IncrementalAssign.
func (c *Consumer) IncrementalUnassign(partitions []client.TopicPartition) (err error) {
	if err := c.appCall(); err != nil {
		return err
	}
	defer c.finishCurrentAsync()
	if c.closing.Load() {
		return c.unassign()
	}
	if err := c.checkMethod(true); err != nil {
		return err
	}
	return c.incrementalUnassign(partitions)
}

// checkMethod refuses an assignment method the group's rebalance protocol
// does not allow, as librdkafka does once the member has joined (the
// protocol stays known after Unsubscribe, so later manual assignments are
// held to it too). Assign and Unassign reach the application through
// librdkafka's rd_kafka_assign, which keeps only the error code; the
// incremental calls keep librdkafka's message.
func (c *Consumer) checkMethod(incremental bool) error {
	c.mu.Lock()
	joined := c.joined
	protocol := c.rebalanceProtocolLocked()
	c.mu.Unlock()
	if !joined {
		// Before the first assignment no protocol is chosen (for
		// group.protocol=consumer too, whatever GetRebalanceProtocol
		// says), and manual assignment may use either method.
		return nil
	}
	switch protocol {
	case "COOPERATIVE":
		if !incremental {
			return client.NewError(client.ErrState, "", false)
		}
	case "EAGER":
		if incremental {
			return client.NewError(client.ErrState, "Changes to the current assignment must be made "+
				"using assign() when rebalance protocol type is EAGER", false)
		}
	}
	return nil
}

// appCall checks the handle and records that the application (re)assigned,
// so that a rebalance is not also applied automatically.
func (c *Consumer) appCall() error {
	if c.IsClosed() {
		return client.NewClosedClientError()
	}
	c.mu.Lock()
	c.appReassigned = true
	c.mu.Unlock()
	return nil
}

// assign replaces the assignment. Like librdkafka, which clears the old
// assignment first, it commits the stored offsets of everything assigned
// before when auto commit is on.
func (c *Consumer) assign(parts []client.TopicPartition) error {
	c.mu.Lock()
	keys := make([]tpKey, 0, len(c.assigned))
	for key := range c.assigned {
		keys = append(keys, key)
	}
	c.mu.Unlock()
	c.commitRemoved(keys)
	return c.applyAssignment(parts, true)
}

// checkAddable fails an application's IncrementalAssign as librdkafka does:
// an invalid logical start offset or a partition named twice (ErrInvalidArg),
// or a partition already assigned (ErrConflict); the error names the first
// in sorted order.
// Automatic assignment skips it: franz-go may hand a cooperative member a
// partition it still holds, which is not an application error.
func (c *Consumer) checkAddable(parts []client.TopicPartition) error {
	sorted := sortedByPartition(parts)
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, tp := range sorted {
		if o := tp.Offset; o < 0 && o > client.OffsetTail(0) && o != client.OffsetBeginning && o != client.OffsetEnd &&
			o != client.OffsetStored && o != client.OffsetInvalid {
			return client.Errorf(client.ErrInvalidArg, "%s [%d] has invalid start offset %d", *tp.Topic, tp.Partition, int64(o))
		}
		if i > 0 && *sorted[i-1].Topic == *tp.Topic && sorted[i-1].Partition == tp.Partition {
			return client.Errorf(client.ErrInvalidArg, "Duplicate %s [%d] in input list", *tp.Topic, tp.Partition)
		}
		if c.assigned[tpKey{*tp.Topic, tp.Partition}] != nil {
			return client.Errorf(client.ErrConflict, "%s [%d] is already part of the current assignment", *tp.Topic, tp.Partition)
		}
	}
	return nil
}

// sortedByPartition returns the partitions of parts that name a topic,
// sorted by topic and partition: librdkafka checks an incremental change in
// that order, so the partition an error names is the first in that order.
func sortedByPartition(parts []client.TopicPartition) []client.TopicPartition {
	sorted := make([]client.TopicPartition, 0, len(parts))
	for _, tp := range parts {
		if tp.Topic != nil {
			sorted = append(sorted, tp)
		}
	}
	slices.SortStableFunc(sorted, func(a, b client.TopicPartition) int {
		return cmp.Or(strings.Compare(*a.Topic, *b.Topic), cmp.Compare(a.Partition, b.Partition))
	})
	return sorted
}

// incrementalAssign adds parts to the assignment.
func (c *Consumer) incrementalAssign(parts []client.TopicPartition) error {
	return c.applyAssignment(parts, false)
}

// applyAssignment adds parts to the assignment, after removing everything
// else when replace is set.
func (c *Consumer) applyAssignment(parts []client.TopicPartition, replace bool) error {
	c.mu.Lock()
	subscribed := c.mode == modeSubscribe
	c.mu.Unlock()
	if !subscribed {
		return c.assignManual(parts, replace)
	}

	c.mu.Lock()
	c.quiesceLocked()
	if replace {
		for key := range c.assigned {
			c.removePartitionLocked(key)
		}
	}
	r := c.cur
	var seeks []client.TopicPartition
	for _, tp := range parts {
		if tp.Topic == nil {
			continue
		}
		ps := c.addPartitionLocked(*tp.Topic, tp.Partition)
		ps.assignedAt = assignedOffset(tp.Offset)
		// Offsets chosen while franz-go waits in adjustOffsets become
		// the start offsets; later explicit ones are seeks.
		if r != nil && r.assign && c.pending == r {
			if r.offsets == nil {
				r.offsets = make(map[tpKey]client.Offset)
			}
			r.offsets[tpKey{*tp.Topic, tp.Partition}] = tp.Offset
		} else if _, explicit := client.KgoOffset(tp.Offset); explicit {
			seeks = append(seeks, tp)
		}
	}
	c.unquiesceLocked()
	c.mu.Unlock()
	if len(seeks) > 0 {
		_, err := c.SeekPartitions(seeks)
		return err
	}
	return nil
}

// assignedOffset is the offset Assignment reports for a partition assigned
// at o: librdkafka turns OffsetInvalid ("use the committed offset") into
// OffsetStored, which means the same.
func assignedOffset(o client.Offset) int64 {
	if o == client.OffsetInvalid {
		return int64(client.OffsetStored)
	}
	return int64(o)
}

// assignManual assigns partitions consumed directly, without a group.
func (c *Consumer) assignManual(parts []client.TopicPartition, replace bool) error {
	var lookup []tpKey
	for _, tp := range parts {
		if _, ok := client.KgoOffset(tp.Offset); !ok && tp.Topic != nil {
			lookup = append(lookup, tpKey{*tp.Topic, tp.Partition})
		}
	}
	committed := map[tpKey]client.TopicPartition{}
	if len(lookup) > 0 && c.cfg.GroupID != "" {
		// The committed offsets are read once, synchronously; when
		// they cannot be read auto.offset.reset applies, as librdkafka
		// falls back when there is no committed offset.
		committed, _ = c.fetchCommitted(lookup, int(c.cfg.SocketTimeout.Milliseconds()))
	}
	add := make(map[string]map[int32]kgo.Offset)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.quiesceLocked()
	defer c.unquiesceLocked()
	if c.mode == modeNone {
		c.mode = modeManual
	}
	var remove []tpKey
	if replace {
		for key := range c.assigned {
			remove = append(remove, key)
		}
	}
	for _, tp := range parts {
		if tp.Topic == nil {
			continue
		}
		key := tpKey{*tp.Topic, tp.Partition}
		remove = append(remove, key) // re-adding restarts at the new offset
		ko, ok := client.KgoPartitionOffset(tp)
		if !ok {
			ko = c.reset
			if ctp, found := committed[key]; found && ctp.Offset >= 0 {
				ko = kgo.NewOffset().At(int64(ctp.Offset))
			} else if c.cfg.AutoOffsetReset == "error" {
				// librdkafka raises the error and leaves the
				// partition assigned but not fetching.
				c.pushLocked(client.NewError(client.ErrAutoOffsetReset, "no previously committed offset available: Local: No offset stored", false))
				continue
			}
		}
		if add[key.topic] == nil {
			add[key.topic] = make(map[int32]kgo.Offset)
		}
		add[key.topic][key.partition] = ko
	}
	c.removeManualLocked(remove)
	var probes []eofProbe
	for _, tp := range parts {
		if tp.Topic == nil {
			continue
		}
		ps := c.addPartitionLocked(*tp.Topic, tp.Partition)
		ps.assignedAt = assignedOffset(tp.Offset)
		start, known := probeStart(tp.Offset)
		if ctp, found := committed[tpKey{*tp.Topic, tp.Partition}]; found && ctp.Offset >= 0 {
			ps.committed = int64(ctp.Offset)
			if !known {
				start, known = int64(ctp.Offset), true
			}
		} else if !known && (tp.Offset == client.OffsetInvalid || tp.Offset == client.OffsetStored) {
			start, known = c.resetStart()
		}
		if known {
			probes = append(probes, newProbeLocked(ps, start))
		}
	}
	c.startEOFProbesLocked(probes)
	if len(add) > 0 {
		c.h.Client.AddConsumePartitions(add)
	}
	return nil
}

// removeManualLocked stops fetching keys directly and forgets their state.
func (c *Consumer) removeManualLocked(keys []tpKey) {
	if len(keys) == 0 {
		return
	}
	var paused []tpKey
	for _, key := range keys {
		if ps := c.removePartitionLocked(key); ps != nil && ps.paused {
			paused = append(paused, key)
		}
	}
	m := groupByTopic(keys)
	c.h.Client.RemoveConsumePartitions(m)
	if len(paused) > 0 {
		// franz-go keeps pauses across reassignment; librdkafka does not.
		c.h.Client.ResumeFetchPartitions(groupByTopic(paused))
	}
}

// dropManualLocked ends manual assignment (before subscribing).
func (c *Consumer) dropManualLocked() {
	c.quiesceLocked()
	keys := make([]tpKey, 0, len(c.assigned))
	for key := range c.assigned {
		keys = append(keys, key)
	}
	c.removeManualLocked(keys)
	c.unquiesceLocked()
}

func (c *Consumer) unassign() error {
	c.mu.Lock()
	keys := make([]tpKey, 0, len(c.assigned))
	for key := range c.assigned {
		keys = append(keys, key)
	}
	c.mu.Unlock()
	return c.removeAssigned(keys)
}

// incrementalUnassign removes parts, all of which must be assigned
// (ErrInvalidArg, naming the first that is not, as librdkafka does).
func (c *Consumer) incrementalUnassign(parts []client.TopicPartition) error {
	c.mu.Lock()
	if len(c.assigned) == 0 && len(parts) > 0 {
		c.mu.Unlock()
		return client.NewError(client.ErrInvalidArg, "Can't subtract from empty assignment", false)
	}
	for _, tp := range sortedByPartition(parts) {
		if c.assigned[tpKey{*tp.Topic, tp.Partition}] == nil {
			c.mu.Unlock()
			return client.Errorf(client.ErrInvalidArg, "%s [%d] can't be unassigned since it is not in the current assignment", *tp.Topic, tp.Partition)
		}
	}
	c.mu.Unlock()
	return c.removeAssigned(keysOf(parts))
}

// commitRemoved commits the stored offsets of keys, which are leaving the
// assignment, when auto commit is on and the assignment was not lost.
func (c *Consumer) commitRemoved(keys []tpKey) {
	c.mu.Lock()
	lost := c.lost
	c.mu.Unlock()
	if !c.autoCommit || lost || len(keys) == 0 {
		return
	}
	if offsets := c.dirtyOffsets(keys); len(offsets) > 0 {
		if res, err := c.commitList(offsets); err == nil || len(res) > 0 {
			c.push(client.OffsetsCommitted{Error: err, Offsets: res})
		}
	}
}

// removeAssigned takes keys out of the assignment. With auto commit on,
// their stored offsets are committed first (unless the assignment was
// lost), as librdkafka commits on unassign.
func (c *Consumer) removeAssigned(keys []tpKey) error {
	c.commitRemoved(keys)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.quiesceLocked()
	defer c.unquiesceLocked()
	if c.mode == modeSubscribe {
		var paused []tpKey
		for _, key := range keys {
			if ps := c.removePartitionLocked(key); ps != nil && ps.paused {
				paused = append(paused, key)
			}
		}
		if len(paused) > 0 && c.gc != nil {
			c.gc.ResumeFetchPartitions(groupByTopic(paused))
		}
		return nil
	}
	c.removeManualLocked(keys)
	if len(c.assigned) == 0 && c.mode == modeManual {
		c.mode = modeNone
	}
	return nil
}
