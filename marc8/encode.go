package marc8

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Encoder encodes UTF-8 text to MARC-8. The zero value is ready to use. It
// keeps a scratch buffer between calls: use one per goroutine.
type Encoder struct {
	buf, dec []byte
}

// AppendEncode encodes src, the UTF-8 content of one field, to MARC-8 and
// appends it to dst. Characters MARC-8 lacks precomposed are decomposed and
// their combining marks moved before the base character. Subfield delimiters are kept and
// the byte after each is copied as the subfield code, with the G0 set
// returned to ASCII before every delimiter and at the end of the field.
// A character with no MARC-8 equivalent is written as the MARC 21 numeric
// character reference "&#xXXXX;". Plain ASCII is copied as it is.
func (e *Encoder) AppendEncode(dst, src []byte) []byte {
	ascii := true
	for _, c := range src {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return append(dst, src...)
	}
	// Compose first: MARC-8 holds some characters only precomposed (Arabic
	// alef with madda, kana with voicing marks); those it holds only
	// decomposed are split again one by one below.
	e.buf = norm.NFC.Append(e.buf[:0], src...)
	w := writer{dst: dst, g0: 'B', g1: 'E'}
	p := e.buf
	pendingSecondHalf := byte(0) // EC or FB owed before the next base
	half := rune(0)              // FE21 or FE23 expected after FE20 or FE22
	for len(p) > 0 {
		r, n := utf8.DecodeRune(p)
		if r == delim {
			w.setG0('B')
			w.dst = append(w.dst, delim)
			p = p[n:]
			// An ASCII code is copied as it is; one that carries combining
			// marks (broken data) is encoded like text.
			if len(p) > 0 && p[0] > 0x20 && p[0] < 0x7F {
				if m, _ := utf8.DecodeRune(p[1:]); !isMark(m) {
					w.dst = append(w.dst, p[0])
					p = p[1:]
				}
			}
			continue
		}
		// A cluster: the base and the combining marks after it.
		end := n
		for end < len(p) {
			m, mn := utf8.DecodeRune(p[end:])
			if !isMark(m) {
				break
			}
			end += mn
		}
		marks := p[n:end]
		if isMark(r) { // a mark with no base: write it alone
			marks, end = p[:n], n
			r = -1
		} else if _, ok := lookup(r); !ok && r >= 0x80 {
			// Not in MARC-8 as it is: try its canonical decomposition.
			var one [utf8.UTFMax]byte
			e.dec = norm.NFD.Append(e.dec[:0], one[:utf8.EncodeRune(one[:], r)]...)
			if base, bn := utf8.DecodeRune(e.dec); bn < len(e.dec) {
				e.dec = append(e.dec, marks...)
				r, marks = base, e.dec[bn:]
				r, marks = e.composeBase(r, marks)
			}
		}
		if r >= 0 && pendingSecondHalf != 0 {
			w.ansel(pendingSecondHalf)
			pendingSecondHalf = 0
		}
		for len(marks) > 0 {
			m, mn := utf8.DecodeRune(marks)
			marks = marks[mn:]
			switch m {
			case 0x0361: // double inverted breve: ligature halves EB ... EC
				w.ansel(0xEB)
				pendingSecondHalf = 0xEC
			case 0x0360: // double tilde: FA ... FB
				w.ansel(0xFA)
				pendingSecondHalf = 0xFB
			// The halves as separate marks (the LoC table's alternates,
			// which pymarc writes): each comes before its own letter.
			case 0xFE20:
				w.ansel(0xEB)
				half = 0xFE21
			case 0xFE22:
				w.ansel(0xFA)
				half = 0xFE23
			case 0xFE21, 0xFE23:
				// A second half only after its first half: alone, MARC-8
				// decoders drop it, so it is kept as a reference.
				if half == m {
					code := byte(0xEC)
					if m == 0xFE23 {
						code = 0xFB
					}
					w.ansel(code)
					half = 0
				} else {
					w.char(m)
				}
			default:
				w.char(m)
			}
		}
		if r >= 0 {
			w.char(r)
		}
		p = p[end:]
	}
	if pendingSecondHalf != 0 {
		w.ansel(pendingSecondHalf)
	}
	w.setG0('B')
	w.setG1('E')
	return w.dst
}

// composeBase folds into the base a mark with which it makes a letter
// MARC-8 has as one character: o or u with the horn (U+031B) is ANSEL's
// ơ/ư (0xBC/0xBD, Ơ/Ư 0xAC/0xAD), so "ở" (U+1EDF) is ơ plus the hook above
// rather than o, a horn MARC-8 lacks, and the hook. It returns the new base
// and the marks left, in scratch space of e.
func (e *Encoder) composeBase(base rune, marks []byte) (rune, []byte) {
	var horned rune
	switch base {
	case 'o':
		horned = 0x01A1
	case 'O':
		horned = 0x01A0
	case 'u':
		horned = 0x01B0
	case 'U':
		horned = 0x01AF
	default:
		return base, marks
	}
	// The horn (class 216) sorts before the marks above (230) in NFD, so
	// it comes first, unblocked, when present.
	const horn = "\u031b"
	if len(marks) < len(horn) || string(marks[:len(horn)]) != horn {
		return base, marks
	}
	return horned, marks[len(horn):]
}

// AppendEncode encodes with a fresh Encoder; see Encoder.AppendEncode.
func AppendEncode(dst, src []byte) []byte {
	var e Encoder
	return e.AppendEncode(dst, src)
}

// isMark reports whether r is written as a combining mark, before its
// base: for a character of a MARC-8 single-byte set, as that set's table
// says (Arabic superscript alef, U+0670, has a combining class in Unicode
// but is a spacing character of Basic Arabic, which decoders keep in
// order: moving it would swap it with its neighbour on the way back);
// for others, a canonical combining class other than 0.
func isMark(r rune) bool {
	if r < 0x300 {
		return false
	}
	if ent, ok := lookup(r); ok && ent.set != '1' {
		if set := singleByteSet(ent.set); set != nil {
			return set.isCombining(byte(ent.code))
		}
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	return norm.NFD.Properties(buf[:n]).CCC() != 0
}

func lookup(r rune) (encodeEntry, bool) {
	i := sort.Search(len(encodeTable), func(i int) bool { return encodeTable[i].r >= r })
	if i < len(encodeTable) && encodeTable[i].r == r {
		return encodeTable[i], true
	}
	return encodeEntry{}, false
}

// writer tracks the designated sets while writing MARC-8.
type writer struct {
	dst    []byte
	g0, g1 byte // final bytes; '1' for EACC
}

func isTechnique1(f byte) bool { return f == 'g' || f == 'b' || f == 'p' }

func (w *writer) setG0(f byte) {
	if w.g0 == f {
		return
	}
	switch {
	case isTechnique1(f):
		w.dst = append(w.dst, esc, f)
	case f == 'B' && isTechnique1(w.g0):
		w.dst = append(w.dst, esc, 's')
	case f == '1':
		w.dst = append(w.dst, esc, '$', '1')
	default:
		w.dst = append(w.dst, esc, '(', f)
	}
	w.g0 = f
}

func (w *writer) setG1(f byte) {
	if w.g1 == f {
		return
	}
	if f == 'E' {
		w.dst = append(w.dst, esc, ')', '!', 'E')
	} else {
		w.dst = append(w.dst, esc, ')', f)
	}
	w.g1 = f
}

func (w *writer) ansel(code byte) {
	w.setG1('E')
	w.dst = append(w.dst, code)
}

// g1Set reports whether a set is written through G1 (ANSEL and the
// extended sets) rather than G0.
func g1Set(f byte) bool { return f == 'E' || f == 'Q' || f == '4' }

func (w *writer) char(r rune) {
	if r == ' ' {
		w.dst = append(w.dst, ' ')
		return
	}
	if r < 0x20 {
		w.dst = append(w.dst, byte(r))
		return
	}
	if r < 0x7F && w.g0 != '1' {
		// Punctuation and digits shared by the current G0 set need no escape.
		if set := singleByteSet(w.g0); set != nil && set.table[r] == r {
			w.dst = append(w.dst, byte(r))
			return
		}
	}
	ent, ok := lookup(r)
	if !ok {
		w.setG0('B')
		w.dst = append(w.dst, "&#x"...)
		hex := strconv.AppendUint(nil, uint64(r), 16)
		for i := len(hex); i < 4; i++ {
			w.dst = append(w.dst, '0')
		}
		for _, c := range hex {
			if c >= 'a' {
				c -= 'a' - 'A'
			}
			w.dst = append(w.dst, c)
		}
		w.dst = append(w.dst, ';')
		return
	}
	switch {
	case ent.set == '1':
		w.setG0('1')
		w.dst = append(w.dst, byte(ent.code>>16), byte(ent.code>>8), byte(ent.code))
	case g1Set(ent.set):
		w.setG1(ent.set)
		w.dst = append(w.dst, byte(ent.code)|0x80)
	default:
		w.setG0(ent.set)
		w.dst = append(w.dst, byte(ent.code))
	}
}

// CanEncode reports whether every character of the UTF-8 text s has a
// MARC-8 equivalent (itself, or its canonical decomposition), so that
// encoding it needs no "&#xXXXX;" reference.
func CanEncode(s []byte) bool {
	for _, r := range string(norm.NFC.Bytes(s)) {
		if r < 0x80 {
			continue
		}
		if _, ok := lookup(r); ok {
			continue
		}
		var one [utf8.UTFMax]byte
		dec := norm.NFD.Bytes(one[:utf8.EncodeRune(one[:], r)])
		if string(dec) == string(one[:utf8.RuneLen(r)]) {
			return false
		}
		for _, c := range string(dec) {
			if _, ok := lookup(c); !ok && c >= 0x80 {
				return false
			}
		}
	}
	return true
}
