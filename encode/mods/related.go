package mods

import (
	"strings"

	"github.com/marcmap/marcmap/view"
)

// occurrence is substring($6, 5, 2) of f's first $6, the occurrence
// number linking a field and its 880 ("" without $6); normalized
// applies normalize-space to $6 first, as the stylesheet does for the
// field it is on but not for the fields it compares with.
func occurrence(f view.Field, normalized bool) string {
	v, ok := f.Subfield('6')
	if !ok {
		return ""
	}
	s := string(v)
	if normalized {
		s = normalizeSpace(s)
	}
	return substr(s, 5, 2)
}

// linkedGroups is the stylesheet's pattern for the related items: for
// every field with tag t and every 880 linked to t that sel accepts, in
// record order, with s6 the occurrence number of its $6: a field with tag
// t, or an 880 when no field with tag t accepted by sel has the same
// occurrence number, leads a group of itself and the 880s linked to t
// that member accepts with that occurrence number, in record order.
func (x *rec) linkedGroups(t int, sel, member func(view.Field) bool, fn func(lead view.Field, members []view.Field)) {
	if !x.has(t) {
		return
	}
	for i, f := range x.fields {
		real := x.tags[i] == t
		if !(real || x.links[i] == t) || !sel(f) {
			continue
		}
		s6 := occurrence(f, true)
		if !real && x.anyIndex(func(j int, g view.Field) bool { return x.tags[j] == t && sel(g) && occurrence(g, false) == s6 }) {
			continue
		}
		members := x.members[:0]
		for j, g := range x.fields {
			if j == i || x.links[j] == t && member(g) && occurrence(g, false) == s6 {
				members = append(members, g)
			}
		}
		x.members = members
		fn(f, members)
	}
}

func all(view.Field) bool { return true }

// ind1Blank0 is the stylesheet's [@ind1='0' or @ind1=' '].
func ind1Blank0(f view.Field) bool { return f.Ind1() == '0' || f.Ind1() == ' ' }

func hasT(f view.Field) bool { return has(f, 't') }

func ind2Is2(f view.Field) bool { return f.Ind2() == '2' }

// relatedItems writes the relatedItem elements that come before the
// identifiers: series (490, 440, 800-830), references (510), originals
// (534), analytics and related works (700-711 with $t, 730 and 740 with
// second indicator 2), linking entries (76X-78X) and the 880s of 856s
// with second indicator 2 and $q.
func (x *rec) relatedItems() {
	x.linkedGroups(490, ind1Blank0, all, func(_ view.Field, members []view.Field) {
		x.seriesTitles(members)
	})
	x.linkedGroups(440, ind1Blank0, ind1Blank0, func(_ view.Field, members []view.Field) {
		x.seriesTitles(members)
	})
	x.linkedGroups(510, ind1Blank0, ind1Blank0, func(_ view.Field, members []view.Field) {
		x.w.start("relatedItem")
		x.w.attr("type", "isReferencedBy")
		for _, f := range members {
			i := 0
			for c, v := range f.Subfields() {
				if c == 'a' {
					x.w.start("titleInfo")
					x.xxs880(f, i)
					x.w.elem("title", string(v))
					x.w.end()
				}
				i++
			}
			i = 0
			for c, v := range f.Subfields() {
				if c == 'b' {
					x.w.start("originInfo")
					x.xxs880(f, i)
					x.dateOther("coverage", string(v))
					x.w.end()
				}
				i++
			}
			x.w.start("part")
			x.xxx880(f)
			x.w.start("detail")
			x.w.attr("type", "part")
			x.w.elem("number", chop(subfieldSelect(f, "c")))
			x.w.end()
			x.w.end()
		}
		x.w.end()
	})
	x.linkedGroups(534, ind1Blank0, ind1Blank0, func(_ view.Field, members []view.Field) {
		x.w.start("relatedItem")
		x.w.attr("type", "original")
		for _, f := range members {
			x.eachSubfield(f, 't', func(i int, v string) {
				x.w.start("titleInfo")
				x.xxs880(f, i)
				x.w.elem("title", chop(v))
				x.w.end()
			})
			x.eachSubfield(f, 'a', func(i int, v string) {
				x.w.start("name")
				x.xxs880(f, i)
				x.w.elem("namePart", v)
				x.w.end()
			})
			if has(f, 'b') || has(f, 'c') {
				x.w.start("originInfo")
				x.xxx880(f)
				for v := range f.Values("c") {
					x.w.elem("publisher", string(v))
				}
				for v := range f.Values("b") {
					x.w.elem("edition", string(v))
				}
				x.w.end()
			}
			x.relatedIdentifiers(f, "xz")
			x.eachSubfield(f, 'n', func(i int, v string) {
				// The stylesheet calls xxs880 before <note>: its
				// attributes go to relatedItem if nothing was written
				// in it yet, and are dropped otherwise.
				x.xxs880(f, i)
				x.w.elem("note", v)
			})
		}
		x.w.end()
	})
	// 700-711 with $t: a related work, its title and its name.
	for _, e := range [...]struct {
		tag    int
		member func(f view.Field)
	}{
		{700, func(f view.Field) {
			x.w.start("titleInfo")
			x.xxx880(f)
			x.w.elem("title", chop(specialSubfieldSelect(f, "tfklmorsv", 't', "", "g")))
			x.part(f)
			x.w.end()
			x.personalName(f)
		}},
		{710, func(f view.Field) {
			x.nameTitle(f, "tfklmors", "dg", false)
			x.corporateName(f, false)
		}},
		{711, func(f view.Field) {
			x.nameTitle(f, "tfkls", "g", false)
			x.conferenceName(f)
		}},
	} {
		x.linkedGroups(e.tag, hasT, hasT, func(lead view.Field, members []view.Field) {
			x.startRelatedName(lead)
			for _, f := range members {
				e.member(f)
				x.relatedForm(f)
				x.relatedIdentifiers(f, "x")
			}
			x.w.end()
		})
	}
	x.linkedGroups(730, ind2Is2, ind2Is2, func(lead view.Field, members []view.Field) {
		x.startRelatedName(lead)
		for _, f := range members {
			x.w.start("titleInfo")
			x.xxx880(f)
			x.w.elem("title", chop(subfieldSelect(f, "adfgklmors")))
			x.part(f)
			x.w.end()
			x.relatedForm(f)
			x.relatedIdentifiers(f, "x")
		}
		x.w.end()
	})
	x.linkedGroups(740, ind2Is2, ind2Is2, func(lead view.Field, members []view.Field) {
		x.startRelatedName(lead)
		for _, f := range members {
			x.w.start("titleInfo")
			x.xxx880(f)
			x.w.elem("title", chop(firstValue(f, 'a')))
			x.part(f)
			x.w.end()
			x.relatedForm(f)
		}
		x.w.end()
	})
	x.linkingEntries()
	for _, e := range [...]struct {
		tag  int
		name func(f view.Field)
	}{
		{800, x.seriesName800}, {810, x.seriesName810}, {811, x.seriesName811}, {830, nil},
	} {
		x.linkedGroups(e.tag, all, all, func(lead view.Field, members []view.Field) {
			x.w.start("relatedItem")
			x.w.attr("type", "series")
			x.href(lead)
			for _, f := range members {
				if e.name != nil {
					e.name(f)
				} else {
					x.w.start("titleInfo")
					x.xxx880(f)
					x.w.elem("title", chop(subfieldSelect(f, "adfgklmors")))
					if has(f, 'v') {
						x.w.elem("partNumber", chop(subfieldSelect(f, "v")))
					}
					x.w.end()
				}
				x.relatedForm(f)
			}
			x.w.end()
		})
	}
	// The stylesheet selects the $q of 856s with second indicator 2, on
	// which its test for a tag fails: only their 880s are written.
	q856 := func(f view.Field) bool { return ind2Is2(f) && has(f, 'q') }
	x.linkedGroups(856, q856, ind2Is2, func(lead view.Field, members []view.Field) {
		if isTag(lead, 856) {
			return
		}
		x.w.start("relatedItem")
		for _, f := range members {
			if has(f, 'q') {
				x.w.start("physicalDescription")
				x.xxx880(f)
				x.w.elem("internetMediaType", firstValue(f, 'q'))
				x.w.end()
			}
			if has(f, 'u') {
				x.w.start("location")
				x.xxx880(f)
				x.url856(f)
				x.w.end()
			}
		}
		x.w.end()
	})
}

// relatedItems856 writes the relatedItem of every 856 with second
// indicator 2 and $u (and of 880s of such 856s that have no 856), which
// the stylesheet writes after the identifiers.
func (x *rec) relatedItems856() {
	u856 := func(f view.Field) bool { return ind2Is2(f) && has(f, 'u') }
	for _, f := range x.fields {
		real := isTag(f, 856)
		if !(real || linked(f, 856)) || !u856(f) {
			continue
		}
		s6 := occurrence(f, true)
		if !real && x.any(func(g view.Field) bool { return isTag(g, 856) && u856(g) && occurrence(g, false) == s6 }) {
			continue
		}
		x.w.start("relatedItem")
		x.w.start("location")
		x.url856(f)
		x.w.end()
		x.w.end()
	}
}

// url856 writes the url of an 856: its first $u, labelled by $y and $3,
// with $z as a note.
func (x *rec) url856(f view.Field) {
	x.w.start("url")
	x.urlContent(f)
	x.w.end()
}

// urlContent writes the displayLabel ($y $3) and note ($z) attributes
// and the text (the first $u) of an 856's url element.
func (x *rec) urlContent(f view.Field) {
	if has(f, 'y') || has(f, '3') {
		x.w.attr("displayLabel", subfieldSelect(f, "y3"))
	}
	if has(f, 'z') {
		x.w.attr("note", subfieldSelect(f, "z"))
	}
	x.w.text(firstValue(f, 'u'))
}

// seriesTitles writes the relatedItem of a 490 or 440: a title and part
// number from each member.
func (x *rec) seriesTitles(members []view.Field) {
	x.w.start("relatedItem")
	x.w.attr("type", "series")
	for _, f := range members {
		x.w.start("titleInfo")
		x.xxx880(f)
		x.w.elem("title", chop(subfieldSelect(f, "a")))
		if has(f, 'v') {
			x.w.elem("partNumber", chop(subfieldSelect(f, "v")))
		}
		x.w.end()
	}
	x.w.end()
}

// startRelatedName starts the relatedItem of a 700-711 with $t, 730 or
// 740: otherType from $i, type constituent for second indicator 2.
func (x *rec) startRelatedName(lead view.Field) {
	x.w.start("relatedItem")
	if has(lead, 'i') {
		x.w.attr("otherType", firstValue(lead, 'i'))
	}
	if lead.Ind2() == '2' {
		x.w.attr("type", "constituent")
	}
}

// eachSubfield calls fn with the position and value of every subfield
// with the code.
func (x *rec) eachSubfield(f view.Field, code byte, fn func(i int, v string)) {
	i := 0
	for c, v := range f.Subfields() {
		if c == code {
			fn(i, string(v))
		}
		i++
	}
}

// relatedIdentifiers writes the identifiers of the subfields with the
// codes (o, x, z, w), code by code in that order of codes.
func (x *rec) relatedIdentifiers(f view.Field, codes string) {
	for _, code := range []byte(codes) {
		x.eachSubfield(f, code, func(i int, v string) {
			x.w.start("identifier")
			switch code {
			case 'x':
				x.w.attr("type", "issn")
			case 'z':
				x.w.attr("type", "isbn")
			case 'w':
				x.w.attr("type", "local")
			}
			x.xxs880(f, i)
			x.w.text(v)
			x.w.end()
		})
	}
}

// relatedForm writes each $h as a physicalDescription form.
func (x *rec) relatedForm(f view.Field) {
	x.eachSubfield(f, 'h', func(i int, v string) {
		x.w.start("physicalDescription")
		x.xxs880(f, i)
		x.w.elem("form", v)
		x.w.end()
	})
}

// termsOfAddress writes $b and $c together as a termsOfAddress namePart.
func (x *rec) termsOfAddress(f view.Field) {
	if has(f, 'b') || has(f, 'c') {
		x.w.elemAttr("namePart", "type", "termsOfAddress", subfieldSelect(f, "bc"))
	}
}

// nameDates writes each $d as a date namePart.
func (x *rec) nameDates(f view.Field) {
	for v := range f.Values("d") {
		x.w.elemAttr("namePart", "type", "date", chop(string(v)))
	}
}

// nameAB writes each $a and then each $b as a namePart.
func (x *rec) nameAB(f view.Field) {
	for v := range f.Values("a") {
		x.w.elem("namePart", string(v))
	}
	for v := range f.Values("b") {
		x.w.elem("namePart", string(v))
	}
}

// partNumberN writes the $n after the $t as partNumber, if any.
func (x *rec) partNumberN(f view.Field) {
	if n := chop(specialSubfieldSelect(f, "n", 't', "", "n")); n != "" {
		x.w.elem("partNumber", n)
	}
}

// partNames writes each $p as partName.
func (x *rec) partNames(f view.Field) {
	for v := range f.Values("p") {
		x.w.elem("partName", chop(string(v)))
	}
}

// partNumbers writes each subfield with the code as partNumber.
func (x *rec) partNumbers(f view.Field, code string) {
	for v := range f.Values(code) {
		x.w.elem("partNumber", chop(string(v)))
	}
}

func (x *rec) seriesName800(f view.Field) {
	x.w.start("titleInfo")
	x.xxx880(f)
	x.w.elem("title", chop(specialSubfieldSelect(f, "tfklmors", 't', "", "g")))
	x.partNumbers(f, "n")
	x.partNumbers(f, "v")
	x.partNames(f)
	x.w.end()
	x.personalName(f)
}

func (x *rec) seriesName810(f view.Field) {
	x.nameTitle(f, "tfklmors", "dg", true)
	x.corporateName(f, true)
}

func (x *rec) seriesName811(f view.Field) {
	x.nameTitle(f, "tfkls", "g", true)
	x.conferenceName(f)
}

// nameTitle writes the titleInfo of a corporate or conference name/title
// field: the title of the codes (from $t on, and after codes after it),
// the $n after $t as partNumber, each $v as partNumber too in a series
// (8XX), each $p as partName.
func (x *rec) nameTitle(f view.Field, codes, after string, series bool) {
	x.w.start("titleInfo")
	x.xxx880(f)
	x.w.elem("title", chop(specialSubfieldSelect(f, codes, 't', "", after)))
	x.partNumberN(f)
	if series {
		x.partNumbers(f, "v")
	}
	x.partNames(f)
	x.w.end()
}

// personalName writes the name of a 700 or 800 with $t: $a $q before $t,
// terms of address, dates, roles.
func (x *rec) personalName(f view.Field) {
	x.w.start("name")
	x.w.attr("type", "personal")
	x.xxx880(f)
	x.w.elem("namePart", specialSubfieldSelect(f, "aq", 't', "g", ""))
	x.termsOfAddress(f)
	x.nameDates(f)
	x.role(f)
	x.w.end()
}

// corporateName writes the name of a 710 or 810 with $t: each $a, each
// $b, then $c (and $d $g $n before $t) — in a 710 only when not blank,
// in an 810 always, as the stylesheet has them.
func (x *rec) corporateName(f view.Field, always bool) {
	x.w.start("name")
	x.w.attr("type", "corporate")
	x.xxx880(f)
	x.nameAB(f)
	if c := specialSubfieldSelect(f, "c", 't', "dgn", ""); always || normalizeSpace(c) != "" {
		x.w.elem("namePart", c)
	}
	x.role(f)
	x.w.end()
}

// conferenceName writes the name of a 711 or 811 with $t.
func (x *rec) conferenceName(f view.Field) {
	x.w.start("name")
	x.w.attr("type", "conference")
	x.xxx880(f)
	x.w.elem("namePart", specialSubfieldSelect(f, "aqdc", 't', "gn", ""))
	x.role(f)
	x.w.end()
}

// linkingTag reports whether t is a linking entry tag (76X-78X) the
// stylesheet reads.
func linkingTag(t int) bool {
	switch t {
	case 760, 762, 765, 767, 770, 772, 773, 774, 775, 776, 777, 780, 785, 786, 787:
		return true
	}
	return false
}

// linkingEntries writes the relatedItems of the linking entry fields
// (76X-78X) and of their 880s that have no such field.
func (x *rec) linkingEntries() {
	for i, f := range x.fields {
		if f.IsControl() {
			continue
		}
		tag := f.Tag()
		t := view.Digits(tag[:])
		real := linkingTag(t)
		if !real && !(t == 880 && linkingTag(linkedTag(f))) {
			continue
		}
		s6 := occurrence(f, true)
		if !real && x.any(func(g view.Field) bool {
			if g.IsControl() {
				return false
			}
			gt := g.Tag()
			return linkingTag(view.Digits(gt[:])) && occurrence(g, false) == s6
		}) {
			continue
		}
		x.w.start("relatedItem")
		switch t {
		case 760, 762:
			x.w.attr("type", "series")
		case 770, 774:
			x.w.attr("type", "constituent")
		case 765, 767:
			x.w.attr("type", "otherVersion")
		case 775:
			if f.Ind2() == ' ' {
				x.w.attr("type", "otherVersion")
			}
		case 772, 773:
			x.w.attr("type", "host")
		case 776:
			x.w.attr("type", "otherFormat")
		case 780:
			x.w.attr("type", "preceding")
		case 785:
			x.w.attr("type", "succeeding")
		case 786:
			x.w.attr("type", "original")
		}
		if has(f, 'i') {
			x.w.attr("otherType", firstValue(f, 'i'))
			x.w.attr("displayLabel", firstValue(f, 'i'))
		} else if has(f, '3') {
			x.w.attr("displayLabel", firstValue(f, '3'))
		}
		// The members: the field and the 880s whose $6 starts with its
		// tag ("880" for an 880, which no $6 starts with) and has its
		// occurrence number.
		for j, g := range x.fields {
			if j == i || linked(g, t) && occurrence(g, false) == s6 {
				x.linkingEntry(g)
			}
		}
		x.w.end()
	}
}

// linkingEntry writes what one field (or 880) of a linking entry gives.
func (x *rec) linkingEntry(f view.Field) {
	tag := f.Tag()
	t := view.Digits(tag[:])
	for _, e := range [...]struct {
		code byte
		typ  string
	}{{'t', ""}, {'p', "abbreviated"}, {'s', "uniform"}} {
		x.eachSubfield(f, e.code, func(i int, v string) {
			x.w.start("titleInfo")
			if e.typ != "" {
				x.w.attr("type", e.typ)
			}
			x.xxs880(f, i)
			x.w.elem("title", chop(v))
			if t != 773 {
				x.partNumbers(f, "g")
			}
			x.w.end()
		})
	}
	if has(f, 'b') || has(f, 'd') || has(f, 'f') {
		x.w.start("originInfo")
		x.xxx880(f)
		if t == 775 {
			for v := range f.Values("f") {
				x.placeTerm("code", "marcgac", chop(string(v)))
			}
		}
		for v := range f.Values("d") {
			x.w.elem("publisher", chop(string(v)))
		}
		for v := range f.Values("b") {
			x.w.elem("edition", string(v))
		}
		x.w.end()
	}
	if t == 775 && has(f, 'e') {
		x.w.start("language")
		x.xxx880(f)
		x.w.start("languageTerm")
		x.w.attr("type", "code")
		x.w.attr("authority", "iso639-2b")
		x.w.text(firstValue(f, 'e'))
		x.w.end()
		x.w.end()
	}
	x.relatedForm(f)
	x.eachSubfield(f, 'n', func(i int, v string) {
		x.w.start("note")
		x.xxs880(f, i)
		x.w.text(v)
		x.w.end()
	})
	x.eachSubfield(f, 'j', func(i int, v string) {
		x.w.start("subject")
		x.xxs880(f, i)
		x.w.elemAttr("temporal", "encoding", "iso8601", chop(v))
		x.w.end()
	})
	x.relatedIdentifiers(f, "oxzw")
	if t == 773 {
		x.eachSubfield(f, 'g', func(i int, v string) {
			x.w.start("part")
			x.xxs880(f, i)
			x.w.elem("text", v)
			x.w.end()
		})
		x.eachSubfield(f, 'q', func(i int, v string) {
			x.w.start("part")
			x.xxs880(f, i)
			x.parsePart(v)
			x.w.end()
		})
	}
	x.eachSubfield(f, 'a', func(i int, v string) {
		x.w.start("name")
		x.xxs880(f, i)
		x.w.elem("namePart", v)
		x.w.end()
	})
}

// parsePart is the stylesheet's template of that name: a 773 $q such as
// 1:2:3<4 as up to three levels of numbers and a start page.
func (x *rec) parsePart(s string) {
	var level1 string
	if i := strings.IndexByte(s, ':'); i >= 0 {
		level1 = s[:i]
	} else if i := strings.IndexByte(s, '<'); i >= 0 {
		level1 = s[:i]
	} else {
		level1 = s
	}
	sici2 := substringAfter(s, level1)
	sici2 = strings.TrimPrefix(sici2, ":")
	var level2 string
	if i := strings.IndexByte(sici2, ':'); i >= 0 {
		level2 = sici2[:i]
	} else if i := strings.IndexByte(sici2, '<'); i >= 0 {
		level2 = sici2[:i]
	} else {
		level2 = sici2
	}
	sici3 := strings.TrimPrefix(substringAfter(sici2, level2), ":")
	level3 := sici3
	if i := strings.IndexByte(sici3, '<'); i >= 0 {
		level3 = sici3[:i]
	}
	var page string
	if i := strings.IndexByte(s, '<'); i >= 0 {
		page = s[i+1:]
	}
	for i, l := range [...]string{level1, level2, level3} {
		if l != "" {
			x.w.start("detail")
			x.w.attr("level", string(rune('1'+i)))
			x.w.elem("number", l)
			x.w.end()
		}
	}
	if page != "" {
		x.w.start("extent")
		x.w.attr("unit", "page")
		x.w.elem("start", page)
		x.w.end()
	}
}

// substringAfter is XPath's substring-after: what follows the first sep
// in s ("" when there is none; all of s for an empty sep).
func substringAfter(s, sep string) string {
	if i := strings.Index(s, sep); i >= 0 {
		return s[i+len(sep):]
	}
	return ""
}
