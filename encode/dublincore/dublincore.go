package dublincore

import (
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/xmltext"
	"github.com/marcmap/marcmap/view"
)

// Options configure Dublin Core output. The zero value is the default.
type Options struct {
	// Strict makes a MARC-8 record that cannot be decoded an error
	// wrapping view.ErrCharset (by default what cannot be decoded becomes
	// U+FFFD).
	Strict bool
}

const header = `<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dcCollection xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
`

const footer = "</oai_dc:dcCollection>\n"

// Append appends r as one <oai_dc:dc> element with the default options.
func Append(dst []byte, r view.Record) ([]byte, error) { return Options{}.Append(dst, r) }

// Append appends r as one <oai_dc:dc> element, as MARC21slim2OAIDC.xsl
// makes it. A MARC-8 record is converted to UTF-8 first.
func (o Options) Append(dst []byte, r view.Record) ([]byte, error) {
	if l := r.Leader(); l.IsUnicode() {
		return appendRecord(dst, r), nil
	}
	err := iso2709.WithUTF8(r, o.Strict, func(u view.Record) { dst = appendRecord(dst, u) })
	return dst, err
}

// AppendHeader appends the XML declaration and the <oai_dc:dcCollection>
// start tag.
func (Options) AppendHeader(dst []byte) []byte { return append(dst, header...) }

// AppendFooter appends the </oai_dc:dcCollection> end tag.
func (Options) AppendFooter(dst []byte) []byte { return append(dst, footer...) }

// Separator returns "".
func (Options) Separator() string { return "" }

// Encoder writes an <oai_dc:dcCollection>: see [NewEncoder].
type Encoder = encode.Encoder

// NewEncoder returns an Encoder writing a Dublin Core collection to w.
func NewEncoder(w io.Writer, o Options) *Encoder { return encode.NewEncoder(w, o) }

// element appends <dc:NAME>text</dc:NAME>, or <dc:NAME/> for no text, as
// the stylesheet writes an element whose content is empty.
func element(dst []byte, name string, text ...[]byte) []byte {
	dst = append(dst, "    <dc:"...)
	dst = append(dst, name...)
	empty := true
	for _, t := range text {
		empty = empty && len(t) == 0
	}
	if empty {
		return append(dst, "/>\n"...)
	}
	dst = append(dst, '>')
	for _, t := range text {
		dst = xmltext.Append(dst, t)
	}
	dst = append(dst, "</dc:"...)
	dst = append(dst, name...)
	return append(dst, ">\n"...)
}

// content says how an element's text comes from a field.
type content struct {
	codes  string // subfieldSelect of these codes, or
	first  byte   // the first value of this code, or (both zero) the field's text
	prefix string // written before the first value
}

// fieldElement appends one element with text from field f as c says, or
// an empty element when there is none.
func fieldElement(dst []byte, name, attrs string, f view.Field, c content) []byte {
	dst = append(dst, "    <dc:"...)
	dst = append(dst, name...)
	dst = append(dst, attrs...)
	start := len(dst)
	dst = append(dst, '>')
	textStart := len(dst)
	switch {
	case c.codes != "":
		dst = subfieldSelect(dst, f, c.codes)
	case c.first != 0:
		dst = append(dst, c.prefix...)
		dst = firstSub(dst, f, c.first)
	default:
		dst = fieldText(dst, f)
	}
	if len(dst) == textStart {
		return append(dst[:start], "/>\n"...)
	}
	dst = append(dst, "</dc:"...)
	dst = append(dst, name...)
	return append(dst, ">\n"...)
}

// subfieldSelect appends the values of the subfields whose code is one of
// codes, in field order, separated by a space (MARC21slimUtils.xsl's
// subfieldSelect), escaped.
func subfieldSelect(dst []byte, f view.Field, codes string) []byte {
	first := true
	for code, v := range f.Subfields() {
		if code == 0 || strings.IndexByte(codes, code) < 0 {
			continue
		}
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		dst = xmltext.Append(dst, v)
	}
	return dst
}

// fieldText appends the field's text as xsl:value-of "." gives it: every
// subfield's value, here separated by a space (the stylesheet joins the
// text nodes, which in indented MARCXML carry the line breaks between
// subfields).
func fieldText(dst []byte, f view.Field) []byte {
	first := true
	for code, v := range f.Subfields() {
		if code == 0 && len(v) == 0 {
			continue
		}
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		dst = xmltext.Append(dst, v)
	}
	return dst
}

// firstSub appends the first value of code in f (xsl:value-of a
// subfield node-set: its first node).
func firstSub(dst []byte, f view.Field, code byte) []byte {
	if v, ok := f.Subfield(code); ok {
		dst = xmltext.Append(dst, v)
	}
	return dst
}

// numTag returns a data field's tag as a number, or -1 when it is not
// three digits (XPath compares @tag as a number).
func numTag(f view.Field) int {
	if f.IsControl() {
		return -1
	}
	t := f.Tag()
	return view.Digits(t[:])
}

// substring returns n characters of p from character from (counting from
// 0), or what there is, as XPath's substring counts: characters, not
// bytes (an 008 with a stray combining mark shifts the positions after it
// by one character where it takes two bytes).
func substring(p []byte, from, n int) []byte {
	i, start := 0, -1
	for pos := 0; pos < len(p); i++ {
		if i == from {
			start = pos
		}
		if i == from+n {
			return p[start:pos]
		}
		if p[pos] < utf8.RuneSelf {
			pos++
		} else {
			_, size := utf8.DecodeRune(p[pos:])
			pos += size
		}
	}
	if i == from+n && start >= 0 {
		return p[start:]
	}
	if start < 0 {
		return nil
	}
	return p[start:]
}

// typeOf is leader/06's dc:type word.
func typeOf(l6 byte) string {
	switch l6 {
	case 'a', 't':
		return "text"
	case 'e', 'f':
		return "cartographic"
	case 'c', 'd':
		return "notated music"
	case 'i', 'j':
		return "sound recording"
	case 'k':
		return "still image"
	case 'g':
		return "moving image"
	case 'r':
		return "three dimensional object"
	case 'm':
		return "software, multimedia"
	case 'p':
		return "mixed material"
	}
	return ""
}

// scratch holds a record's fields and their numeric tags while it is
// written: the stylesheet's for-each selections are passes over them.
type scratch struct {
	fields []view.Field
	nums   []int
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// appendRecord follows the template of MARC21slim2OAIDC.xsl for
// marc:record, element by element, in its order.
func appendRecord(dst []byte, r view.Record) []byte {
	sc := scratchPool.Get().(*scratch)
	sc.fields = r.AppendFields(sc.fields[:0])
	sc.nums = sc.nums[:0]
	for _, f := range sc.fields {
		sc.nums = append(sc.nums, numTag(f))
	}
	dst = sc.appendRecord(dst, r.Leader())
	clear(sc.fields) // keep no record alive from the pool
	scratchPool.Put(sc)
	return dst
}

func (sc *scratch) appendRecord(dst []byte, l view.Leader) []byte {
	dst = append(dst, "  <oai_dc:dc>\n"...)
	dst = sc.pass(dst, "title", "", content{codes: "abfghk"}, 245)
	dst = sc.pass(dst, "creator", "", content{}, 100, 110, 111, 700, 710, 711, 720)
	var typ [48]byte
	t := typ[:0]
	if l[7] == 'c' {
		t = append(t, "collection"...)
	}
	if l[6] == 'd' || l[6] == 'f' || l[6] == 'p' || l[6] == 't' {
		t = append(t, "manuscript"...)
	}
	t = append(t, typeOf(l[6])...)
	dst = element(dst, "type", t)
	dst = sc.pass(dst, "type", "", content{}, 655)
	dst = sc.pass(dst, "publisher", "", content{codes: "ab"}, 260)
	for i, n := range sc.nums {
		if n == 260 {
			for v := range sc.fields[i].Values("c") {
				dst = element(dst, "date", v)
			}
		}
	}
	var lang []byte
	for _, f := range sc.fields {
		if t := f.Tag(); f.IsControl() && t.Is("008") {
			lang = substring(f.Data(), 35, 3)
			break
		}
	}
	dst = element(dst, "language", lang)
	for i, n := range sc.nums {
		if n >= 500 && n <= 599 && n != 506 && n != 530 && n != 540 && n != 546 {
			dst = fieldElement(dst, "description", "", sc.fields[i], content{first: 'a'})
		}
	}
	for _, tag := range [...]int{600, 610, 611, 630, 650, 653} {
		dst = sc.pass(dst, "subject", "", content{codes: "abcdq"}, tag)
	}
	dst = sc.pass(dst, "coverage", "", content{codes: "abcdefgh"}, 662)
	dst = sc.pass(dst, "coverage", "", content{codes: "adcdfgh"}, 752)
	dst = sc.pass(dst, "relation", ` type="original"`, content{codes: "abcdu"}, 530)
	for i, n := range sc.nums {
		switch n {
		case 760, 762, 765, 767, 770, 772, 773, 774, 775, 776, 777, 780, 785, 786, 787:
			dst = fieldElement(dst, "relation", "", sc.fields[i], content{codes: "ot"})
		}
	}
	dst = sc.pass(dst, "identifier", "", content{first: 'u'}, 856)
	dst = sc.pass(dst, "identifier", "", content{first: 'a', prefix: "URN:ISBN:"}, 20)
	dst = sc.pass(dst, "rights", "", content{first: 'a'}, 506)
	dst = sc.pass(dst, "rights", "", content{first: 'a'}, 540)
	return append(dst, "  </oai_dc:dc>\n"...)
}

// pass appends an element for each data field with one of the tags, in
// record order (an XPath union of datafield[@tag=N] selections).
func (sc *scratch) pass(dst []byte, name, attrs string, c content, tags ...int) []byte {
	for i, n := range sc.nums {
		for _, t := range tags {
			if n == t {
				dst = fieldElement(dst, name, attrs, sc.fields[i], c)
				break
			}
		}
	}
	return dst
}
