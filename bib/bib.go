package bib

import (
	"iter"
	"strings"

	"github.com/marcmap/marcmap/view"
)

// first returns the first field with one of the tags, trying the tags in
// the order given (pymarc's `get("100") or get("110")`): a 110 is taken
// only when there is no 100 at all.
func first(r view.Record, tags ...string) (view.Field, bool) {
	for _, t := range tags {
		if f, ok := r.Field(t); ok {
			return f, true
		}
	}
	return view.Field{}, false
}

// sub returns the first value of code in f, and whether there is one.
func sub(f view.Field, code byte) (string, bool) {
	v, ok := f.Subfield(code)
	return string(v), ok
}

// titleOf joins the first $a and, when there is one, the first $b of the
// first field with tag, with a space.
func titleOf(r view.Record, tag string) string {
	f, ok := r.Field(tag)
	if !ok {
		return ""
	}
	a, _ := sub(f, 'a')
	if a == "" {
		return ""
	}
	if b, _ := sub(f, 'b'); b != "" {
		return a + " " + b
	}
	return a
}

// Title returns the title as pymarc's Record.title: the first 245's first
// $a, and its first $b after a space when there is one; "" when there is
// no 245 or no $a. ISBD punctuation is kept ("Moby Dick : or, The whale
// /"); see TrimPunct.
func Title(r view.Record) string { return titleOf(r, "245") }

// ISSNTitle returns the key title as pymarc's issn_title: 222 $a and $b,
// as Title does for 245.
func ISSNTitle(r view.Record) string { return titleOf(r, "222") }

// isbnPart returns pymarc's reading of an 020 $a: the first run of digits,
// hyphens and x/X, hyphens removed ("0-19-852663-6 (pbk.)" gives
// "0198526636"), or "".
func isbnPart(v []byte) string {
	i := 0
	for i < len(v) && !isISBNByte(v[i]) {
		i++
	}
	j := i
	for j < len(v) && isISBNByte(v[j]) {
		j++
	}
	return strings.ReplaceAll(string(v[i:j]), "-", "")
}

func isISBNByte(c byte) bool { return c >= '0' && c <= '9' || c == '-' || c == 'x' || c == 'X' }

// ISBN returns the ISBN as pymarc's Record.isbn: from the first 020's
// first $a, the first run of digits, hyphens and x/X with the hyphens
// removed; "" when there is none. An 020 with only $z (a cancelled ISBN)
// gives "".
func ISBN(r view.Record) string {
	f, ok := r.Field("020")
	if !ok {
		return ""
	}
	v, ok := f.Subfield('a')
	if !ok {
		return ""
	}
	return isbnPart(v)
}

// ISBNs returns every ISBN of the record, read from each 020 $a as ISBN
// reads the first (pymarc has no such accessor; cancelled ISBNs in $z are
// left out), in record order, without duplicates removed.
func ISBNs(r view.Record) []string {
	var out []string
	for f := range r.FieldsByTag("020") {
		for v := range f.Values("a") {
			if s := isbnPart(v); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// ISSN returns the first 022's first $a, as pymarc's Record.issn.
func ISSN(r view.Record) string {
	if f, ok := r.Field("022"); ok {
		s, _ := sub(f, 'a')
		return s
	}
	return ""
}

// ISSNL returns the first 022's first $l (the linking ISSN), as pymarc's
// Record.issnl.
func ISSNL(r view.Record) string {
	if f, ok := r.Field("022"); ok {
		s, _ := sub(f, 'l')
		return s
	}
	return ""
}

// SuDoc returns the first 086 (Government Document Classification
// Number) as pymarc's Record.sudoc: view.Field.Format of it.
func SuDoc(r view.Record) string {
	if f, ok := r.Field("086"); ok {
		return f.Format()
	}
	return ""
}

// Author returns the main entry as pymarc's Record.author: the first 100,
// or if there is none the first 110, or else the first 111, formatted by
// view.Field.Format (subfields joined by a space, $6 left out).
func Author(r view.Record) string {
	if f, ok := first(r, "100", "110", "111"); ok {
		return f.Format()
	}
	return ""
}

// UniformTitle returns the first 130, or else the first 240, formatted,
// as pymarc's Record.uniformtitle.
func UniformTitle(r view.Record) string {
	if f, ok := first(r, "130", "240"); ok {
		return f.Format()
	}
	return ""
}

// pubField returns the value of code from the field pymarc takes the
// publisher and year from: the first, in record order, of a 260 (any
// indicators) or a 264 with second indicator '1' (publication). A 260
// without the subfield still ends the search, as in pymarc.
func pubField(r view.Record, code byte) string {
	for f := range r.Fields() {
		t := f.Tag()
		if t.Is("260") || t.Is("264") && f.Ind2() == '1' {
			s, _ := sub(f, code)
			return s
		}
	}
	return ""
}

// Publisher returns the first $b of the first 260, or 264 with second
// indicator 1, as pymarc's Record.publisher ("Harper & Brothers ;").
func Publisher(r view.Record) string { return pubField(r, 'b') }

// PubYear returns the first $c of the same field as Publisher, as pymarc's
// Record.pubyear: the text as written ("c1851.", "[1985?]"), not a number.
func PubYear(r view.Record) string { return pubField(r, 'c') }

// tagSet is a set of numeric tags.
type tagSet [1000/64 + 1]uint64

func newTagSet(tags ...string) *tagSet {
	var s tagSet
	for _, t := range tags {
		n := view.Digits([]byte(t))
		s[n/64] |= 1 << (n % 64)
	}
	return &s
}

func (s *tagSet) has(t view.Tag) bool {
	n := view.Digits(t[:])
	return n >= 0 && s[n/64]&(1<<(n%64)) != 0
}

func (s *tagSet) fields(r view.Record) iter.Seq[view.Field] {
	return func(yield func(view.Field) bool) {
		for f := range r.Fields() {
			if s.has(f.Tag()) && !yield(f) {
				return
			}
		}
	}
}

var (
	seriesTags   = newTagSet("440", "490", "800", "810", "811", "830")
	subjectTags  = newTagSet("600", "610", "611", "630", "648", "650", "651", "653", "654", "655", "656", "657", "658", "662", "690", "691", "696", "697", "698", "699")
	addedTags    = newTagSet("700", "710", "711", "720", "730", "740", "752", "753", "754", "790", "791", "792", "793", "796", "797", "798", "799")
	locationTags = newTagSet("852")
	physicalTags = newTagSet("300")
	noteTags     = newTagSet("500", "501", "502", "504", "505", "506", "507", "508", "510", "511", "513", "514", "515", "516", "518", "520",
		"521", "522", "524", "525", "526", "530", "533", "534", "535", "536", "538", "540", "541", "544", "545", "546", "547",
		"550", "552", "555", "556", "561", "562", "563", "565", "567", "580", "581", "583", "584", "585", "586", "590", "591",
		"592", "593", "594", "595", "596", "597", "598", "599")
)

// Series iterates over the series fields as pymarc's Record.series: 440,
// 490, 800, 810, 811 and 830, in record order.
func Series(r view.Record) iter.Seq[view.Field] { return seriesTags.fields(r) }

// Subjects iterates over the subject fields as pymarc's Record.subjects:
// 600, 610, 611, 630, 648, 650, 651, 653-658, 662, 690, 691 and 696-699,
// in record order. view.Field.Format gives pymarc's "Whaling -- Fiction."
func Subjects(r view.Record) iter.Seq[view.Field] { return subjectTags.fields(r) }

// AddedEntries iterates over the added entries as pymarc's
// Record.addedentries: 700, 710, 711, 720, 730, 740, 752-754, 790-793
// and 796-799, in record order.
func AddedEntries(r view.Record) iter.Seq[view.Field] { return addedTags.fields(r) }

// Notes iterates over the note fields as pymarc's Record.notes: the 5XX
// fields of its list (500-599 but 503, 509, 512, 517, 519, 523, 527-529,
// 531, 532, 537, 539, 542, 543, 548, 549, 551, 553, 554, 557-560, 564,
// 566, 568-579, 582, 587-589), in record order.
func Notes(r view.Record) iter.Seq[view.Field] { return noteTags.fields(r) }

// PhysicalDescription iterates over the 300 fields, as pymarc's
// Record.physicaldescription.
func PhysicalDescription(r view.Record) iter.Seq[view.Field] { return physicalTags.fields(r) }

// Location iterates over the 852 fields (location), as pymarc's
// Record.location.
func Location(r view.Record) iter.Seq[view.Field] { return locationTags.fields(r) }

// TrimPunct trims the ISBD punctuation that ends a MARC value — any run
// of blanks, '/', ':', ';', ',' and '=' at the end, then a final '.' and
// what precedes it of that run — as cataloguers' display code does;
// pymarc's accessors do not trim (Title gives "Moby Dick /"). A period
// after a single capital letter (an initial, "Herman M.") or after "etc"
// is kept. A URL ending in '/' loses it: trim only text.
func TrimPunct(s string) string {
	s = strings.TrimRight(s, " /:;,=")
	if strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "etc.") {
		body := s[:len(s)-1]
		if n := len(body); !(n >= 1 && body[n-1] >= 'A' && body[n-1] <= 'Z' && (n == 1 || body[n-2] == ' ' || body[n-2] == '.')) {
			s = strings.TrimRight(body, " /:;,=")
		}
	}
	return s
}
