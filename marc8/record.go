package marc8

import (
	"errors"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

// AppendRecordUTF8 appends r converted to UTF-8, as an ISO 2709 record with
// leader/09 set to 'a' and the directory and lengths recomputed, to dst. A
// record whose leader/09 is already 'a' is written as it is (through
// iso2709.Append). In Strict mode a field that cannot be decoded is a
// *view.RecordError wrapping view.ErrCharset, with the field's tag and the
// byte position in the record.
func (d *Decoder) AppendRecordUTF8(dst []byte, r view.Record) ([]byte, error) {
	l := r.Leader()
	if l.IsUnicode() {
		return iso2709.Append(dst, r)
	}
	l[9] = 'a'
	var b iso2709.Builder
	b.Overlong = r.Len() > 99999
	b.Reset(l)
	var field []byte
	for f := range r.Fields() {
		// Indicators are single bytes, copied as they are.
		data, n := f.Data(), 0
		if !f.IsControl() {
			n = min(2, len(data))
		}
		field = append(field[:0], data[:n]...)
		var err error
		field, err = d.AppendDecode(field, data[n:])
		if err != nil {
			var me *Error
			if errors.As(err, &me) {
				me.Pos += n
			}
			return dst, charsetError(f, err)
		}
		tag := f.Tag()
		b.AddField(string(tag[:]), field)
	}
	return b.Append(dst)
}

func charsetError(f view.Field, err error) error {
	pos := f.Offset()
	var me *Error
	if errors.As(err, &me) {
		pos += me.Pos
	}
	return &view.RecordError{Offset: -1, Index: -1, Tag: f.Tag(), Pos: pos, Err: &wrapped{view.ErrCharset, err}}
}

type wrapped struct{ sentinel, err error }

func (w *wrapped) Error() string   { return w.sentinel.Error() + ": " + w.err.Error() }
func (w *wrapped) Unwrap() []error { return []error{w.sentinel, w.err} }

// AppendRecordMARC8 appends r converted to MARC-8, as an ISO 2709 record
// with leader/09 blank, to dst. A record already in MARC-8 (leader/09 not
// 'a') is written as it is. Characters with no MARC-8 equivalent become
// "&#xXXXX;" references. Invalid UTF-8 bytes are encoded as U+FFFD's
// reference.
func (e *Encoder) AppendRecordMARC8(dst []byte, r view.Record) ([]byte, error) {
	l := r.Leader()
	if !l.IsUnicode() {
		return iso2709.Append(dst, r)
	}
	l[9] = ' '
	var b iso2709.Builder
	b.Overlong = r.Len() > 99999
	b.Reset(l)
	var field []byte
	for f := range r.Fields() {
		data, n := f.Data(), 0
		if !f.IsControl() {
			n = min(2, len(data))
		}
		field = append(field[:0], data[:n]...)
		field = e.AppendEncode(field, data[n:])
		tag := f.Tag()
		b.AddField(string(tag[:]), field)
	}
	return b.Append(dst)
}

// UTF8 returns r as a UTF-8 record: r itself when leader/09 is 'a', else
// its conversion, built in scratch (which it returns, grown, for reuse).
// The converted record aliases scratch.
func (d *Decoder) UTF8(scratch []byte, r view.Record) (view.Record, []byte, error) {
	l := r.Leader()
	if l.IsUnicode() {
		return r, scratch, nil
	}
	out, err := d.AppendRecordUTF8(scratch[:0], r)
	if err != nil {
		return view.Record{}, scratch, err
	}
	u, err := view.ParseLenient(out)
	return u, out, err
}

// Unicode returns r as a UTF-8 record: r itself when leader/09 is 'a',
// else its lenient conversion in a new buffer. Encoders of UTF-8 formats
// call it on every record.
func Unicode(r view.Record) (view.Record, error) {
	if l := r.Leader(); l.IsUnicode() {
		return r, nil
	}
	var d Decoder
	u, _, err := d.UTF8(nil, r)
	return u, err
}
