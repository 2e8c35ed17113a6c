package holdings

import (
	"bytes"
	"iter"

	"github.com/marcmap/marcmap/view"
)

// Locations iterates over the location fields (852): $a institution, $b
// sublocation, $h/$i call number ...
func Locations(r view.Record) iter.Seq[view.Field] { return r.FieldsByTag("852") }

// Textual iterates over the textual holdings (866 basic bibliographic
// unit, 867 supplements, 868 indexes), whose $a is the statement as
// written ("v.1-v.20 (1950-1969)").
func Textual(r view.Record) iter.Seq[view.Field] {
	return func(yield func(view.Field) bool) {
		for f := range r.Fields() {
			if t := f.Tag(); (t.Is("866") || t.Is("867") || t.Is("868")) && !yield(f) {
				return
			}
		}
	}
}

// Enumeration is one 863, 864 or 865 (enumeration and chronology) with
// the 853, 854 or 855 (captions and pattern) its $8 links it to.
type Enumeration struct {
	Caption view.Field // the zero Field when no caption has the link number
	Values  view.Field
}

// link returns the link number of $8 ("1" of "1.3"), or nil.
func link(f view.Field) []byte {
	v, ok := f.Subfield('8')
	if !ok {
		return nil
	}
	if i := bytes.IndexByte(v, '.'); i >= 0 {
		v = v[:i]
	}
	return v
}

// Enumerations iterates over the enumeration fields (863-865) in record
// order, each with its caption field: the 853 for an 863, 854 for 864,
// 855 for 865, whose $8 has the same link number (the part of $8 before
// the '.'). It does not allocate.
func Enumerations(r view.Record) iter.Seq[Enumeration] {
	return func(yield func(Enumeration) bool) {
		for f := range r.Fields() {
			t := f.Tag()
			if t[0] != '8' || t[1] != '6' || t[2] < '3' || t[2] > '5' {
				continue
			}
			e := Enumeration{Values: f}
			l := link(f)
			for c := range r.Fields() {
				ct := c.Tag()
				if ct[0] == '8' && ct[1] == '5' && ct[2] == t[2] && len(l) > 0 && bytes.Equal(link(c), l) {
					e.Caption = c
					break
				}
			}
			if !yield(e) {
				return
			}
		}
	}
}

// AppendDisplay appends the enumeration as a holdings statement to dst:
// each enumeration level ($a-$h) as its caption then its value, joined by
// ':', then the chronology ($i-$m) in parentheses joined by ':', as
// "v.3-18:no.1-2 (1975-1990)". A caption in parentheses ("(year)") is a
// label not printed. Without a caption field the values are printed bare.
func (e Enumeration) AppendDisplay(dst []byte) []byte {
	first := true
	for code, v := range e.Values.Subfields() {
		if code < 'a' || code > 'h' {
			continue
		}
		if !first {
			dst = append(dst, ':')
		}
		first = false
		dst = appendCaption(dst, e.Caption, code)
		dst = append(dst, v...)
	}
	open := false
	for code, v := range e.Values.Subfields() {
		if code < 'i' || code > 'm' {
			continue
		}
		if !open {
			if !first {
				dst = append(dst, ' ')
			}
			dst = append(dst, '(')
			open = true
		} else {
			dst = append(dst, ':')
		}
		dst = appendCaption(dst, e.Caption, code)
		dst = append(dst, v...)
	}
	if open {
		dst = append(dst, ')')
	}
	return dst
}

func appendCaption(dst []byte, caption view.Field, code byte) []byte {
	c, ok := caption.Subfield(code)
	if !ok || len(c) > 0 && c[0] == '(' {
		return dst
	}
	return append(dst, c...)
}
