// Package marcxml writes records as MARCXML, the Library of Congress
// "MARC21 slim" schema (namespace http://www.loc.gov/MARC21/slim), and reads
// MARCXML back into records.
//
// # Writing
//
// [Append] writes one <record> element; an [Encoder] writes a whole
// <collection> document. Records in MARC-8 (leader/09 not 'a') are
// converted to UTF-8 first (leniently, see package marc8) and written with
// leader/09 'a' and the recomputed length. Escaping is written by hand:
// & < > " ' become entity references.
//
// Characters XML 1.0 forbids — C0 controls other than tab, LF and CR, the
// noncharacters U+FFFE and U+FFFF — and bytes that are not valid UTF-8 are
// written as U+FFFD, so the output is always well-formed; the replacement
// is visible rather than silent. Subfield text before the first delimiter
// of a data field (malformed input) is written as a subfield with code
// "?". Indicators and codes are written as they are, escaped, so a record
// whose indicators are not digits, lowercase letters or blanks gives
// well-formed MARCXML that the schema rejects; [Encoder].SchemaValid trades
// that fidelity for validity.
//
// # Concurrency
//
// An Encoder is not safe for concurrent use. Append is.
package marcxml

import (
	"bufio"
	"io"
	"unicode/utf8"

	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/view"
)

// Namespace is the MARCXML namespace.
const Namespace = "http://www.loc.gov/MARC21/slim"

const (
	header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"" + Namespace + "\">\n"
	footer = "</collection>\n"
)

// Append appends r as a MARCXML <record> element (with a trailing newline)
// to dst. It allocates only to convert a MARC-8 record.
func Append(dst []byte, r view.Record) ([]byte, error) {
	r, err := marc8.Unicode(r)
	if err != nil {
		return dst, err
	}
	return appendRecord(dst, r, false), nil
}

// schemaIndicator maps an indicator to one MARC21slim.xsd accepts
// ([0-9a-z ]): capital letters to lowercase, anything else to a blank.
func schemaIndicator(c byte) byte {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c == ' ':
		return c
	case c >= 'A' && c <= 'Z':
		return c + ('a' - 'A')
	}
	return ' '
}

func appendRecord(dst []byte, r view.Record, valid bool) []byte {
	l := r.Leader()
	dst = append(dst, "<record>\n  <leader>"...)
	dst = appendText(dst, l[:])
	dst = append(dst, "</leader>\n"...)
	for f := range r.Fields() {
		tag := f.Tag()
		if f.IsControl() {
			dst = append(dst, `  <controlfield tag="`...)
			dst = appendText(dst, tag[:])
			dst = append(dst, `">`...)
			dst = appendText(dst, f.Data())
			dst = append(dst, "</controlfield>\n"...)
			continue
		}
		dst = append(dst, `  <datafield tag="`...)
		dst = appendText(dst, tag[:])
		i1, i2 := f.Ind1(), f.Ind2()
		if valid {
			i1, i2 = schemaIndicator(i1), schemaIndicator(i2)
		}
		dst = append(dst, `" ind1="`...)
		dst = appendText(dst, []byte{i1})
		dst = append(dst, `" ind2="`...)
		dst = appendText(dst, []byte{i2})
		dst = append(dst, "\">\n"...)
		for code, v := range f.Subfields() {
			dst = append(dst, `    <subfield code="`...)
			if code == 0 {
				code = '?'
			}
			dst = appendText(dst, []byte{code})
			dst = append(dst, `">`...)
			dst = appendText(dst, v)
			dst = append(dst, "</subfield>\n"...)
		}
		dst = append(dst, "  </datafield>\n"...)
	}
	return append(dst, "</record>\n"...)
}

// appendText escapes p for XML text and attribute values.
func appendText(dst, p []byte) []byte {
	start := 0
	for i := 0; i < len(p); {
		c := p[i]
		if c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' {
			i++
			continue
		}
		if c >= 0x80 {
			r, n := utf8.DecodeRune(p[i:])
			if (r != utf8.RuneError || n > 1) && r != 0xFFFE && r != 0xFFFF {
				i += n
				continue
			}
			dst = append(dst, p[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i += n
			start = i
			continue
		}
		dst = append(dst, p[start:i]...)
		switch c {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '"':
			dst = append(dst, "&quot;"...)
		case '\'':
			dst = append(dst, "&apos;"...)
		case '\t', '\n', '\r':
			dst = append(dst, c)
		default:
			dst = append(dst, "\uFFFD"...)
		}
		i++
		start = i
	}
	return append(dst, p[start:]...)
}

// Encoder writes a MARCXML <collection> document. The header is written
// with the first record (or by Close for an empty collection).
type Encoder struct {
	// SchemaValid makes indicators fit MARC21slim.xsd ([0-9a-z ]): capital
	// letters are lowercased and other bytes become blanks. Off by default,
	// so that MARCXML carries records unchanged; real files hold local
	// fields with capital indicators (949 ind2 "L" in uva_001_2000.mrc).
	SchemaValid bool

	w       *bufio.Writer
	buf     []byte
	conv    []byte
	dec     marc8.Decoder
	started bool
	closed  bool
}

// NewEncoder returns an Encoder writing to w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: bufio.NewWriterSize(w, 256<<10)} }

// Encode writes one record.
func (e *Encoder) Encode(r view.Record) error {
	if !e.started {
		e.started = true
		if _, err := e.w.WriteString(header); err != nil {
			return err
		}
	}
	if l := r.Leader(); !l.IsUnicode() {
		var err error
		r, e.conv, err = e.dec.UTF8(e.conv, r)
		if err != nil {
			return err
		}
	}
	e.buf = appendRecord(e.buf[:0], r, e.SchemaValid)
	_, err := e.w.Write(e.buf)
	return err
}

// Close writes the end of the collection and flushes. It does not close
// the underlying writer.
func (e *Encoder) Close() error {
	if e.closed {
		return nil
	}
	e.closed = true
	if !e.started {
		if _, err := e.w.WriteString(header); err != nil {
			return err
		}
	}
	if _, err := e.w.WriteString(footer); err != nil {
		return err
	}
	return e.w.Flush()
}
