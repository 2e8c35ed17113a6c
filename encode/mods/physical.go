package mods

import (
	"strings"
	"unicode/utf8"

	"github.com/marcmap/marcmap/view"
)

// forms007 are the form elements the stylesheet's form template makes of
// the 007s, in its order: a category (smd 0) when some 007 starts with
// cat, a specific material designation when some 007 starts with cat
// and smd.
var forms007 = [...]struct {
	cat, smd rune
	form     string
}{
	{'c', 0, "electronic resource"},
	{'c', 'b', "chip cartridge"},
	{'c', 'c', "computer optical disc cartridge"},
	{'c', 'j', "magnetic disc"},
	{'c', 'm', "magneto-optical disc"},
	{'c', 'o', "optical disc"},
	{'c', 'r', "remote"},
	{'c', 'a', "tape cartridge"},
	{'c', 'f', "tape cassette"},
	{'c', 'h', "tape reel"},
	{'d', 0, "globe"},
	{'d', 'a', "celestial globe"},
	{'d', 'e', "earth moon globe"},
	{'d', 'b', "planetary or lunar globe"},
	{'d', 'c', "terrestrial globe"},
	{'o', 0, "kit"},
	{'o', 'o', "kit"},
	{'a', 0, "map"},
	{'a', 'd', "atlas"},
	{'a', 'g', "diagram"},
	{'a', 'j', "map"},
	{'a', 'q', "model"},
	{'a', 'k', "profile"},
	{'a', 'r', "remote-sensing image"},
	{'a', 's', "section"},
	{'a', 'y', "view"},
	{'h', 0, "microform"},
	{'h', 'a', "aperture card"},
	{'h', 'e', "microfiche"},
	{'h', 'f', "microfiche cassette"},
	{'h', 'b', "microfilm cartridge"},
	{'h', 'c', "microfilm cassette"},
	{'h', 'd', "microfilm reel"},
	{'h', 'g', "microopaque"},
	{'m', 0, "motion picture"},
	{'m', 'c', "film cartridge"},
	{'m', 'f', "film cassette"},
	{'m', 'r', "film reel"},
	{'k', 0, "nonprojected graphic"},
	{'k', 'n', "chart"},
	{'k', 'c', "collage"},
	{'k', 'd', "drawing"},
	{'k', 'o', "flash card"},
	{'k', 'e', "painting"},
	{'k', 'f', "photomechanical print"},
	{'k', 'g', "photonegative"},
	{'k', 'h', "photoprint"},
	{'k', 'i', "picture"},
	{'k', 'j', "print"},
	{'k', 'l', "technical drawing"},
	{'q', 0, "notated music"},
	{'q', 'q', "notated music"},
	{'g', 0, "projected graphic"},
	{'g', 'd', "filmslip"},
	{'g', 'c', "filmstrip cartridge"},
	{'g', 'o', "filmstrip roll"},
	{'g', 'f', "other filmstrip type"},
	{'g', 's', "slide"},
	{'g', 't', "transparency"},
	{'r', 0, "remote-sensing image"},
	{'r', 'r', "remote-sensing image"},
	{'s', 0, "sound recording"},
	{'s', 'e', "cylinder"},
	{'s', 'q', "roll"},
	{'s', 'g', "sound cartridge"},
	{'s', 's', "sound cassette"},
	{'s', 'd', "sound disc"},
	{'s', 't', "sound-tape reel"},
	{'s', 'i', "sound-track film"},
	{'s', 'w', "wire recording"},
	{'f', 0, "tactile material"},
	{'f', 'c', "braille"},
	{'f', 'b', "combination"},
	{'f', 'a', "moon"},
	{'f', 'd', "tactile, with no writing system"},
	{'t', 0, "text"},
	{'t', 'c', "braille"},
	{'t', 'b', "large print"},
	{'t', 'a', "regular print"},
	{'t', 'd', "text in looseleaf binder"},
	{'v', 0, "videorecording"},
	{'v', 'c', "videocartridge"},
	{'v', 'f', "videocassette"},
	{'v', 'd', "videodisc"},
	{'v', 'r', "videoreel"},
}

// physTag says what of a field the physicalDescription reads: the $h of
// titles (130, 240, 242, 245, 246, 730), the $a of 256, 337 and 338, the
// $q of 856 (code), or a whole 300 (whole).
func physTag(t int) (code byte, whole, ok bool) {
	switch t {
	case 130, 240, 242, 245, 246, 730:
		return 'h', false, true
	case 256, 337, 338:
		return 'a', false, true
	case 856:
		return 'q', false, true
	case 300:
		return 0, true, true
	}
	return 0, false, false
}

// physField reports whether data field f counts for physicalDescription
// (a 300, or one of the other tags with its subfield), with its code.
func physField(f view.Field) (t int, code byte, ok bool) {
	if f.IsControl() {
		return 0, 0, false
	}
	tag := f.Tag()
	t = view.Digits(tag[:])
	code, whole, ok := physTag(t)
	if !ok {
		return 0, 0, false
	}
	return t, code, whole || has(f, code)
}

// physicalDescriptions writes the physicalDescription elements as the
// stylesheet's marcRecord template does: when some field it reads has a
// $6, one element per such subfield or 300 and one for the fields without
// $6; otherwise one element with everything (if it has any text); then
// one per 880 linked to those fields.
func (x *rec) physicalDescriptions() {
	with6, without6 := false, false
	for _, f := range x.fields {
		if _, _, ok := physField(f); ok {
			if has(f, '6') {
				with6 = true
			} else {
				without6 = true
			}
		}
	}
	if with6 {
		for _, f := range x.fields {
			t, code, ok := physField(f)
			if !ok || !has(f, '6') {
				continue
			}
			if t == 300 {
				x.w.start("physicalDescription")
				x.xxx880(f)
				x.form(false)
				x.extent(f)
				x.w.end()
				continue
			}
			i := 0
			for c, v := range f.Subfields() {
				if c == code {
					x.w.start("physicalDescription")
					x.xxs880(f, i)
					x.form(false)
					x.physSubfield(f, t, v)
					x.w.end()
				}
				i++
			}
		}
		if without6 {
			x.w.start("physicalDescription")
			x.digitalOrigin()
			x.form(true)
			x.reformattingQuality()
			for _, f := range x.fields {
				t, code, ok := physField(f)
				if !ok || has(f, '6') {
					continue
				}
				if t == 300 {
					x.extent(f)
					continue
				}
				// No template matches the field itself: the built-in
				// rule applies templates to its subfields, and those
				// without one have their text copied.
				for c, v := range f.Subfields() {
					if c == code {
						x.physSubfield(f, t, v)
					} else {
						x.w.text(string(v))
					}
				}
			}
			x.w.end()
		}
	} else {
		mark := x.w.mark()
		x.w.start("physicalDescription")
		x.digitalOrigin()
		x.form(true)
		x.reformattingQuality()
		for _, f := range x.fields {
			if t, code, ok := physField(f); ok && t != 300 && t != 856 {
				for v := range f.Values(string(code)) {
					x.physSubfield(f, t, v)
				}
			}
		}
		for _, f := range x.fields {
			if isTag(f, 856) {
				for v := range f.Values("q") {
					x.physSubfield(f, 856, v)
				}
			}
		}
		for _, f := range x.fields {
			if isTag(f, 300) {
				x.extent(f)
			}
		}
		for _, f := range x.fields {
			if isTag(f, 351) {
				x.w.start("note")
				x.w.attr("type", "arrangement")
				for v := range f.Values("3") {
					x.w.text(string(v))
					x.w.text(": ")
				}
				x.w.text(subfieldSelect(f, "abc"))
				x.w.end()
			}
		}
		x.w.end()
		if !x.w.inkSince(mark) {
			x.w.rollback(mark)
		}
	}
	for _, f := range x.fields {
		t := linkedTag(f)
		if !isTag(f, 880) || t == 856 {
			continue // the stylesheet's test for 880 $q is child::*[code='q'], never true
		}
		code, whole, ok := physTag(t)
		if !ok {
			continue
		}
		if whole {
			x.w.start("physicalDescription")
			x.xxx880(f)
			x.extent(f)
			x.w.end()
			continue
		}
		i := 0
		for c, v := range f.Subfields() {
			if c == code {
				x.w.start("physicalDescription")
				x.xxs880(f, i)
				x.physSubfield(f, t, v)
				x.w.end()
			}
			i++
		}
	}
}

// physSubfield writes what the physDesc templates make of subfield v of
// field f (tag t, or an 880 linked to t).
func (x *rec) physSubfield(f view.Field, t int, v []byte) {
	switch t {
	case 130, 240, 242, 245, 246, 730:
		x.w.elemAttr("form", "authority", "gmd", chopBrackets(chop(string(v))))
	case 337, 338:
		x.w.start("form")
		if t == 337 {
			x.w.attr("type", "media")
		} else {
			x.w.attr("type", "carrier")
		}
		x.w.attr("authority", firstValue(f, '2'))
		x.w.text(string(v))
		x.w.end()
	case 256:
		x.w.elem("form", string(v))
	case 856:
		if utf8.RuneCount(v) > 1 {
			x.w.elem("internetMediaType", string(v))
		}
	}
}

// chopBrackets is the stylesheet's template of that name: chop, then
// drop the first and last characters when the first is '['.
func chopBrackets(s string) string {
	s = chop(s)
	if strings.HasPrefix(s, "[") {
		return substr(s, 2, utf8.RuneCountInString(s)-2)
	}
	return s
}

// extent writes the extent of a 300.
func (x *rec) extent(f view.Field) {
	x.w.start("extent")
	if has(f, 'f') {
		x.w.attr("unit", subfieldSelect(f, "f"))
	}
	x.w.text(subfieldSelect(f, "abce3g"))
	x.w.end()
}

// xxs880 writes altRepGroup and script for subfield i of f from the first
// $6 before it (the stylesheet's xxs880 template).
func (x *rec) xxs880(f view.Field, i int) {
	j := 0
	for c, v := range f.Subfields() {
		if j >= i {
			return
		}
		if c == '6' {
			sf06 := normalizeSpace(string(v))
			if g := substr(sf06, 5, 2); g != "00" {
				x.w.attr("altRepGroup", g)
			}
			x.w.attr("script", scriptName(substr(sf06, 8, 2)))
			return
		}
		j++
	}
}

// first2 returns the first two characters of a control field.
func first2(b []byte) (c1, c2 rune) {
	c1, n := utf8.DecodeRune(b)
	if n == 0 {
		return -1, -1
	}
	c2, m := utf8.DecodeRune(b[n:])
	if m == 0 {
		c2 = -1
	}
	return c1, c2
}

// charAt is the character at XPath position p (from 1) of b, or -1.
func charAt(b []byte, p int) rune {
	for _, r := range string(b) {
		if p--; p == 0 {
			return r
		}
	}
	return -1
}

// each007 calls fn with every 007's data.
func (x *rec) each007(fn func(d []byte)) {
	for _, d := range x.f007 {
		fn(d)
	}
}

// digitalOrigin is the stylesheet's template of that name (computer
// files' 007/11).
func (x *rec) digitalOrigin() {
	if x.typeOf008() != "CF" {
		return
	}
	for _, e := range [...]struct {
		c    rune
		text string
	}{{'a', "reformatted digital"}, {'b', "digitized microfilm"}, {'d', "digitized other analog"}} {
		found := false
		x.each007(func(d []byte) { found = found || charAt(d, 12) == e.c })
		if found {
			x.w.elem("digitalOrigin", e.text)
		}
	}
}

// reformattingQuality is the stylesheet's template of that name: one
// element per computer-file 007 with 007/13 a, p or r.
func (x *rec) reformattingQuality() {
	x.each007(func(d []byte) {
		if c1, _ := first2(d); c1 != 'c' {
			return
		}
		switch charAt(d, 14) {
		case 'a':
			x.w.elem("reformattingQuality", "access")
		case 'p':
			x.w.elem("reformattingQuality", "preservation")
		case 'r':
			x.w.elem("reformattingQuality", "replacement")
		}
	})
}

// form is the stylesheet's form template: the form of item from the 008
// and leader/06, and with007 (the template called on the record, not on
// a subfield) the forms of the 007s.
func (x *rec) form(with007 bool) {
	typ := x.typeOf008()
	c23, c29 := x.c008(23, 1), x.c008(29, 1)
	// The stylesheet means to read 008/23 for some types and 008/29 for
	// others, but its $check008-23 and $check008-29 are result tree
	// fragments, true as booleans even when empty: it reads both always.
	is := func(c string) bool { return c23 == c || c29 == c }
	l6 := x.leader[6]
	form := ""
	switch {
	case is("f"):
		form = "braille"
	case c23 == " " && (l6 == 'c' || l6 == 'd') || (typ == "BK" || typ == "SE") && (c23 == " " || x.f008 == "r"):
		form = "print"
	case l6 == 'm' || is("s"):
		form = "electronic"
	case l6 == 'o':
		form = "kit"
	case is("b"):
		form = "microfiche"
	case is("a"):
		form = "microfilm"
	}
	if form != "" {
		x.w.elemAttr("form", "authority", "marcform", form)
	}
	if !with007 || len(x.f007) == 0 {
		return
	}
	for _, e := range forms007 {
		found := false
		for _, d := range x.f007 {
			c1, c2 := first2(d)
			found = found || c1 == e.cat && (e.smd == 0 || c2 == e.smd)
		}
		if found {
			x.w.start("form")
			if e.smd == 0 {
				x.w.attr("authority", "marccategory")
			} else {
				x.w.attr("authority", "marcsmd")
			}
			x.w.text(e.form)
			x.w.end()
		}
	}
}
