package mods

import "github.com/marcmap/marcmap/view"

// uri writes xlink:href from each $u and $0 in field order; the last one
// wins (the uri template).
func (x *rec) uri(f view.Field) {
	for c, v := range f.Subfields() {
		if c == 'u' || c == '0' {
			x.w.attr("xlink:href", string(v))
		}
	}
}

// abstracts writes abstract (520), tableOfContents (505), targetAudience
// (521), accessCondition (506, 540) and the targetAudience of 008/22, in
// the stylesheet's order.
func (x *rec) abstracts() {
	x.selectTag(520, func(_ int, f view.Field) {
		x.w.start("abstract")
		switch f.Ind1() {
		case '0':
			x.w.attr("displayLabel", "Subject")
		case '1':
			x.w.attr("displayLabel", "Review")
		case '2':
			x.w.attr("displayLabel", "Scope and content")
		case '3':
			x.w.attr("displayLabel", "Abstract")
		case '4':
			x.w.attr("displayLabel", "Content advice")
		case '8':
		default:
			x.w.attr("displayLabel", "Summary")
		}
		x.xxx880(f)
		x.uri(f)
		x.w.text(subfieldSelect(f, "ab"))
		x.w.end()
	})
	x.selectTag(505, func(_ int, f view.Field) {
		x.w.start("tableOfContents")
		switch f.Ind1() {
		case '0':
			x.w.attr("displayLabel", "Contents")
		case '1':
			x.w.attr("displayLabel", "Incomplete contents")
		case '2':
			x.w.attr("displayLabel", "Partial contents")
		}
		x.xxx880(f)
		x.uri(f)
		x.w.text(subfieldSelect(f, "agrt"))
		x.w.end()
	})
	x.selectTag(521, func(_ int, f view.Field) {
		x.w.start("targetAudience")
		x.xxx880(f)
		switch f.Ind1() {
		case '0':
			x.w.attr("displayLabel", "Reading grade level")
		case '1':
			x.w.attr("displayLabel", "Interest age level")
		case '2':
			x.w.attr("displayLabel", "Interest grade level")
		case '3':
			x.w.attr("displayLabel", "Special audience characteristics")
		case '4':
			x.w.attr("displayLabel", "Motivation or interest level")
		case ' ':
			x.w.attr("displayLabel", "Audience")
		}
		x.w.text(subfieldSelect(f, "ab"))
		x.w.end()
	})
	x.selectTag(506, func(_ int, f view.Field) {
		x.w.start("accessCondition")
		x.w.attr("type", "restriction on access")
		x.xxx880(f)
		x.w.text(subfieldSelect(f, "abcd35"))
		x.w.end()
	})
	x.selectTag(540, func(_ int, f view.Field) {
		x.w.start("accessCondition")
		x.w.attr("type", "use and reproduction")
		x.xxx880(f)
		x.w.text(subfieldSelect(f, "abcde35"))
		x.w.end()
	})
	switch x.typeOf008() {
	case "BK", "CF", "MU", "VM":
		var audience string
		switch x.c008(22, 1) {
		case "d":
			audience = "adolescent"
		case "e":
			audience = "adult"
		case "g":
			audience = "general"
		case "b", "c", "j":
			audience = "juvenile"
		case "a":
			audience = "preschool"
		case "f":
			audience = "specialized"
		}
		if audience != "" {
			x.w.elemAttr("targetAudience", "authority", "marctarget", audience)
		}
	}
}

// noteTypes are the typed notes, in the stylesheet's order: tag, type,
// and the subfield codes left out besides $6 and $8.
var noteTypes = []struct {
	tag       int
	typ, skip string
}{
	{362, "date/sequential designation", ""}, {500, "", ""}, {502, "thesis", ""}, {504, "bibliography", ""},
	{508, "creation/production credits", "u3"}, {511, "performers", ""}, {515, "numbering", ""}, {518, "venue", "3"},
	{524, "preferred citation", ""}, {530, "additional physical form", "u3"}, {533, "reproduction", ""},
	{535, "original location", ""}, {536, "funding", ""}, {538, "system details", ""}, {541, "acquisition", ""},
	{545, "biographical/historical", ""}, {546, "language", ""}, {561, "ownership", ""}, {562, "version identification", ""},
	{581, "publications", ""}, {583, "action", ""}, {585, "exhibitions", ""},
}

// The untyped notes: these tags, and 880s linked to the second list
// (which has 585, already a typed note, and lacks 588: as the stylesheet
// has them).
var (
	otherNotes       = []int{501, 507, 513, 514, 516, 522, 525, 526, 544, 547, 550, 552, 555, 556, 565, 567, 580, 584, 586, 588}
	otherLinkedNotes = []int{501, 507, 513, 514, 516, 522, 525, 526, 544, 547, 550, 552, 555, 556, 565, 567, 580, 585, 584, 586}
)

// notes writes the note elements: 245 $c (statement of responsibility),
// the typed notes, then the others.
func (x *rec) notes() {
	x.selectTag(245, func(_ int, f view.Field) {
		if has(f, 'c') {
			x.w.start("note")
			x.w.attr("type", "statement of responsibility")
			x.xxx880(f)
			x.w.text(subfieldSelect(f, "c"))
			x.w.end()
		}
	})
	for _, n := range noteTypes {
		x.selectTag(n.tag, func(_ int, f view.Field) { x.note(f, n.typ, n.skip) })
	}
	for i, f := range x.fields {
		if t, l := x.tags[i], x.links[i]; (t < 500 || t > 599) && (l < 500 || l > 599) {
			continue
		}
		ok := false
		for _, t := range otherNotes {
			ok = ok || x.tags[i] == t
		}
		for _, t := range otherLinkedNotes {
			ok = ok || x.links[i] == t
		}
		if ok {
			x.note(f, "", "")
		}
	}
}

// note writes one note: every subfield but $6, $8 and those of skip,
// joined by a space.
func (x *rec) note(f view.Field, typ, skip string) {
	x.w.start("note")
	if typ != "" {
		x.w.attr("type", typ)
	}
	x.xxx880(f)
	x.uri(f)
	var b []byte
	first := true
	for c, v := range f.Subfields() {
		// A subfield with no code is "?" in marcmap's MARCXML, so the
		// stylesheet takes it.
		if c == '6' || c == '8' || hasCode(skip, c) {
			continue
		}
		if !first {
			b = append(b, ' ')
		}
		first = false
		b = append(b, v...)
	}
	x.w.text(string(b))
	x.w.end()
}
