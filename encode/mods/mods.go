package mods

import (
	"io"
	"strconv"
	"sync"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

// Options configure MODS output. The zero value is the default.
type Options struct {
	// Strict makes a MARC-8 record that cannot be decoded an error
	// wrapping view.ErrCharset (by default what cannot be decoded becomes
	// U+FFFD).
	Strict bool
}

const header = `<?xml version="1.0" encoding="UTF-8"?>
<modsCollection xmlns="http://www.loc.gov/mods/v3" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/mods/v3 http://www.loc.gov/standards/mods/v3/mods-3-7.xsd">`

const footer = "\n</modsCollection>\n"

// Append appends r as one <mods> element with the default options.
func Append(dst []byte, r view.Record) ([]byte, error) { return Options{}.Append(dst, r) }

// Append appends r as one <mods> element, as MARC21slim2MODS3-7.xsl makes
// it (see the package documentation for the sections done). A MARC-8
// record is converted to UTF-8 first.
func (o Options) Append(dst []byte, r view.Record) ([]byte, error) {
	if l := r.Leader(); l.IsUnicode() {
		return appendRecord(dst, r), nil
	}
	err := iso2709.WithUTF8(r, o.Strict, func(u view.Record) { dst = appendRecord(dst, u) })
	return dst, err
}

// AppendHeader appends the XML declaration and the <modsCollection> start
// tag.
func (Options) AppendHeader(dst []byte) []byte { return append(dst, header...) }

// AppendFooter appends the </modsCollection> end tag.
func (Options) AppendFooter(dst []byte) []byte { return append(dst, footer...) }

// Separator returns "".
func (Options) Separator() string { return "" }

// Encoder writes a <modsCollection>: see [NewEncoder].
type Encoder = encode.Encoder

// NewEncoder returns an Encoder writing a MODS collection to w.
func NewEncoder(w io.Writer, o Options) *Encoder { return encode.NewEncoder(w, o) }

// rec is one record as the stylesheet sees it, with the writer.
type rec struct {
	w      writer
	leader view.Leader
	fields []view.Field
	f008   string // the first 008, "" when none

	members []view.Field // linkedGroups' buffer

	// tags[i] is field i's tag as a number (-1 for a control field or a
	// tag that is not three digits), links[i] the tag an 880's $6 links
	// it to (-1 for others); seen has bit t set when some field has tag t
	// or links to it.
	tags, links []int
	seen        [16]uint64
	f007        [][]byte // the 007s' data
}

var recPool = sync.Pool{New: func() any { return new(rec) }}

func appendRecord(dst []byte, r view.Record) []byte {
	x := recPool.Get().(*rec)
	x.w = writer{b: dst, stack: x.w.stack[:0], attrs: x.w.attrs[:0]}
	x.leader = r.Leader()
	x.fields = r.AppendFields(x.fields[:0])
	x.f008 = ""
	x.tags, x.links, x.f007 = x.tags[:0], x.links[:0], x.f007[:0]
	x.seen = [16]uint64{}
	for _, f := range x.fields {
		tag := f.Tag()
		if f.IsControl() {
			if x.f008 == "" && tag.Is("008") {
				x.f008 = string(f.Data())
			} else if tag.Is("007") {
				x.f007 = append(x.f007, f.Data())
			}
			x.tags, x.links = append(x.tags, -1), append(x.links, -1)
			continue
		}
		t, l := view.Digits(tag[:]), -1
		if t == 880 {
			l = linkedTag(f)
		}
		x.tags, x.links = append(x.tags, t), append(x.links, l)
		for _, n := range [2]int{t, l} {
			if n >= 0 && n < 1000 {
				x.seen[n>>6] |= 1 << (n & 63)
			}
		}
	}
	x.w.start("mods")
	x.w.attr("version", "3.7")
	x.titleInfo()
	x.names()
	x.typeOfResource()
	x.genres()
	x.originInfos()
	x.language()
	x.physicalDescriptions()
	x.abstracts()
	x.notes()
	x.subjects()
	x.classifications()
	x.locations()
	x.relatedItems()
	x.identifiers()
	x.relatedItems856()
	x.recordInfo()
	x.w.end()
	dst = x.w.b
	x.w.b = nil
	clear(x.fields)
	clear(x.members)
	clear(x.f007)
	recPool.Put(x)
	return dst
}

// isTag reports whether f is a data field with tag t (XPath
// datafield[@tag=N], compared as a number).
func isTag(f view.Field, t int) bool {
	if f.IsControl() {
		return false
	}
	tag := f.Tag()
	return view.Digits(tag[:]) == t
}

// linked reports whether f is an 880 whose first $6 starts with the tag
// t (three digits).
func linked(f view.Field, t int) bool {
	if !isTag(f, 880) {
		return false
	}
	v, ok := f.Subfield('6')
	if !ok || len(v) < 3 {
		return false
	}
	return view.Digits(v[:3]) == t
}

// selectTag calls fn for every data field with tag t and every 880
// linked to t, in record order (an XPath union), with its index.
func (x *rec) selectTag(t int, fn func(i int, f view.Field)) {
	if !x.has(t) {
		return
	}
	for i, f := range x.fields {
		if x.tags[i] == t || x.links[i] == t {
			fn(i, f)
		}
	}
}

// has reports whether some field has tag t or is an 880 linked to t.
func (x *rec) has(t int) bool {
	return t >= 0 && t < 1000 && x.seen[t>>6]&(1<<(t&63)) != 0
}

// anyIndex reports whether some field satisfies ok, given its index.
func (x *rec) anyIndex(ok func(i int, f view.Field) bool) bool {
	for i, f := range x.fields {
		if ok(i, f) {
			return true
		}
	}
	return false
}

// any reports whether the record has a data field that satisfies ok.
func (x *rec) any(ok func(f view.Field) bool) bool {
	for _, f := range x.fields {
		if ok(f) {
			return true
		}
	}
	return false
}

// nameTitleGroup writes the nameTitleGroup attribute of field i as the
// stylesheet's template of that name decides.
func (x *rec) nameTitleGroup(i int) {
	f := x.fields[i]
	oneOf := func(f view.Field, tags ...int) bool {
		for _, t := range tags {
			if isTag(f, t) {
				return true
			}
		}
		return false
	}
	linkedOneOf := func(f view.Field, tags ...int) bool {
		for _, t := range tags {
			if linked(f, t) {
				return true
			}
		}
		return false
	}
	counted := func() string {
		n := 0
		for _, p := range x.fields[:i] {
			if oneOf(p, 700, 710, 711, 880) {
				n++
			}
		}
		return strconv.Itoa(n + 2)
	}
	switch {
	case isTag(f, 240):
		if x.any(func(g view.Field) bool { return oneOf(g, 100, 110, 111) }) {
			x.w.attr("nameTitleGroup", "1")
		}
	case linked(f, 240):
		if x.any(func(g view.Field) bool { return linkedOneOf(g, 100, 110, 111) }) {
			x.w.attr("nameTitleGroup", counted())
		}
	case oneOf(f, 100, 110, 111):
		if x.any(func(g view.Field) bool { return isTag(g, 240) }) {
			x.w.attr("nameTitleGroup", "1")
		}
	case linkedOneOf(f, 100, 110, 111):
		if x.any(func(g view.Field) bool { return linked(g, 240) }) {
			x.w.attr("nameTitleGroup", counted())
		}
	case oneOf(f, 700, 710, 711):
		if has(f, 't') {
			x.w.attr("nameTitleGroup", counted())
		}
	case linkedOneOf(f, 700, 710, 711) && !has(f, 't'):
	default:
		x.w.attr("nameTitleGroup", counted())
	}
}

// xxx880 writes altRepGroup and script for a field with $6 (the
// stylesheet's xxx880 and scriptCode templates).
func (x *rec) xxx880(f view.Field) {
	v, ok := f.Subfield('6')
	if !ok {
		return
	}
	sf06 := normalizeSpace(string(v))
	if g := substr(sf06, 5, 2); g != "00" {
		x.w.attr("altRepGroup", g)
	}
	x.w.attr("script", scriptName(substr(sf06, 8, 2)))
}

func scriptName(code string) string {
	switch code {
	case "", "(B", "!E":
		return "Latn"
	case "(3", "(4":
		return "Arab"
	case "$1":
		return "CJK"
	case "(N", "(Q":
		return "Cyrl"
	case "(2":
		return "Hebr"
	case "(S":
		return "Grek"
	}
	return ""
}

// indNumber is an indicator compared as an XPath number: its digit value,
// or -1 for anything else (NaN compares false).
func indNumber(c byte) int {
	if c >= '0' && c <= '9' {
		return int(c - '0')
	}
	return -1
}
