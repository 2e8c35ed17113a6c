package mods

import "github.com/marcmap/marcmap/view"

// locations writes the location elements: 852 (physical location, shelf
// locator, copy information) and 856 (URL), each with its linked 880s.
//
// The stylesheet writes an 856's location only when some 856 of the whole
// document has a second indicator other than 2 and a $u (an XPath //
// test); a record is converted alone here, so the test is made on the
// record: a record whose 856s are all ind2 2 gets no location even when
// another record of the same collection would have made the stylesheet
// write one.
func (x *rec) locations() {
	x.selectTag(852, func(_ int, f view.Field) { x.location852(f) })
	qualifies := false
	for _, f := range x.fields {
		if isTag(f, 856) && f.Ind2() != '2' && has(f, 'u') {
			qualifies = true
		}
	}
	if qualifies {
		x.selectTag(856, func(i int, f view.Field) { x.location856(i, f) })
	}
}

func (x *rec) location852(f view.Field) {
	x.w.start("location")
	x.xxx880(f)
	if has(f, 'a') || has(f, 'b') || has(f, 'e') {
		x.w.elem("physicalLocation", subfieldSelect(f, "abe"))
	}
	if has(f, 'u') {
		x.w.start("physicalLocation")
		x.uri(f)
		x.w.text(subfieldSelect(f, "u"))
		x.w.end()
	}
	if has(f, 'h') || has(f, 'i') || has(f, 'j') || has(f, 'k') || has(f, 'l') || has(f, 'm') || has(f, 't') {
		x.w.elem("shelfLocator", subfieldSelect(f, "hijklmt"))
	}
	if has(f, 'p') || has(f, 't') {
		x.w.start("holdingSimple")
		x.w.start("copyInformation")
		for c, v := range f.Subfields() {
			if c != 'p' && c != 't' {
				continue
			}
			x.w.start("itemIdentifier")
			if c == 't' {
				x.w.attr("type", "copy number")
			}
			x.w.text(string(v))
			x.w.end()
		}
		x.w.end()
		x.w.end()
	}
	x.w.end()
}

func (x *rec) location856(i int, f view.Field) {
	count := func(ind2 byte, before bool) int {
		n := 0
		fields := x.fields
		if before {
			fields = fields[:i]
		}
		for _, g := range fields {
			if isTag(g, 856) && (ind2 == 0 || g.Ind2() == ind2) {
				n++
			}
		}
		return n
	}
	primary := false
	switch ind2 := f.Ind2(); {
	case ind2 == '0':
		primary = count('0', true) == 0
	case ind2 == '1':
		primary = count('0', false) == 0 && count('1', true) == 0
	case ind2 != '2':
		primary = count('0', false) == 0 && count('1', false) == 0 && count(0, true) == 0
	}
	x.w.start("location")
	x.xxx880(f)
	x.w.start("url")
	x.w.attr("displayLabel", "electronic resource")
	if primary {
		x.w.attr("usage", "primary display")
	}
	x.urlContent(f)
	x.w.end()
	x.w.end()
}
