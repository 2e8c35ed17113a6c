// Package marcjson writes and reads MARC-in-JSON, the JSON form of MARC 21
// records shared by pymarc, yaz, ruby-marc and MARC::File::MiJ:
//
//	{"leader":"...","fields":[{"001":"..."},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"..."}]}}]}
//
// # Writing
//
// [Append] writes one record as one JSON object (no newline). An [Encoder]
// writes a stream: by default one object per line (NDJSON, what pymarc
// writes), or a JSON array ([Encoder].Array). Records in MARC-8 are
// converted to UTF-8 first (see package marc8). Escaping is written by
// hand: '"', '\\' and control characters are escaped, bytes that are not
// valid UTF-8 become U+FFFD. Subfield text before the first delimiter of a
// data field (malformed input) is written under the code "?".
//
// # Reading
//
// A [Reader] reads objects one at a time from a stream: one per line, one
// after the other (as yaz writes them), or the elements of a top-level
// array. Each becomes an ISO 2709 record, in UTF-8 with leader/09 set to
// 'a' (JSON text is Unicode whatever the leader said). Raw control characters inside
// strings (not JSON, but found in pymarc's and marc4j's files) are
// accepted. An indicator or subfield code that is one character outside
// ASCII cannot be one ISO 2709 byte: lenient mode stores '?', strict mode
// rejects the record.
//
// # Concurrency
//
// Encoders and Readers are not safe for concurrent use. Append is.
package marcjson

import (
	"bufio"
	"io"
	"unicode/utf8"

	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/view"
)

// Append appends r as one MARC-in-JSON object to dst.
func Append(dst []byte, r view.Record) ([]byte, error) {
	r, err := marc8.Unicode(r)
	if err != nil {
		return dst, err
	}
	return appendRecord(dst, r), nil
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

// Encoder writes a stream of records: one JSON object per line, or with
// Array set, one JSON array.
type Encoder struct {
	// Array writes a JSON array instead of one object per line. Set it
	// before the first Encode.
	Array bool

	w      *bufio.Writer
	buf    []byte
	conv   []byte
	dec    marc8.Decoder
	n      int
	closed bool
}

// NewEncoder returns an Encoder writing to w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: bufio.NewWriterSize(w, 256<<10)} }

// Encode writes one record.
func (e *Encoder) Encode(r view.Record) error {
	if l := r.Leader(); !l.IsUnicode() {
		var err error
		r, e.conv, err = e.dec.UTF8(e.conv, r)
		if err != nil {
			return err
		}
	}
	e.buf = e.buf[:0]
	if e.Array {
		if e.n == 0 {
			e.buf = append(e.buf, "[\n"...)
		} else {
			e.buf = append(e.buf, ",\n"...)
		}
	}
	e.buf = appendRecord(e.buf, r)
	if !e.Array {
		e.buf = append(e.buf, '\n')
	}
	e.n++
	_, err := e.w.Write(e.buf)
	return err
}

// Close ends the array (when Array is set) and flushes. It does not close
// the underlying writer.
func (e *Encoder) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	if e.Array {
		end := "\n]\n"
		if e.n == 0 {
			end = "[]\n"
		}
		if _, err := e.w.WriteString(end); err != nil {
			return err
		}
	}
	return e.w.Flush()
}
