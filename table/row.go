package table

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/view"
)

// Row is one record's row: its metadata and the values of each column,
// held in one buffer. A Row is reused from record to record.
type Row struct {
	Record int64  // the record's index in its input, from 0, bad records counted
	Offset int64  // its byte offset in the input, -1 when the format does not say
	File   string // its input, for a schema with File

	buf  []byte
	ends []int // end in buf of each value
	cols []int // end in ends of each column's values

	scratch []byte
	order   []fieldRef
}

type fieldRef struct {
	col int
	f   view.Field
}

// Reset empties the row.
func (r *Row) Reset() {
	r.buf, r.ends, r.cols = r.buf[:0], r.ends[:0], r.cols[:0]
}

// Columns returns the number of value columns the row holds.
func (r *Row) Columns() int { return len(r.cols) }

// Len returns the number of values of column col.
func (r *Row) Len(col int) int {
	start := 0
	if col > 0 {
		start = r.cols[col-1]
	}
	return r.cols[col] - start
}

// Value returns value k of column col; it is valid until the row is
// filled again.
func (r *Row) Value(col, k int) []byte {
	i := k
	if col > 0 {
		i += r.cols[col-1]
	}
	start := 0
	if i > 0 {
		start = r.ends[i-1]
	}
	return r.buf[start:r.ends[i]]
}

// add appends a value to the column being filled; bytes that are not
// UTF-8 (a broken record read leniently) become U+FFFD, as every table
// format holds text.
func (r *Row) add(v []byte) {
	if utf8.Valid(v) {
		r.buf = append(r.buf, v...)
	} else {
		for len(v) > 0 {
			c, n := utf8.DecodeRune(v)
			if c == utf8.RuneError && n == 1 {
				r.buf = append(r.buf, "\ufffd"...)
			} else {
				r.buf = append(r.buf, v[:n]...)
			}
			v = v[n:]
		}
	}
	r.ends = append(r.ends, len(r.buf))
}

// endColumn closes the column being filled.
func (r *Row) endColumn() { r.cols = append(r.cols, len(r.ends)) }

// Fill fills row with rec's values (rec in UTF-8: convert MARC-8 records
// first). Values are copied: the row does not keep rec.
func (s *Schema) Fill(row *Row, rec view.Record) {
	row.Reset()
	if s.rules {
		for _, c := range s.Columns {
			row.scratch = c.Spec.AppendEach(row.scratch, rec, " ", row.add)
			row.endColumn()
		}
		return
	}
	// Without rules: the fields go to the columns of their tags, in
	// record order within a column.
	row.order = row.order[:0]
	for f := range rec.Fields() {
		col, ok := s.byTag[f.Tag()]
		if !ok {
			col = s.other
		}
		row.order = append(row.order, fieldRef{col, f})
	}
	// A stable insertion sort by column: records have tens of fields,
	// mostly in tag order already.
	o := row.order
	for i := 1; i < len(o); i++ {
		for j := i; j > 0 && o[j-1].col > o[j].col; j-- {
			o[j-1], o[j] = o[j], o[j-1]
		}
	}
	k := 0
	for col := range s.Columns {
		if s.Columns[col].Tag == "LDR" {
			l := rec.Leader()
			row.add(l[:])
		}
		for ; k < len(o) && o[k].col == col; k++ {
			if col == s.other {
				row.scratch = mrk.AppendField(row.scratch[:0], o[k].f)
			} else {
				row.scratch = o[k].f.AppendValue(row.scratch[:0])
			}
			row.add(row.scratch)
		}
		row.endColumn()
	}
	clear(row.order)
}

// AppendBinary appends the row in a compact binary form, for passing rows
// between goroutines or processes; UnmarshalBinary reads it back.
func (r *Row) AppendBinary(dst []byte) []byte {
	dst = binary.AppendVarint(dst, r.Record)
	dst = binary.AppendVarint(dst, r.Offset)
	dst = binary.AppendUvarint(dst, uint64(len(r.File)))
	dst = append(dst, r.File...)
	dst = binary.AppendUvarint(dst, uint64(len(r.cols)))
	for col := range r.cols {
		n := r.Len(col)
		dst = binary.AppendUvarint(dst, uint64(n))
		for k := range n {
			v := r.Value(col, k)
			dst = binary.AppendUvarint(dst, uint64(len(v)))
			dst = append(dst, v...)
		}
	}
	return dst
}

var errBinary = errors.New("table: bad binary row")

// UnmarshalBinary reads a row AppendBinary wrote at the start of p and
// returns the number of bytes it took.
func (r *Row) UnmarshalBinary(p []byte) (int, error) {
	r.Reset()
	i := 0
	varint := func() (int64, bool) {
		v, n := binary.Varint(p[i:])
		i += max(n, 0)
		return v, n > 0
	}
	uvarint := func() (int, bool) {
		v, n := binary.Uvarint(p[i:])
		i += max(n, 0)
		return int(v), n > 0 && v <= uint64(len(p))
	}
	var ok1, ok2, ok3 bool
	r.Record, ok1 = varint()
	r.Offset, ok2 = varint()
	n, ok3 := uvarint()
	if !ok1 || !ok2 || !ok3 || i+n > len(p) {
		return 0, errBinary
	}
	if f := p[i : i+n]; r.File != string(f) {
		r.File = string(f)
	}
	i += n
	cols, ok := uvarint()
	if !ok {
		return 0, errBinary
	}
	for range cols {
		vals, ok := uvarint()
		if !ok {
			return 0, errBinary
		}
		for range vals {
			n, ok := uvarint()
			if !ok || i+n > len(p) {
				return 0, errBinary
			}
			r.add(p[i : i+n])
			i += n
		}
		r.endColumn()
	}
	return i, nil
}
