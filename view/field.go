package view

import (
	"bytes"
	"encoding/binary"
	"iter"
	"math/bits"
)

// Field is one field of a record, control (00X) or data. It aliases the
// record's bytes.
type Field struct {
	tag  Tag
	pos  int32  // offset of data within the record
	data []byte // content without the field terminator
}

// NewField makes a Field from a tag and its content without the field
// terminator (for a data field: the indicators then the subfields). It is
// meant for tests and for builders; Parse makes Fields itself.
func NewField(tag Tag, data []byte) Field {
	return Field{tag: tag, data: data[:len(data):len(data)]}
}

// Offset returns the byte offset of the field's content within its record
// (0 for a Field made by NewField), for error messages that point into the
// record.
func (f Field) Offset() int { return int(f.pos) }

// Tag returns the field's tag.
func (f Field) Tag() Tag { return f.tag }

// IsControl reports whether f is a control field (tag 00X).
func (f Field) IsControl() bool { return f.tag.IsControl() }

// Data returns the field's content without the field terminator: the value of
// a control field, or the indicators followed by the subfields of a data
// field. It aliases the input.
func (f Field) Data() []byte { return f.data }

// Ind1 returns the first indicator of a data field; a blank (' ') for
// control fields and fields too short to hold one.
func (f Field) Ind1() byte {
	if f.IsControl() || len(f.data) < 1 {
		return ' '
	}
	return f.data[0]
}

// Ind2 returns the second indicator, like Ind1.
func (f Field) Ind2() byte {
	if f.IsControl() || len(f.data) < 2 {
		return ' '
	}
	return f.data[1]
}

// SubfieldData returns the part of a data field after the indicators (the
// subfields with their delimiters), or nil for a control field.
func (f Field) SubfieldData() []byte {
	if f.IsControl() || len(f.data) < 2 {
		return nil
	}
	return f.data[2:]
}

// walkSubfields yields code and value for each subfield. Bytes before the
// first delimiter are yielded with code 0; a delimiter with no code byte
// after it yields code 0 and an empty value.
func (f Field) walkSubfields(yield func(byte, []byte) bool) {
	p := f.SubfieldData()
	if len(p) > 0 && p[0] != SubfieldDelimiter {
		i := bytes.IndexByte(p, SubfieldDelimiter)
		if i < 0 {
			i = len(p)
		}
		if !yield(0, p[:i:i]) {
			return
		}
		p = p[i:]
	}
	for len(p) > 0 { // p[0] is a delimiter
		var code byte
		p = p[1:]
		if len(p) > 0 && p[0] != SubfieldDelimiter {
			code = p[0]
			p = p[1:]
		}
		i := indexDelim(p)
		if !yield(code, p[:i:i]) {
			return
		}
		p = p[i:]
	}
}

// indexDelim returns the index of the first subfield delimiter in p, or
// len(p). Most subfields are short, so it looks at eight bytes at a time
// in registers (the "has zero byte" test on p XOR 0x1F...; only the lowest
// flagged byte is exact, which is the one wanted) before handing long runs
// to the vectorised bytes.IndexByte.
func indexDelim(p []byte) int {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		delim = SubfieldDelimiter * ones
	)
	i := 0
	for ; i+8 <= len(p) && i < 64; i += 8 {
		x := binary.LittleEndian.Uint64(p[i:]) ^ delim
		if m := (x - ones) &^ x & highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if i >= 64 {
		if j := bytes.IndexByte(p[i:], SubfieldDelimiter); j >= 0 {
			return i + j
		}
		return len(p)
	}
	for ; i < len(p); i++ {
		if p[i] == SubfieldDelimiter {
			return i
		}
	}
	return len(p)
}

// Subfields iterates over the subfields of a data field as (code, value)
// pairs, in order; it yields nothing for a control field. Values alias the
// input. Bytes before the first delimiter, if any, come with code 0.
func (f Field) Subfields() iter.Seq2[byte, []byte] {
	return func(yield func(byte, []byte) bool) { f.walkSubfields(yield) }
}

// Subfield returns the value of the first subfield with the given code.
func (f Field) Subfield(code byte) ([]byte, bool) {
	for c, v := range f.Subfields() {
		if c == code {
			return v, true
		}
	}
	return nil, false
}
