package mrk

import (
	"io"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

// Options configure MARCMaker reading and writing. The zero value is the
// default.
type Options struct {
	// Strict, when writing, makes a MARC-8 record that cannot be decoded an
	// error wrapping view.ErrCharset (by default what cannot be decoded
	// becomes U+FFFD); when reading, it makes the first bad record stop the
	// Reader.
	Strict bool
	// Raw writes MARC-8 records as MARC-8 instead of converting them to
	// UTF-8, the way MARCBreaker does: every byte outside printable ASCII
	// as its mnemonic ({acute}, {esc}, or {XX} in hex), so the text is
	// ASCII and reads back to the same bytes.
	Raw bool
}

// Append appends r as MARCMaker text, ending with a blank line, with the
// default options; see [Options.Append].
func Append(dst []byte, r view.Record) ([]byte, error) { return Options{}.Append(dst, r) }

// Append appends r as MARCMaker text, ending with a blank line. A MARC-8
// record is converted to UTF-8 first unless Raw is set.
func (o Options) Append(dst []byte, r view.Record) ([]byte, error) {
	if l := r.Leader(); l.IsUnicode() || o.Raw {
		return appendRecord(dst, r, !l.IsUnicode()), nil
	}
	err := iso2709.WithUTF8(r, o.Strict, func(u view.Record) { dst = appendRecord(dst, u, false) })
	return dst, err
}

// AppendHeader returns dst: MARCMaker text has no header.
func (Options) AppendHeader(dst []byte) []byte { return dst }

// AppendFooter returns dst: MARCMaker text has no footer.
func (Options) AppendFooter(dst []byte) []byte { return dst }

// Separator returns "": each record ends with a blank line.
func (Options) Separator() string { return "" }

// appendRecord writes r; mnem writes bytes outside printable ASCII as
// mnemonics (a MARC-8 record written Raw).
func appendRecord(dst []byte, r view.Record, mnem bool) []byte {
	l := r.Leader()
	dst = append(dst, "=LDR  "...)
	dst = appendFixed(dst, l[:], false)
	dst = append(dst, '\n')
	for f := range r.Fields() {
		dst = appendField(dst, f, mnem)
		dst = append(dst, '\n')
	}
	return append(dst, '\n')
}

// AppendField appends one field as the line Append writes for it, without
// the line break: "=245  10$aTitle", with '$', '{', '}' and '\' in the
// data written as {dollar}, {lcub}, {rcub} and {bsol} (f in UTF-8).
func AppendField(dst []byte, f view.Field) []byte { return appendField(dst, f, false) }

func appendField(dst []byte, f view.Field, mnem bool) []byte {
	tag := f.Tag()
	dst = append(dst, '=')
	dst = append(dst, tag[:]...)
	dst = append(dst, ' ', ' ')
	if f.IsControl() {
		return appendFixed(dst, f.Data(), mnem)
	}
	dst = appendFixed(dst, []byte{f.Ind1(), f.Ind2()}, mnem)
	for code, v := range f.Subfields() {
		if code != 0 || len(v) == 0 {
			dst = append(dst, '$')
			if code != 0 {
				dst = appendText(dst, []byte{code}, mnem)
			}
		}
		dst = appendText(dst, v, mnem)
	}
	return dst
}

// appendFixed writes leader, control field or indicator text: blanks as '\'.
func appendFixed(dst, p []byte, mnem bool) []byte {
	for _, c := range p {
		if mnem && (c < 0x1D || c >= 0x7F) && c != '\n' && c != '\r' {
			dst = append(dst, marc8Mnemonic[c]...)
			continue
		}
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
		case '\n':
			dst = append(dst, "{x0A}"...)
		case '\r':
			dst = append(dst, "{x0D}"...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// appendText writes subfield text. A '\' is written {bsol}, which
// MARCMaker-compatible readers read back as '\' where a bare one may mean
// a blank; a line feed or carriage return, which would end the line, is
// written {x0A} or {x0D} (marcmap's reader decodes these; other readers
// keep them as text).
func appendText(dst, p []byte, mnem bool) []byte {
	for {
		var i int
		if mnem {
			i = indexMnemonic(p)
		} else {
			i = indexEscaped(p)
		}
		if i < 0 {
			return append(dst, p...)
		}
		dst = append(dst, p[:i]...)
		switch c := p[i]; c {
		case '$':
			dst = append(dst, "{dollar}"...)
		case '{':
			dst = append(dst, "{lcub}"...)
		case '}':
			dst = append(dst, "{rcub}"...)
		case '\\':
			dst = append(dst, "{bsol}"...)
		case '\n':
			dst = append(dst, "{x0A}"...)
		case '\r':
			dst = append(dst, "{x0D}"...)
		default:
			dst = append(dst, marc8Mnemonic[c]...)
		}
		p = p[i+1:]
	}
}

// escaped marks the bytes appendText writes as mnemonics in UTF-8 text.
var escaped = [256]bool{'$': true, '{': true, '}': true, '\\': true, '\n': true, '\r': true}

// indexEscaped returns the index of the first byte of p that is escaped,
// or -1 (a table, not bytes.IndexAny, which builds its set on every call).
func indexEscaped(p []byte) int {
	for i, c := range p {
		if escaped[c] {
			return i
		}
	}
	return -1
}

// Encoder writes records as MARCMaker text: see [NewEncoder].
type Encoder = encode.Encoder

// NewEncoder returns an Encoder writing MARCMaker text to w.
func NewEncoder(w io.Writer, o Options) *Encoder { return encode.NewEncoder(w, o) }
