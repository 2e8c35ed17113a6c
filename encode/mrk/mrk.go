// Package mrk writes and reads MARCMaker text (.mrk), the line format
// MarcEdit users edit:
//
//	=LDR  00570cam\a2200193\i\4500
//	=001  mm0000001
//	=245  10$aMoby Dick, or, The whale /$cby Herman Melville.
//
// followed by a blank line after each record. Blanks in the leader, in
// control fields and in indicators are written as '\'; the subfield
// delimiter is '$'. As MarcEdit does, a literal '$' is written {dollar},
// '{' and '}' as {lcub} and {rcub}, and a literal '\' where '\' means blank
// (leader, control fields, indicators) as {bsol}. Records in MARC-8 are
// converted to UTF-8 first (package marc8), so output is UTF-8 text (what
// MarcEdit calls .mrk8).
//
// The Reader takes LF or CR/LF line ends, a UTF-8 byte order mark, leaders
// written with spaces or '\', and the mnemonics above; other {name}
// mnemonics (MarcEdit's MARC-8 character names) are kept as text.
package mrk

import (
	"bufio"
	"bytes"
	"io"

	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/view"
)

// Append appends r as MARCMaker text, ending with a blank line.
func Append(dst []byte, r view.Record) ([]byte, error) {
	r, err := marc8.Unicode(r)
	if err != nil {
		return dst, err
	}
	return appendRecord(dst, r), nil
}

func appendRecord(dst []byte, r view.Record) []byte {
	l := r.Leader()
	dst = append(dst, "=LDR  "...)
	dst = appendFixed(dst, l[:])
	dst = append(dst, '\n')
	for f := range r.Fields() {
		tag := f.Tag()
		dst = append(dst, '=')
		dst = append(dst, tag[:]...)
		dst = append(dst, ' ', ' ')
		if f.IsControl() {
			dst = appendFixed(dst, f.Data())
			dst = append(dst, '\n')
			continue
		}
		dst = appendFixed(dst, []byte{f.Ind1(), f.Ind2()})
		for code, v := range f.Subfields() {
			if code != 0 || len(v) == 0 {
				dst = append(dst, '$')
				if code != 0 {
					dst = appendText(dst, []byte{code})
				}
			}
			dst = appendText(dst, v)
		}
		dst = append(dst, '\n')
	}
	return append(dst, '\n')
}

// appendFixed writes leader, control field or indicator text: blanks as '\'.
func appendFixed(dst, p []byte) []byte {
	for _, c := range p {
		switch c {
		case ' ':
			dst = append(dst, '\\')
		case '\\':
			dst = append(dst, "{bsol}"...)
		case '$':
			dst = append(dst, "{dollar}"...)
		case '{':
			dst = append(dst, "{lcub}"...)
		case '}':
			dst = append(dst, "{rcub}"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendText writes subfield text.
func appendText(dst, p []byte) []byte {
	for {
		i := bytes.IndexAny(p, "${}")
		if i < 0 {
			return append(dst, p...)
		}
		dst = append(dst, p[:i]...)
		switch p[i] {
		case '$':
			dst = append(dst, "{dollar}"...)
		case '{':
			dst = append(dst, "{lcub}"...)
		case '}':
			dst = append(dst, "{rcub}"...)
		}
		p = p[i+1:]
	}
}

// Encoder writes records as MARCMaker text.
type Encoder struct {
	w    *bufio.Writer
	buf  []byte
	conv []byte
	dec  marc8.Decoder
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
	e.buf = appendRecord(e.buf[:0], r)
	_, err := e.w.Write(e.buf)
	return err
}

// Close flushes. It does not close the underlying writer.
func (e *Encoder) Close() error { return e.w.Flush() }

// AppendRaw appends r as MARCMaker text without converting MARC-8: the
// field bytes are written as they are.
func AppendRaw(dst []byte, r view.Record) []byte { return appendRecord(dst, r) }
