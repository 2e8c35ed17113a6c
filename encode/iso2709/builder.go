package iso2709

import (
	"bytes"
	"errors"
	"strconv"

	"github.com/marcmap/marcmap/view"
)

const (
	maxRecordLen = view.MaxRecordLen
	maxFieldLen  = view.MaxFieldLen
)

// Subfield is one subfield for [Builder.AddDataField].
type Subfield struct {
	Code  byte
	Value []byte
}

type entry struct {
	tag        view.Tag
	start, end int // content in Builder.data; a field terminator follows it
}

// Builder assembles one record. The zero Builder is ready to use, with an
// unset leader that is written as a UTF-8 MARC 21 leader (see Reset). Errors in the fields given are kept and reported by Append.
type Builder struct {
	// Overlong allows records over 99,999 bytes and fields over 9,999
	// bytes; see the package documentation.
	Overlong bool

	leader view.Leader
	data   []byte
	fields []entry
	err    error
	out    []byte // Record's output
}

// Reset empties the builder and sets its leader. Positions 00-04 and
// 12-16 are computed when the record is written; bytes left zero (an unset
// Leader) are written as a valid MARC 21 leader in Unicode would have
// them: 09 as 'a' (UTF-8), 10-11 as "22", 20-23 as "4500", the others
// blank. A record built from scratch is therefore UTF-8, as the text given
// to AddField is expected to be; set leader/09 to ' ' for MARC-8 bytes.
func (b *Builder) Reset(l view.Leader) {
	b.leader = l
	b.data = b.data[:0]
	b.fields = b.fields[:0]
	b.err = nil
}

// ResetFrom empties the builder and loads a record's leader and fields, to
// edit or rewrite it. Until fields are changed or deleted, Append
// reproduces the record's data area as it is, including a layout where
// fields are stored in another order than the directory's.
func (b *Builder) ResetFrom(r view.Record) {
	b.Reset(r.Leader())
	if r.Repairs()&view.RepairFields != 0 {
		for f := range r.Fields() {
			b.add(f.Tag(), f.Data())
		}
		return
	}
	// The directory was checked by Parse: entries lie in the data area
	// without overlapping (unused bytes between them are dropped when the
	// record is written, since Len counts the fields only).
	raw := r.Bytes()
	base := view.LeaderLen + 12*r.NumFields() + 1
	end := len(raw)
	if r.Repairs()&view.RepairTerminator == 0 {
		end--
	}
	b.data = append(b.data, raw[base:end]...)
	for i := range r.NumFields() {
		e := raw[view.LeaderLen+12*i:]
		start := view.Digits(e[7:12])
		b.fields = append(b.fields, entry{view.Tag(e[0:3]), start, start + view.Digits(e[3:7]) - 1})
	}
}

// Leader returns the leader as set (not yet with computed positions).
func (b *Builder) Leader() view.Leader { return b.leader }

// SetLeader replaces the leader, keeping the fields. Bytes left zero are
// written as Reset says; a terminator or delimiter byte (1D-1F) is an
// error from Append, since it would break the record's framing.
func (b *Builder) SetLeader(l view.Leader) {
	for _, c := range l {
		if c >= view.SubfieldDelimiter-2 && c <= view.SubfieldDelimiter {
			b.fail(view.Tag{'L', 'D', 'R'}, errLeaderByte)
			return
		}
	}
	b.leader = l
}

// NumFields returns the number of fields.
func (b *Builder) NumFields() int { return len(b.fields) }

// Field returns field i. It aliases the builder's storage, valid until the
// next change to the builder.
func (b *Builder) Field(i int) view.Field {
	e := b.fields[i]
	return view.NewField(e.tag, b.data[e.start:e.end])
}

var (
	errTag        = errors.New("tag must be three printable ASCII bytes")
	errContent    = errors.New("content holds a field or record terminator")
	errSubData    = errors.New("subfield value holds a delimiter or terminator")
	errSubCode    = errors.New("subfield code must be a printable ASCII byte")
	errLeaderByte = errors.New("leader bytes must be printable ASCII, in positions 0-23")
)

func (b *Builder) fail(tag view.Tag, err error) {
	if b.err == nil {
		b.err = &view.RecordError{Offset: -1, Index: -1, Tag: tag, Pos: -1, Err: &fieldError{view.ErrField, err}}
	}
}

type fieldError struct{ sentinel, detail error }

func (e *fieldError) Error() string { return e.sentinel.Error() + ": " + e.detail.Error() }
func (e *fieldError) Unwrap() []error {
	return []error{e.sentinel, e.detail}
}

func parseTag(tag string) (view.Tag, bool) {
	if len(tag) != 3 || !view.ValidTag([]byte(tag)) {
		return view.Tag{}, false
	}
	return view.Tag{tag[0], tag[1], tag[2]}, true
}

func (b *Builder) add(tag view.Tag, content []byte) {
	start := len(b.data)
	b.data = append(b.data, content...)
	b.fields = append(b.fields, entry{tag, start, len(b.data)})
	b.data = append(b.data, view.FieldTerminator)
}

func hasTerminator(p []byte) bool {
	return bytes.IndexByte(p, view.FieldTerminator) >= 0 || bytes.IndexByte(p, view.RecordTerminator) >= 0
}

// AddField appends a field with its raw content, without terminator: the
// value of a control field, or the indicators and subfields of a data
// field.
func (b *Builder) AddField(tag string, content []byte) {
	t, ok := parseTag(tag)
	if !ok {
		b.fail(t, errTag)
		return
	}
	if hasTerminator(content) {
		b.fail(t, errContent)
		return
	}
	b.add(t, content)
}

// AddDataField appends a data field made from indicators and subfields.
func (b *Builder) AddDataField(tag string, ind1, ind2 byte, subfields ...Subfield) {
	t, ok := parseTag(tag)
	if !ok {
		b.fail(t, errTag)
		return
	}
	start := len(b.data)
	b.data = append(b.data, ind1, ind2)
	for _, sf := range subfields {
		if sf.Code < 0x20 || sf.Code >= 0x7F {
			b.fail(t, errSubCode)
		}
		if bytes.IndexByte(sf.Value, view.SubfieldDelimiter) >= 0 || hasTerminator(sf.Value) {
			b.fail(t, errSubData)
		}
		b.data = append(b.data, view.SubfieldDelimiter, sf.Code)
		b.data = append(b.data, sf.Value...)
	}
	if ind1 == view.FieldTerminator || ind1 == view.RecordTerminator || ind2 == view.FieldTerminator || ind2 == view.RecordTerminator {
		b.fail(t, errContent)
	}
	b.fields = append(b.fields, entry{t, start, len(b.data)})
	b.data = append(b.data, view.FieldTerminator)
}

// SetField replaces field i's tag and content.
func (b *Builder) SetField(i int, tag string, content []byte) {
	t, ok := parseTag(tag)
	if !ok {
		b.fail(t, errTag)
		return
	}
	if hasTerminator(content) {
		b.fail(t, errContent)
		return
	}
	start := len(b.data)
	b.data = append(b.data, content...)
	b.fields[i] = entry{t, start, len(b.data)}
	b.data = append(b.data, view.FieldTerminator)
}

// DeleteField removes field i.
func (b *Builder) DeleteField(i int) {
	b.fields = append(b.fields[:i], b.fields[i+1:]...)
}

// Len returns the length the record will have when written.
func (b *Builder) Len() int {
	n := view.LeaderLen + len(b.fields)*12 + 2
	for _, e := range b.fields {
		n += e.end - e.start + 1
	}
	return n
}

// Append writes the record to dst and returns the extended slice. It does
// not allocate when dst has room.
func (b *Builder) Append(dst []byte) ([]byte, error) {
	if b.err != nil {
		return dst, b.err
	}
	total := b.Len()
	if !b.Overlong {
		if total > maxRecordLen {
			return dst, &view.RecordError{Offset: -1, Index: -1, Pos: -1, Err: &lenError{view.ErrTooLong, total, maxRecordLen, "record"}}
		}
		for _, e := range b.fields {
			if n := e.end - e.start + 1; n > maxFieldLen {
				return dst, &view.RecordError{Offset: -1, Index: -1, Tag: e.tag, Pos: -1, Err: &lenError{view.ErrTooLong, n, maxFieldLen, "field"}}
			}
		}
	}
	base := view.LeaderLen + len(b.fields)*12 + 1
	l := b.leader
	for i, c := range l {
		if c == 0 {
			l[i] = ' '
		}
	}
	if b.leader[9] == 0 {
		l[9] = 'a'
	}
	if b.leader[10] == 0 && b.leader[11] == 0 {
		l[10], l[11] = '2', '2'
	}
	if b.leader[20] == 0 && b.leader[21] == 0 && b.leader[22] == 0 && b.leader[23] == 0 {
		copy(l[20:], "4500")
	}
	dst = view.AppendDigits(dst, total, 5)
	dst = append(dst, l[5:12]...)
	dst = view.AppendDigits(dst, base, 5)
	dst = append(dst, l[17:24]...)
	// The data area is b.data itself when it holds exactly the fields (no
	// edits since ResetFrom or the adds), else the fields in directory order.
	verbatim := total-base-1 == len(b.data)
	pos := 0
	for _, e := range b.fields {
		n := e.end - e.start + 1
		dst = append(dst, e.tag[:]...)
		dst = view.AppendDigits(dst, n, 4)
		if verbatim {
			dst = view.AppendDigits(dst, e.start, 5)
		} else {
			dst = view.AppendDigits(dst, pos, 5)
		}
		pos += n
	}
	dst = append(dst, view.FieldTerminator)
	if verbatim {
		dst = append(dst, b.data...)
	} else {
		for _, e := range b.fields {
			dst = append(dst, b.data[e.start:e.end+1]...)
		}
	}
	dst = append(dst, view.RecordTerminator)
	return dst, nil
}

type lenError struct {
	sentinel error
	n, max   int
	what     string
}

func (e *lenError) Error() string {
	return e.sentinel.Error() + ": " + e.what + " of " + strconv.Itoa(e.n) + " bytes exceeds the ISO 2709 limit of " + strconv.Itoa(e.max) + " (set Builder.Overlong to write it anyway)"
}
func (e *lenError) Unwrap() error { return e.sentinel }
