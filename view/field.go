package view

import (
	"bytes"
	"iter"
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

// Subfields iterates over the subfields of a data field as (code, value)
// pairs, in order; it yields nothing for a control field. Values alias the
// input. Bytes before the first delimiter, if any, come with code 0.
func (f Field) Subfields() iter.Seq2[byte, []byte] {
	// Small enough to inline, with the loop body, into the caller's loop:
	// no call through yield per subfield.
	return func(yield func(byte, []byte) bool) {
		for p := f.SubfieldData(); len(p) > 0; {
			var code byte
			var v []byte
			code, v, p = nextSubfield(p)
			if !yield(code, v) {
				return
			}
		}
	}
}

// nextSubfield splits the first subfield off p (a data field's subfield
// data): its code and value, and the rest, which starts at a delimiter
// or is empty. Bytes before the first delimiter come with code 0, as does
// a delimiter with no code byte after it.
func nextSubfield(p []byte) (code byte, value, rest []byte) {
	if p[0] == SubfieldDelimiter {
		p = p[1:]
		if len(p) > 0 && p[0] != SubfieldDelimiter {
			code, p = p[0], p[1:]
		}
	}
	i := bytes.IndexByte(p, SubfieldDelimiter)
	if i < 0 {
		i = len(p)
	}
	return code, p[:i:i], p[i:]
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
