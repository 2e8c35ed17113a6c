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
	d := &nfcData{compose: make(map[[2]rune]rune, 1024)}
	var buf [utf8.UTFMax]byte
	isStable := func(r rune) bool {
		if r < 0 || r >= 0x10000 {
			return false
		}
		b := buf[:utf8.EncodeRune(buf[:], r)]
		return norm.NFC.IsNormal(b) && norm.NFC.Properties(b).BoundaryBefore()
	}
	mark := func(r rune) {
		if isStable(r) {
			d.stable[r/64] |= 1 << (r % 64)
		}
	}
	for _, final := range []byte("BEgbp2NQ34S") {
		for _, r := range singleByteSet(final).table {
			if r > 0 {
				mark(r)
			}
		}
	}
	for _, r := range eaccRunes {
		mark(r)
	}
	mark(utf8.RuneError)
	// The precomposed characters of the scripts MARC-8 covers whose
	// canonical decomposition is one base and one mark: that pair composes
	// to them (unless NFC excludes the composition, which is checked).
	// Pairs with no entry (a precomposed base with another mark) go
	// through the normaliser.
	var dec []byte
	for _, span := range [][2]rune{{0xC0, 0x24F}, {0x370, 0x4FF}, {0x1E00, 0x1FFF}, {0x622, 0x6D3}, {0xFB1D, 0xFB4E}} {
		for r := span[0]; r <= span[1]; r++ {
			b := buf[:utf8.EncodeRune(buf[:], r)]
			dec = norm.NFD.Append(dec[:0], b...)
			base, n1 := utf8.DecodeRune(dec)
			m, n2 := utf8.DecodeRune(dec[n1:])
			if n1 == 0 || n2 == 0 || n1+n2 != len(dec) || !isStable(r) {
				continue
			}
			var pair [2 * utf8.UTFMax]byte
			k := utf8.EncodeRune(pair[:], base)
			k += utf8.EncodeRune(pair[k:], m)
			out := norm.NFC.Append(dec[:0], pair[:k]...)
			if c, size := utf8.DecodeRune(out); c == r && size == len(out) {
				d.compose[[2]rune{base, m}] = r
			}
		}
	}
	return d
})

func (d *nfcData) isStable(r rune) bool {
	return r >= 0 && r < 0x10000 && d.stable[r/64]&(1<<(r%64)) != 0
}
