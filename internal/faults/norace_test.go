//go:build !race

package faults

// raceEnabled tells whether the race detector is on: its shadow memory
// makes RSS meaningless for the memory test.
const raceEnabled = false
