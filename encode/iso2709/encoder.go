package iso2709

import (
	"errors"
	"io"
	"sync"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/view"
)

// Charset is the character encoding ISO 2709 output is written in.
type Charset uint8

const (
	// AsStored writes each record in the encoding it declares.
	AsStored Charset = iota
	// UTF8 converts MARC-8 records (leader/09 blank) to UTF-8 and sets
	// leader/09 to 'a'.
	UTF8
	// MARC8 converts UTF-8 records (leader/09 'a') to MARC-8 and blanks
	// leader/09; characters MARC-8 lacks become "&#xXXXX;" references.
	MARC8
)

// Options configure ISO 2709 output. The zero value writes records as
// stored.
type Options struct {
	// Strict makes a MARC-8 record that cannot be decoded an error (a
	// *view.RecordError wrapping view.ErrCharset with the field and
	// position) instead of carrying U+FFFD for what cannot be read.
	Strict bool
	// Charset converts the character encoding; see [Charset].
	Charset Charset
	// Overlong writes a record that a conversion makes longer than 99,999
	// bytes (or a field longer than 9,999) in the zero-filled convention
	// (see the package documentation) instead of refusing it with
	// view.ErrTooLong. Records that arrive over the limits are written so
	// anyway.
	Overlong bool
}

// Append appends r in ISO 2709 form to dst, as stored; see
// [Options.Append].
func Append(dst []byte, r view.Record) ([]byte, error) { return Options{}.Append(dst, r) }

// Append appends r in ISO 2709 form to dst. A well-formed record in the
// wanted encoding is copied as it is; a record read with repairs
// (r.Repairs() != 0) is rebuilt so that its leader and directory are right
// — with Builder.Overlong, so that a record over 99,999 bytes (a HathiTrust
// dump's) or with a field over 9,999 bytes is written in the zero-filled
// convention rather than refused. Append allocates only when rebuilding or converting, and is safe for concurrent
// use.
func (o Options) Append(dst []byte, r view.Record) ([]byte, error) {
	l := r.Leader()
	switch {
	case o.Charset == UTF8 && !l.IsUnicode():
		c := getConverter(o.Strict, o.Overlong)
		defer putConverter(c)
		return c.appendUTF8(dst, r)
	case o.Charset == MARC8 && l.IsUnicode():
		c := getConverter(o.Strict, o.Overlong)
		defer putConverter(c)
		return c.appendMARC8(dst, r)
	case r.Repairs() == 0:
		return append(dst, r.Bytes()...), nil
	}
	c := getConverter(o.Strict, o.Overlong)
	defer putConverter(c)
	c.b.ResetFrom(r)
	// A repaired record that held a field over 9,999 bytes (or is over
	// 99,999) is written in the zero-filled convention, not refused.
	c.b.Overlong = true
	return c.b.Append(dst)
}

// AppendHeader returns dst: ISO 2709 has no header.
func (Options) AppendHeader(dst []byte) []byte { return dst }

// AppendFooter returns dst: ISO 2709 has no footer.
func (Options) AppendFooter(dst []byte) []byte { return dst }

// Separator returns "": records follow each other.
func (Options) Separator() string { return "" }

// NewEncoder returns an Encoder writing ISO 2709 records to w.
func NewEncoder(w io.Writer, o Options) *encode.Encoder { return encode.NewEncoder(w, o) }

// converter holds the scratch space of one record conversion.
type converter struct {
	b     Builder
	dec   marc8.Decoder
	enc   marc8.Encoder
	field []byte
	buf   []byte
	// overlong lets the conversion grow past the ISO 2709 limits.
	overlong bool
}

var converters = sync.Pool{New: func() any { return new(converter) }}

func getConverter(strict, overlong bool) *converter {
	c := converters.Get().(*converter)
	c.dec.Strict = strict
	c.overlong = overlong
	return c
}

func putConverter(c *converter) {
	if cap(c.buf) > 1<<20 {
		c.buf = nil // do not keep one huge record's buffer for ever
	}
	converters.Put(c)
}

// utf8Text reports whether a record that declares MARC-8 holds UTF-8
// text instead: some non-ASCII bytes, all of them in valid UTF-8
// sequences, and no escape sequence. Real MARC-8 text fails this, since a
// MARC-8 combining mark (0xE0-0xFE) comes before a letter, which is no
// UTF-8 continuation byte (only rare sequences of ANSEL special characters
// are valid UTF-8); decoding such a record as MARC-8 would turn every
// accented letter into two wrong characters.
// It returns the first non-ASCII byte's field and position in the record.
func utf8Text(r view.Record) (tag view.Tag, pos int, ok bool) {
	pos = -1
	for f := range r.Fields() {
		data := f.Data()
		for i, c := range data {
			if c == 0x1B {
				return tag, -1, false
			}
			if c >= 0x80 && pos < 0 {
				tag, pos = f.Tag(), f.Offset()+i
			}
		}
		if !utf8.Valid(data) {
			return tag, -1, false
		}
	}
	return tag, pos, pos >= 0
}

var errDeclaredMARC8 = view.Detail(view.ErrCharset, "leader/09 declares MARC-8 but the text is UTF-8")

// appendUTF8 appends r, a MARC-8 record, converted to UTF-8. A record
// whose text is UTF-8 already (leader/09 wrong) is an error in strict mode
// and is taken as UTF-8 in lenient mode, leader/09 corrected: decoding it
// as MARC-8 would give mojibake without any error.
func (c *converter) appendUTF8(dst []byte, r view.Record) ([]byte, error) {
	l := r.Leader()
	l[9] = 'a'
	c.b.Reset(l)
	c.b.Overlong = c.overlong || r.Len() > view.MaxRecordLen
	if tag, pos, ok := utf8Text(r); ok {
		if c.dec.Strict {
			return dst, &view.RecordError{Offset: -1, Index: -1, Tag: tag, Pos: pos, Err: errDeclaredMARC8}
		}
		for f := range r.Fields() {
			c.b.add(f.Tag(), f.Data())
		}
		return c.b.Append(dst)
	}
	for f := range r.Fields() {
		// Indicators are single bytes, copied as they are.
		data, n := f.Data(), 0
		if !f.IsControl() {
			n = min(2, len(data))
		}
		c.field = append(c.field[:0], data[:n]...)
		var err error
		c.field, err = c.dec.AppendDecode(c.field, data[n:])
		if err != nil {
			return dst, charsetError(f, n, err)
		}
		c.b.add(f.Tag(), c.field)
	}
	return c.b.Append(dst)
}

// appendMARC8 appends r, a UTF-8 record, converted to MARC-8.
func (c *converter) appendMARC8(dst []byte, r view.Record) ([]byte, error) {
	l := r.Leader()
	l[9] = ' '
	c.b.Reset(l)
	c.b.Overlong = c.overlong || r.Len() > view.MaxRecordLen
	for f := range r.Fields() {
		data, n := f.Data(), 0
		if !f.IsControl() {
			n = min(2, len(data))
		}
		c.field = append(c.field[:0], data[:n]...)
		c.field = c.enc.AppendEncode(c.field, data[n:])
		c.b.add(f.Tag(), c.field)
	}
	return c.b.Append(dst)
}

// charsetError places a decoding error in the record: the field's tag and
// the byte position (n is the number of indicator bytes before the text
// that was decoded).
func charsetError(f view.Field, n int, err error) error {
	pos := f.Offset() + n
	var me *marc8.Error
	if errors.As(err, &me) {
		pos += me.Pos
	}
	return &view.RecordError{Offset: -1, Index: -1, Tag: f.Tag(), Pos: pos, Err: &wrapped{view.ErrCharset, err}}
}

type wrapped struct{ sentinel, err error }

func (w *wrapped) Error() string   { return w.sentinel.Error() + ": " + w.err.Error() }
func (w *wrapped) Unwrap() []error { return []error{w.sentinel, w.err} }

// WithUTF8 calls fn with r as a UTF-8 record: r itself when leader/09 is
// 'a', else its conversion, which is valid only during fn. It is how the
// encoders of UTF-8 formats (MARCXML, MARC-in-JSON, MRK) see MARC-8
// records, and it is safe for concurrent use. With strict, a field that
// cannot be decoded is an error wrapping view.ErrCharset and fn is not
// called; else what cannot be decoded becomes U+FFFD.
func WithUTF8(r view.Record, strict bool, fn func(u view.Record)) error {
	if l := r.Leader(); l.IsUnicode() {
		fn(r)
		return nil
	}
	c := getConverter(strict, true) // text formats have no ISO 2709 limits
	defer putConverter(c)
	var err error
	c.buf, err = c.appendUTF8(c.buf[:0], r)
	if err != nil {
		return err
	}
	u, err := View(c.buf)
	if err != nil {
		return err
	}
	fn(u)
	return nil
}

// View parses a record a Builder wrote: strictly, or leniently when it is
// over 99,999 bytes (written with Builder.Overlong, so its length and
// positions are zero-filled).
func View(b []byte) (view.Record, error) {
	if len(b) > view.MaxRecordLen {
		return view.ParseLenient(b)
	}
	return view.Parse(b)
}

// CheckCharset reports the first character-set fault of r, in field
// order: bytes that are
// not valid UTF-8 in a record whose leader/09 is 'a', or MARC-8 that
// cannot be decoded strictly in any other record (an undefined code, a
// truncated multi-byte character, an unknown escape sequence, a mark with
// no base). The error is a *view.RecordError wrapping view.ErrCharset, with
// the field's tag and the byte position in the record; nil when the text
// is clean. A record declared MARC-8 whose text is UTF-8 is a fault too,
// and so, in either encoding, are an indicator or a subfield code that is
// not a printable ASCII character and a control character in the text
// (C0, but the subfield delimiter in data fields and, in MARC-8, the ESC
// of escape sequences): XML cannot carry them, and writers would put
// U+FFFD or '?' in their place. It is safe for concurrent use.
func CheckCharset(r view.Record) error {
	marc8Text := !r.Leader().IsUnicode()
	if !marc8Text {
		for f := range r.Fields() {
			if err := checkBytes(f, false); err != nil {
				return err
			}
			data, n := f.Data(), 0
			if !f.IsControl() {
				n = min(2, len(data))
			}
			for i := n; i < len(data); {
				if data[i] < utf8.RuneSelf {
					i++
					continue
				}
				c, size := utf8.DecodeRune(data[i:])
				if c == utf8.RuneError && size == 1 {
					return &view.RecordError{Offset: -1, Index: -1, Tag: f.Tag(), Pos: f.Offset() + i, Err: errInvalidUTF8}
				}
				i += size
			}
		}
		return nil
	}
	if tag, pos, ok := utf8Text(r); ok {
		return &view.RecordError{Offset: -1, Index: -1, Tag: tag, Pos: pos, Err: errDeclaredMARC8}
	}
	c := getConverter(true, true)
	defer putConverter(c)
	for f := range r.Fields() {
		if err := checkBytes(f, true); err != nil {
			return err
		}
		data, n := f.Data(), 0
		if !f.IsControl() {
			n = min(2, len(data))
		}
		var err error
		if c.field, err = c.dec.AppendDecode(c.field[:0], data[n:]); err != nil {
			return charsetError(f, n, err)
		}
	}
	return nil
}

var errInvalidUTF8 = view.Detail(view.ErrCharset, "invalid UTF-8 in a record whose leader/09 says UTF-8")

func hexByte(c byte) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[c>>4], digits[c&15]})
}

// checkBytes checks a field's indicators and subfield codes (printable
// ASCII) and its text (no C0 control but ESC in MARC-8); see CheckCharset.
func checkBytes(f view.Field, marc8Text bool) error {
	data := f.Data()
	fault := func(i int, what string) error {
		return &view.RecordError{Offset: -1, Index: -1, Tag: f.Tag(), Pos: f.Offset() + i,
			Err: view.Detail(view.ErrCharset, what+" 0x"+hexByte(data[i])+" is not a printable ASCII character")}
	}
	i := 0
	if !f.IsControl() {
		for ; i < 2 && i < len(data); i++ {
			if data[i] < 0x20 || data[i] >= 0x7F {
				return fault(i, "indicator byte")
			}
		}
	}
	for ; i < len(data); i++ {
		c := data[i]
		if c >= 0x20 {
			continue
		}
		switch {
		case c == view.SubfieldDelimiter && !f.IsControl():
			if i+1 < len(data) && data[i+1] != view.SubfieldDelimiter {
				if data[i+1] < 0x20 || data[i+1] >= 0x7F {
					return fault(i+1, "subfield code")
				}
				i++ // the code
			}
		case c == 0x1B && marc8Text:
		case c == view.SubfieldDelimiter:
			return fault(i, "subfield delimiter in a control field: byte")
		default:
			return fault(i, "control character")
		}
	}
	return nil
}
