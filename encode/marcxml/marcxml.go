package marcxml

import (
	"io"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/xmltext"
	"github.com/marcmap/marcmap/view"
)

// Namespace is the MARCXML namespace.
const Namespace = "http://www.loc.gov/MARC21/slim"

const (
	header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"" + Namespace + "\">\n"
	footer = "</collection>\n"
)

// Options configure MARCXML reading and writing. The zero value is the
// default.
type Options struct {
	// Strict, when writing, makes a MARC-8 record that cannot be decoded an
	// error wrapping view.ErrCharset (by default what cannot be decoded
	// becomes U+FFFD); when reading, it makes the first bad record stop the
	// Reader.
	Strict bool
	// SchemaValid makes indicators fit MARC21slim.xsd ([0-9a-z ]): capital
	// letters are lowercased and other bytes become blanks; and the leader
	// too: 10-11 "22", 20-23 "4500", other bytes the schema does not allow
	// blank (leader/06 excepted: it must be a letter or digit and nothing
	// can be made up for it). Off by default,
	// so that MARCXML carries records unchanged; real files hold local
	// fields with capital indicators (949 ind2 "L" in uva_001_2000.mrc).
	SchemaValid bool
}

// Append appends r as a MARCXML <record> element with the default options;
// see [Options.Append].
func Append(dst []byte, r view.Record) ([]byte, error) { return Options{}.Append(dst, r) }

// Append appends r as a MARCXML <record> element (with a trailing newline)
// to dst. A MARC-8 record is converted to UTF-8 first. It does not
// allocate for a UTF-8 record when dst has room.
func (o Options) Append(dst []byte, r view.Record) ([]byte, error) {
	if l := r.Leader(); l.IsUnicode() {
		return appendRecord(dst, r, o.SchemaValid), nil
	}
	err := iso2709.WithUTF8(r, o.Strict, func(u view.Record) { dst = appendRecord(dst, u, o.SchemaValid) })
	return dst, err
}

// AppendHeader appends the XML declaration and the <collection> start tag.
func (Options) AppendHeader(dst []byte) []byte { return append(dst, header...) }

// AppendFooter appends the </collection> end tag.
func (Options) AppendFooter(dst []byte) []byte { return append(dst, footer...) }

// Separator returns "": each <record> ends with a newline.
func (Options) Separator() string { return "" }

// schemaLeader fits a leader to MARC21slim.xsd's pattern where it does not:
// 10-11 become "22" and 20-23 "4500" (blanks there are allowed), a byte
// that is neither a letter, a digit nor a blank becomes a blank where the
// schema allows one. Leader/06, which the schema requires to be a letter or
// digit, is left as it is: no value can be made up for it.
func schemaLeader(l *view.Leader) {
	alnum := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
	for i, c := range l {
		switch {
		case i == 10 || i == 11:
			if c != '2' && c != ' ' {
				l[i] = '2'
			}
		case i >= 20:
		case i < 5 || i >= 12 && i < 17:
			if (c < '0' || c > '9') && c != ' ' {
				l[i] = ' '
			}
		case i != 6:
			if !alnum(c) && c != ' ' {
				l[i] = ' '
			}
		}
	}
	if s := string(l[20:24]); s != "4500" && s != "    " {
		copy(l[20:], "4500")
	}
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
	if valid {
		schemaLeader(&l)
	}
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
func appendText(dst, p []byte) []byte { return xmltext.Append(dst, p) }

// Encoder writes a MARCXML <collection> document: see [NewEncoder].
type Encoder = encode.Encoder

// NewEncoder returns an Encoder writing a <collection> document to w. The
// header is written with the first record (or by Close, for an empty
// collection), the footer by Close.
func NewEncoder(w io.Writer, o Options) *Encoder { return encode.NewEncoder(w, o) }
