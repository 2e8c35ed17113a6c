package marc8

import (
	"strconv"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	esc      = 0x1B
	delim    = 0x1F
	maxMarks = 16 // combining marks kept waiting for their base character
)

// Form selects the Unicode normalisation form of decoded text.
type Form uint8

const (
	NFC Form = iota // composed (the default)
	NFD             // decomposed: base characters followed by their marks
)

// Error reports MARC-8 text that cannot be decoded (Strict mode).
type Error struct {
	Pos    int    // byte offset in the decoded text
	Reason string // what is wrong
}

func (e *Error) Error() string {
	return "marc8: byte " + strconv.Itoa(e.Pos) + ": " + e.Reason
}

// Decoder decodes MARC-8 text to UTF-8. The zero value decodes leniently to
// NFC. A Decoder keeps a scratch buffer between calls: use one per
// goroutine.
type Decoder struct {
	// Strict makes an undefined code, a truncated multi-byte character, an
	// unknown escape sequence or a combining mark with no base character an
	// *Error. When false (lenient), an undefined or truncated character
	// becomes U+FFFD, an unknown escape sequence is skipped (its ESC byte
	// dropped), and a dangling combining mark is dropped.
	Strict bool
	// Form is the normalisation of the output: NFC (default) or NFD.
	Form Form

	buf    []byte
	normal bool // decode wrote NFC: no normalising needed
}

// state is the designation of the G0 and G1 graphic sets.
type state struct {
	g0, g1           *charset // nil with multi set: EACC
	g0multi, g1multi bool
}

func defaultState() state { return state{g0: &setBasicLatinASCII, g1: &setExtendedLatinANSEL} }

// needsDecoding reports whether src holds a byte that is not plain ASCII
// text (an escape or a high byte).
func needsDecoding(src []byte) bool {
	for _, c := range src {
		if c >= 0x80 || c == esc {
			return true
		}
	}
	return false
}

// AppendDecode decodes src, the content of one field (escape state starts
// from the defaults, ASCII and ANSEL), and appends the UTF-8 text to dst.
// Subfield delimiters are kept, and the byte after each is copied as the
// subfield code. Plain ASCII is copied as it is.
func (d *Decoder) AppendDecode(dst, src []byte) ([]byte, error) {
	if !needsDecoding(src) {
		return append(dst, src...), nil
	}
	var err error
	d.buf, err = d.decode(d.buf[:0], src)
	if err != nil {
		return dst, err
	}
	if d.Form == NFD {
		return norm.NFD.Append(dst, d.buf...), nil
	}
	if d.normal {
		return append(dst, d.buf...), nil
	}
	return norm.NFC.Append(dst, d.buf...), nil
}

// AppendDecode decodes with a lenient NFC Decoder; see Decoder.AppendDecode.
func AppendDecode(dst, src []byte) []byte {
	var d Decoder
	dst, _ = d.AppendDecode(dst, src)
	return dst
}

func (d *Decoder) fail(pos int, reason string) error {
	return &Error{Pos: pos, Reason: reason}
}

// decode does the work, without normalisation. Combining marks precede
// their base in MARC-8 and follow it in Unicode: they wait in marks until
// the base arrives.
func (d *Decoder) decode(dst, src []byte) ([]byte, error) {
	st := defaultState()
	var marks [maxMarks]rune
	nm := 0
	markPos := 0
	nfc := nfcTables()
	d.normal = d.Form == NFC
	flushMarks := func() error {
		if nm > 0 && d.Strict {
			return d.fail(markPos, "combining mark with no base character")
		}
		nm = 0
		return nil
	}
	emit := func(r rune) {
		if nm == 1 && d.normal {
			if c, ok := nfc.compose[[2]rune{r, marks[0]}]; ok {
				dst = utf8.AppendRune(dst, c)
				nm = 0
				return
			}
		}
		if r >= utf8.RuneSelf && !nfc.isStable(r) || nm > 0 {
			d.normal = false
		}
		dst = utf8.AppendRune(dst, r)
		for i := 0; i < nm; i++ {
			dst = utf8.AppendRune(dst, marks[i])
		}
		nm = 0
	}
	bad := func(pos int, reason string) error {
		if d.Strict {
			return d.fail(pos, reason)
		}
		emit(utf8.RuneError)
		return nil
	}
	i := 0
	for i < len(src) {
		c := src[i]
		if nm == 0 && c >= 0x20 && c < 0x7F && st.g0 == &setBasicLatinASCII {
			// A run of ASCII with no mark waiting: copied as it is (ASCII
			// is NFC and combines with nothing before it).
			j := i + 1
			for j < len(src) && src[j] >= 0x20 && src[j] < 0x7F {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j
			continue
		}
		switch {
		case c == esc:
			n, ok := st.escape(src[i:])
			if !ok {
				if d.Strict {
					return dst, d.fail(i, "unknown or truncated escape sequence")
				}
				n = 1
			}
			i += n
			if ok && !d.Strict && st.g0 == &setBasicCyrillic && src[i-1] == 'N' && i < len(src) && src[i] == delim {
				// Some systems wrote Cyrillic capital E (0x7C) as 0x1F
				// right after the escape; an escape just before a subfield
				// delimiter is otherwise pointless (marc4j repairs the same).
				emit(setBasicCyrillic.table['|'])
				i++
			}
			continue
		case c == delim:
			if err := flushMarks(); err != nil {
				return dst, err
			}
			dst = append(dst, delim)
			i++
			escaped := false
			for i < len(src) && src[i] == esc { // an escape right after the delimiter
				n, ok := st.escape(src[i:])
				if !ok {
					if d.Strict {
						return dst, d.fail(i, "unknown or truncated escape sequence")
					}
					n = 1
				}
				i += n
				escaped = true
			}
			// The code is an ASCII byte whatever G0 holds, unless an escape
			// right after the delimiter switched away from ASCII: then the
			// code is a character of that set (broken data, but decoded,
			// not lost).
			if i < len(src) && src[i] > 0x20 && src[i] < 0x7F && !(escaped && st.g0 != &setBasicLatinASCII) {
				dst = append(dst, src[i])
				i++
			}
			continue
		case c == 0x1D || c == 0x1E:
			dst = append(dst, c)
			i++
			continue
		case c < 0x20 || (c == 0x7F && !st.g0multi):
			// C0 controls other than ESC and the separators, and DEL, are
			// not MARC-8 characters.
			if err := bad(i, "control byte 0x"+strconv.FormatUint(uint64(c), 16)+" is not a MARC-8 character"); err != nil {
				return dst, err
			}
			i++
			continue
		case c == 0x20:
			// A space in every set, EACC included (no EACC code starts
			// with 0x20).
			emit(' ')
			i++
			continue
		case c >= 0x80 && c < 0xA0:
			// C1 controls: ANSEL defines 88, 89, 8D, 8E.
			r := setExtendedLatinANSEL.table[c&0x7F]
			if r == 0 {
				if err := bad(i, "undefined control code 0x"+strconv.FormatUint(uint64(c), 16)); err != nil {
					return dst, err
				}
			} else {
				if !nfc.isStable(r) {
					d.normal = false
				}
				dst = utf8.AppendRune(dst, r)
			}
			i++
			continue
		}
		// A graphic character: G0 for 0x21-0x7E, G1 for 0xA1-0xFE.
		set, multi := st.g0, st.g0multi
		if c >= 0x80 {
			set, multi = st.g1, st.g1multi
		}
		if multi {
			if i+3 > len(src) {
				if err := bad(i, "truncated multi-byte character"); err != nil {
					return dst, err
				}
				i = len(src)
				continue
			}
			r, ok := eacc(src[i], src[i+1], src[i+2])
			if !ok {
				if err := bad(i, "undefined EACC character"); err != nil {
					return dst, err
				}
			} else {
				emit(r)
			}
			i += 3
			continue
		}
		low := c & 0x7F
		r := set.table[low]
		switch {
		case r == 0 || c == 0xA0 || c == 0xFF:
			if err := bad(i, "undefined code 0x"+strconv.FormatUint(uint64(c), 16)+" in set "+string(set.final)); err != nil {
				return dst, err
			}
		case r == -1:
			// second half of a ligature or double tilde: the first half's
			// double diacritic covers both characters.
		case set.isCombining(low):
			if nm == 0 {
				markPos = i
			}
			if nm < maxMarks {
				marks[nm] = r
				nm++
			}
		default:
			emit(r)
		}
		i++
	}
	if err := flushMarks(); err != nil {
		return dst, err
	}
	return dst, nil
}

// eacc looks up a three-byte EACC character.
func eacc(a, b, c byte) (rune, bool) {
	key := uint32(a&0x7F)<<16 | uint32(b&0x7F)<<8 | uint32(c&0x7F)
	// The codes with the same first two bytes, found through the index,
	// then a binary search among them (at most 128).
	idx := eaccIndex()
	p := key >> 8
	lo, hi := int(idx[p]), int(idx[p+1])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if eaccCodes[m] < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(eaccCodes) && eaccCodes[lo] == key {
		return eaccRunes[lo], true
	}
	return 0, false
}

// eaccIndex indexes eaccCodes by their first two bytes: the codes
// starting with prefix p (a<<8|b, bytes with the high bit cleared) are
// eaccCodes[index[p]:index[p+1]].
var eaccIndex = sync.OnceValue(func() *[1<<15 + 1]uint16 {
	var index [1<<15 + 1]uint16
	i := 0
	for p := range 1 << 15 {
		for i < len(eaccCodes) && eaccCodes[i]>>8 < uint32(p) {
			i++
		}
		index[p] = uint16(i)
	}
	index[1<<15] = uint16(len(eaccCodes))
	return &index
})

// escape applies the escape sequence at the start of p and returns its
// length. It knows technique 1 (ESC g, b, p, s) and the ISO 2022
// designations ESC ( , ) - for G0/G1 and ESC $ [( , ) -] for multi-byte
// sets, with an optional '!' intermediate (ESC ) ! E for ANSEL).
func (st *state) escape(p []byte) (int, bool) {
	if len(p) < 2 {
		return 0, false
	}
	switch p[1] {
	case 'g', 'b', 'p':
		st.g0, st.g0multi = singleByteSet(p[1]), false
		return 2, true
	case 's':
		st.g0, st.g0multi = &setBasicLatinASCII, false
		return 2, true
	}
	i := 1
	multi := false
	if p[i] == '$' {
		multi = true
		i++
		if i >= len(p) {
			return 0, false
		}
	}
	g1 := false
	switch p[i] {
	case '(', ',':
		i++
	case ')', '-':
		g1 = true
		i++
	default:
		if !multi {
			return 0, false
		}
		// ESC $ F designates a multi-byte set into G0.
	}
	if i < len(p) && p[i] == '!' {
		i++
	}
	if i >= len(p) {
		return 0, false
	}
	final := p[i]
	i++
	if multi || final == '1' {
		if final != '1' {
			return 0, false
		}
		if g1 {
			st.g1, st.g1multi = nil, true
		} else {
			st.g0, st.g0multi = nil, true
		}
		return i, true
	}
	set := singleByteSet(final)
	if set == nil {
		return 0, false
	}
	if g1 {
		st.g1, st.g1multi = set, false
	} else {
		st.g0, st.g0multi = set, false
	}
	return i, true
}
