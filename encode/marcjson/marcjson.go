package marcjson

import (
	"io"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

// Options configure MARC-in-JSON reading and writing. The zero value is
// the default: one object per line.
type Options struct {
	// Strict, when writing, makes a MARC-8 record that cannot be decoded an
	// error wrapping view.ErrCharset (by default what cannot be decoded
	// becomes U+FFFD); when reading, it makes the first bad record stop the
	// Reader.
	Strict bool
	// Array writes one JSON array of objects instead of one object per
	// line (NDJSON).
	Array bool
}

// Append appends r as one MARC-in-JSON object and a newline, with the
// default options; see [Options.Append].
func Append(dst []byte, r view.Record) ([]byte, error) { return Options{}.Append(dst, r) }

// Append appends r as one MARC-in-JSON object to dst, followed by a
// newline unless Array is set (the separator then goes between objects).
// A MARC-8 record is converted to UTF-8 first. It does not allocate for a
// UTF-8 record when dst has room.
func (o Options) Append(dst []byte, r view.Record) ([]byte, error) {
	if l := r.Leader(); l.IsUnicode() {
		return o.appendLine(dst, r), nil
	}
	err := iso2709.WithUTF8(r, o.Strict, func(u view.Record) { dst = o.appendLine(dst, u) })
	return dst, err
}

func (o Options) appendLine(dst []byte, r view.Record) []byte {
	dst = appendRecord(dst, r)
	if !o.Array {
		dst = append(dst, '\n')
	}
	return dst
}

// AppendHeader appends "[" with Array set, else nothing.
func (o Options) AppendHeader(dst []byte) []byte {
	if o.Array {
		dst = append(dst, '[')
	}
	return dst
}

// AppendFooter appends "]" and a newline with Array set, else nothing.
func (o Options) AppendFooter(dst []byte) []byte {
	if o.Array {
		dst = append(dst, "]\n"...)
	}
	return dst
}

// Separator returns ",\n" with Array set (one object per line inside the
// array), else "".
func (o Options) Separator() string {
	if o.Array {
		return ",\n"
	}
	return ""
}

func appendRecord(dst []byte, r view.Record) []byte {
	l := r.Leader()
	dst = append(dst, `{"leader":`...)
	dst = appendString(dst, l[:])
	dst = append(dst, `,"fields":[`...)
	first := true
	for f := range r.Fields() {
		if !first {
			dst = append(dst, ',')
		}
		first = false
		tag := f.Tag()
		dst = append(dst, '{')
		dst = appendString(dst, tag[:])
		dst = append(dst, ':')
		if f.IsControl() {
			dst = appendString(dst, f.Data())
			dst = append(dst, '}')
			continue
		}
		dst = append(dst, `{"ind1":`...)
		dst = appendString(dst, []byte{f.Ind1()})
		dst = append(dst, `,"ind2":`...)
		dst = appendString(dst, []byte{f.Ind2()})
		dst = append(dst, `,"subfields":[`...)
		firstSub := true
		for code, v := range f.Subfields() {
			if !firstSub {
				dst = append(dst, ',')
			}
			firstSub = false
			if code == 0 {
				code = '?'
			}
			dst = append(dst, '{')
			dst = appendString(dst, []byte{code})
			dst = append(dst, ':')
			dst = appendString(dst, v)
			dst = append(dst, '}')
		}
		dst = append(dst, "]}}"...)
	}
	return append(dst, "]}"...)
}

const hexDigits = "0123456789abcdef"

// appendString writes p as a JSON string.
func appendString(dst, p []byte) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(p); {
		c := p[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			i++
			continue
		}
		if c >= 0x80 {
			r, n := utf8.DecodeRune(p[i:])
			if r != utf8.RuneError || n > 1 {
				i += n
				continue
			}
			dst = append(dst, p[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i++
			start = i
			continue
		}
		dst = append(dst, p[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		start = i
	}
	dst = append(dst, p[start:]...)
	return append(dst, '"')
}

// Encoder writes a stream of records: see [NewEncoder].
type Encoder = encode.Encoder

// NewEncoder returns an Encoder writing to w: one JSON object per line, or
// with Options.Array one JSON array.
func NewEncoder(w io.Writer, o Options) *Encoder { return encode.NewEncoder(w, o) }
