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
			x.w.start("targetAudience")
			x.w.attr("authority", "marctarget")
			x.w.text(audience)
			x.w.end()
		}
	}
}
