//go:build race

package marcmap_test

const raceEnabled = true
