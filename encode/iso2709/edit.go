package iso2709

import (
	"bytes"
	"iter"

	"github.com/marcmap/marcmap/view"
)

// Sub makes a Subfield from a code and a string value:
// b.AddDataField("245", '1', '0', iso2709.Sub('a', "Title /"), iso2709.Sub('c', "Author.")).
func Sub(code byte, value string) Subfield { return Subfield{code, []byte(value)} }

// Fields iterates over the builder's fields with their indexes, for
// finding the ones to edit. Changing a field (SetIndicators, SetSubfield
// ...) while iterating is fine; adding or deleting fields is not.
func (b *Builder) Fields() iter.Seq2[int, view.Field] {
	return func(yield func(int, view.Field) bool) {
		for i := range b.fields {
			if !yield(i, b.Field(i)) {
				return
			}
		}
	}
}

// orderedIndex returns where pymarc's add_ordered_field puts a field with
// tag t: before the first field whose tag is numeric and greater, or
// before the first field whose tag is not numeric; at the end for a tag
// that is not numeric itself.
func (b *Builder) orderedIndex(t view.Tag) int {
	if !numericTag(t) {
		return len(b.fields)
	}
	for i, e := range b.fields {
		if !numericTag(e.tag) || string(e.tag[:]) > string(t[:]) {
			return i
		}
	}
	return len(b.fields)
}

func numericTag(t view.Tag) bool {
	return t[0] >= '0' && t[0] <= '9' && t[1] >= '0' && t[1] <= '9' && t[2] >= '0' && t[2] <= '9'
}

// move moves the last field to index i.
func (b *Builder) move(i int) {
	last := len(b.fields) - 1
	if i >= last || i < 0 {
		return
	}
	e := b.fields[last]
	copy(b.fields[i+1:], b.fields[i:last])
	b.fields[i] = e
}

// InsertField inserts a field with raw content at index i (0 to
// NumFields), as AddField would add it at the end.
func (b *Builder) InsertField(i int, tag string, content []byte) {
	n := len(b.fields)
	b.AddField(tag, content)
	if len(b.fields) > n {
		b.move(i)
	}
}

// AddFieldOrdered adds a field with raw content in tag order, as pymarc's
// add_ordered_field: before the first field with a greater numeric tag
// (or a tag that is not numeric); at the end when its own tag is not
// numeric.
func (b *Builder) AddFieldOrdered(tag string, content []byte) {
	n := len(b.fields)
	b.AddField(tag, content)
	if len(b.fields) > n {
		b.move(b.orderedIndex(b.fields[n].tag))
	}
}

// AddDataFieldOrdered adds a data field in tag order, as AddFieldOrdered.
func (b *Builder) AddDataFieldOrdered(tag string, ind1, ind2 byte, subfields ...Subfield) {
	n := len(b.fields)
	b.AddDataField(tag, ind1, ind2, subfields...)
	if len(b.fields) > n {
		b.move(b.orderedIndex(b.fields[n].tag))
	}
}

// matchTag reports whether tag t matches pattern: three characters, each
// X, x or . matching any character ("9XX", "65.").
func matchTag(pattern string, t view.Tag) bool {
	if len(pattern) != 3 {
		return false
	}
	for k := range 3 {
		c := pattern[k]
		if c != 'X' && c != 'x' && c != '.' && c != t[k] {
			return false
		}
	}
	return true
}

// RemoveFields removes every field whose tag matches one of the patterns
// ("9XX", "650", "5.."; X, x or . match any character) and returns how
// many it removed. A pattern that is not three characters is an error
// from Append and Record.
func (b *Builder) RemoveFields(patterns ...string) int {
	for _, p := range patterns {
		if len(p) != 3 {
			b.fail(view.Tag{}, errTag)
			return 0
		}
	}
	kept := b.fields[:0]
	for _, e := range b.fields {
		drop := false
		for _, p := range patterns {
			if matchTag(p, e.tag) {
				drop = true
				break
			}
		}
		if !drop {
			kept = append(kept, e)
		}
	}
	n := len(b.fields) - len(kept)
	b.fields = kept
	return n
}

// SetIndicators sets the indicators of data field i. A control field, or
// one too short to hold indicators, is left as it is.
func (b *Builder) SetIndicators(i int, ind1, ind2 byte) {
	e := b.fields[i]
	if e.tag[0] == '0' && e.tag[1] == '0' || e.end-e.start < 2 {
		return
	}
	if ind1 == view.FieldTerminator || ind1 == view.RecordTerminator || ind2 == view.FieldTerminator || ind2 == view.RecordTerminator ||
		ind1 == view.SubfieldDelimiter || ind2 == view.SubfieldDelimiter {
		b.fail(e.tag, errContent)
		return
	}
	// The builder owns its data: change the bytes in place.
	b.data[e.start], b.data[e.start+1] = ind1, ind2
}

// editSubfields rewrites data field i with edit applied to its subfields
// in order: edit returns the subfields to write in place of one (none to
// delete it), and a final call with code 0 may add some at the end.
func (b *Builder) editSubfields(i int, edit func(code byte, value []byte, dst []byte) []byte) {
	e := b.fields[i]
	f := b.Field(i)
	if f.IsControl() {
		return
	}
	start := len(b.data)
	data := f.Data()
	n := min(2, len(data))
	b.data = append(b.data, data[:n]...) // the indicators, as they are
	rest := data[n:]
	// Split the raw bytes at the delimiters, so that what no edit touches
	// is written back as it was: bytes before the first delimiter, a
	// delimiter with no code, a code that is a NUL byte.
	lead := bytes.IndexByte(rest, view.SubfieldDelimiter)
	if lead < 0 {
		lead = len(rest)
	}
	b.data = append(b.data, rest[:lead]...)
	rest = rest[lead:]
	for len(rest) > 0 { // rest[0] is a delimiter
		rest = rest[1:]
		end := bytes.IndexByte(rest, view.SubfieldDelimiter)
		if end < 0 {
			end = len(rest)
		}
		seg := rest[:end]
		rest = rest[end:]
		if len(seg) == 0 {
			b.data = append(b.data, view.SubfieldDelimiter)
			continue
		}
		b.data = edit(seg[0], seg[1:len(seg):len(seg)], b.data)
	}
	b.data = edit(0, nil, b.data)
	b.fields[i] = entry{e.tag, start, len(b.data)}
	b.data = append(b.data, view.FieldTerminator)
}

func (b *Builder) checkSub(tag view.Tag, code byte, value string) bool {
	if code < 0x20 || code >= 0x7F {
		b.fail(tag, errSubCode)
		return false
	}
	for k := 0; k < len(value); k++ {
		if c := value[k]; c == view.SubfieldDelimiter || c == view.FieldTerminator || c == view.RecordTerminator {
			b.fail(tag, errSubData)
			return false
		}
	}
	return true
}

func appendSub(dst []byte, code byte, value []byte) []byte {
	dst = append(dst, view.SubfieldDelimiter, code)
	return append(dst, value...)
}

// AddSubfield adds a subfield at the end of data field i. The subfield
// verbs (AddSubfield, SetSubfield, RemoveSubfields) leave a control field
// as it is; an index out of range panics, as a slice index does.
func (b *Builder) AddSubfield(i int, code byte, value string) {
	if !b.checkSub(b.fields[i].tag, code, value) {
		return
	}
	b.editSubfields(i, func(c byte, v, dst []byte) []byte {
		if c == 0 && v == nil {
			return appendSub(dst, code, []byte(value))
		}
		return appendSub(dst, c, v)
	})
}

// SetSubfield sets the value of the first subfield with the given code in
// data field i, or adds the subfield at the end when there is none; other
// subfields with that code are kept.
func (b *Builder) SetSubfield(i int, code byte, value string) {
	if !b.checkSub(b.fields[i].tag, code, value) {
		return
	}
	done := false
	b.editSubfields(i, func(c byte, v, dst []byte) []byte {
		switch {
		case c == 0 && v == nil:
			if !done {
				dst = appendSub(dst, code, []byte(value))
			}
			return dst
		case c == code && !done:
			done = true
			return appendSub(dst, c, []byte(value))
		}
		return appendSub(dst, c, v)
	})
}

// RemoveSubfields removes every subfield with one of the codes from data
// field i and returns how many it removed.
func (b *Builder) RemoveSubfields(i int, codes string) int {
	n := 0
	b.editSubfields(i, func(c byte, v, dst []byte) []byte {
		if c == 0 && v == nil {
			return dst
		}
		for k := 0; k < len(codes); k++ {
			if codes[k] == c {
				n++
				return dst
			}
		}
		return appendSub(dst, c, v)
	})
	return n
}

// SetLeaderAt sets leader positions from pos on to the bytes of s
// (SetLeaderAt(9, "a"), SetLeaderAt(17, "7")). Positions 00-04 and 12-16
// are computed when the record is written. A byte that is not printable
// ASCII, or bytes that do not fit in positions 0-23, are an error from
// Append and Record.
func (b *Builder) SetLeaderAt(pos int, s string) {
	if pos < 0 || pos+len(s) > view.LeaderLen {
		b.fail(view.Tag{'L', 'D', 'R'}, errLeaderByte)
		return
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			b.fail(view.Tag{'L', 'D', 'R'}, errLeaderByte)
			return
		}
	}
	copy(b.leader[pos:], s)
}

// Record writes the record into the builder's own buffer and returns it
// as a view: the edited record, as Parse reads it. The view is valid until
// the next call of Record, Reset or ResetFrom (Clone it to keep it).
func (b *Builder) Record() (view.Record, error) {
	var err error
	b.out, err = b.Append(b.out[:0])
	if err != nil {
		return view.Record{}, err
	}
	return View(b.out)
}
