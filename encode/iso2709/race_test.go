//go:build race

package iso2709

const raceEnabled = true
