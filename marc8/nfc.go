package marc8

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfcData lets the decoder write NFC directly for the common case, and
// skip the normaliser: a base character with one combining mark becomes
// its precomposed character, and a field whose every character is NFC on
// its own and combines with nothing before it (canonical class 0, not
// combining backwards) is NFC as a whole. Anything else (two marks on one
// base, a mark with no precomposed form, a character NFC changes, such as
// Greek ano teleia) goes through golang.org/x/text/unicode/norm as before.
// The tables come from norm itself, so the result is the same by
// construction; a test compares both ways on every corpus record.
type nfcData struct {
	compose map[[2]rune]rune
	stable  [0x10000 / 64]uint64 // BMP runes that are NFC alone and start a segment
}

var nfcTables = sync.OnceValue(func() *nfcData {
	d := &nfcData{compose: make(map[[2]rune]rune)}
	isStable := func(r rune) bool {
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		return r < 0x10000 && norm.NFC.String(s) == s && p.BoundaryBefore()
	}
	mark := func(r rune) {
		if isStable(r) {
			d.stable[r/64] |= 1 << (r % 64)
		}
	}
	var bases, marks []rune
	for _, final := range []byte("BEgbp2NQ34S") {
		set := singleByteSet(final)
		for low, r := range set.table {
			if r <= 0 {
				continue
			}
			mark(r)
			if set.isCombining(byte(low)) {
				marks = append(marks, r)
			} else {
				bases = append(bases, r)
			}
		}
	}
	for _, r := range eaccRunes {
		mark(r)
	}
	mark(utf8.RuneError)
	mark(' ')
	for _, b := range bases {
		for _, m := range marks {
			c := []rune(norm.NFC.String(string([]rune{b, m})))
			if len(c) == 1 && isStable(c[0]) {
				d.compose[[2]rune{b, m}] = c[0]
			}
		}
	}
	return d
})

func (d *nfcData) isStable(r rune) bool {
	return r >= 0 && r < 0x10000 && d.stable[r/64]&(1<<(r%64)) != 0
}
