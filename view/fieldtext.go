package view

import (
	"bytes"
	"iter"
	"strings"
)

// hasCode reports whether code is one of codes; codes "" means any code.
func hasCode(codes string, code byte) bool {
	return codes == "" || strings.IndexByte(codes, code) >= 0
}

func (f Field) walkValues(codes string, yield func([]byte) bool) {
	for c, v := range f.Subfields() {
		if c != 0 && hasCode(codes, c) && !yield(v) {
			return
		}
	}
}

// Values iterates over the values of the subfields whose code is one of
// codes ("abc"; "" for every code), in field order: all of them, repeated
// ones too. Values alias the input. It does not allocate.
func (f Field) Values(codes string) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) { f.walkValues(codes, yield) }
}

// AppendValues appends to dst the values Values yields and returns it.
func (f Field) AppendValues(dst [][]byte, codes string) [][]byte {
	for v := range f.Values(codes) {
		dst = append(dst, v)
	}
	return dst
}

// AppendJoined appends the values of the subfields with one of codes (""
// for all) to dst, sep between them, and returns it: 245 "ab" joined by
// " " is "Title : subtitle /".
func (f Field) AppendJoined(dst []byte, codes, sep string) []byte {
	first := true
	for v := range f.Values(codes) {
		if !first {
			dst = append(dst, sep...)
		}
		first = false
		dst = append(dst, v...)
	}
	return dst
}

// Value returns the field's text as pymarc's Field.value() gives it: the
// data of a control field; for a data field, every subfield's value with
// leading and trailing blanks trimmed, joined by one space (codes and
// indicators left out).
func (f Field) Value() string {
	if f.IsControl() {
		return string(f.data)
	}
	return string(f.AppendValue(nil))
}

// AppendValue appends Value's text to dst.
func (f Field) AppendValue(dst []byte) []byte {
	if f.IsControl() {
		return append(dst, f.data...)
	}
	first := true
	for c, v := range f.Subfields() {
		if c == 0 {
			continue // bytes before the first delimiter, a delimiter with no code
		}
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		dst = append(dst, bytes.TrimSpace(v)...)
	}
	return dst
}

// Format returns the field as pymarc's Field.format_field() gives it
// (which its title, author and other accessors use): subfield values
// joined by a space, $6 (linkage) left out, and in a subject field (6XX)
// $v, $x, $y and $z introduced by " -- "; the result trimmed.
func (f Field) Format() string { return string(f.AppendFormat(nil)) }

// AppendFormat appends Format's text to dst.
func (f Field) AppendFormat(dst []byte) []byte {
	if f.IsControl() {
		return append(dst, f.data...)
	}
	start := len(dst)
	subject := f.tag[0] == '6'
	for c, v := range f.Subfields() {
		switch {
		case c == 0, c == '6':
			continue
		case subject && (c == 'v' || c == 'x' || c == 'y' || c == 'z'):
			dst = append(dst, " -- "...)
		default:
			dst = append(dst, ' ')
		}
		dst = append(dst, v...)
	}
	t := bytes.TrimSpace(dst[start:])
	n := copy(dst[start:], t)
	return dst[:start+n]
}

// Chars returns the bytes at character positions from to to, inclusive
// (008/35-37 is Chars(35, 37)), of a control field, and true; or, when
// the field is too short to hold them all, the positions it has (maybe
// none) and false. Positions count bytes, as MARC 21 does for fixed
// fields. On a data field it counts in the raw content (indicators,
// delimiters and codes included). It aliases the input.
func (f Field) Chars(from, to int) ([]byte, bool) {
	return chars(f.data, from, to)
}

// Chars returns leader positions from to to, inclusive (Chars(6, 7) is
// type and bibliographic level), like Field.Chars. The result points into
// the copy l is, so keeping it keeps (and may allocate) that copy;
// Record.Bytes()[from:to+1] reads the stored leader with no copy.
func (l Leader) Chars(from, to int) ([]byte, bool) {
	return chars(l[:], from, to)
}

func chars(p []byte, from, to int) ([]byte, bool) {
	if from < 0 || to < from {
		return nil, false
	}
	if from >= len(p) {
		return nil, false
	}
	if to >= len(p) {
		return p[from:len(p):len(p)], false
	}
	return p[from : to+1 : to+1], true
}

// String returns the field as one MARCMaker-style line, as pymarc prints
// a field: "=245  10$aTitle /$cAuthor." with blanks in indicators (and in
// control fields) written '\'. Unlike package mrk it does not escape '$'
// or '{' in the data: it is for display and tests.
func (f Field) String() string { return string(f.AppendText(nil)) }

// AppendText appends String's line to dst.
func (f Field) AppendText(dst []byte) []byte {
	dst = append(dst, '=')
	dst = append(dst, f.tag[:]...)
	dst = append(dst, ' ', ' ')
	blank := func(c byte) byte {
		if c == ' ' {
			return '\\'
		}
		return c
	}
	if f.IsControl() {
		for _, c := range f.data {
			dst = append(dst, blank(c))
		}
		return dst
	}
	for i := 0; i < 2 && i < len(f.data); i++ {
		dst = append(dst, blank(f.data[i])) // indicators, as many as there are
	}
	for _, c := range f.SubfieldData() {
		if c == SubfieldDelimiter {
			c = '$'
		}
		dst = append(dst, c)
	}
	return dst
}
