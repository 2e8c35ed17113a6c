package mods

import "github.com/marcmap/marcmap/view"

// classifications writes the classification elements: 050, 060, 080, 082
// and 084, each with its linked 880s. The stylesheet's 086 template
// selects datafields under the 086 itself, which there are none of: 086
// gives nothing, here too.
func (x *rec) classifications() {
	x.selectTag(50, func(_ int, f view.Field) { x.lcc(f) })
	simple := func(tag int, authority, codes string) {
		x.selectTag(tag, func(_ int, f view.Field) {
			x.w.start("classification")
			x.w.attr("authority", authority)
			x.xxx880(f)
			x.w.text(subfieldSelect(f, codes))
			x.w.end()
		})
	}
	simple(60, "nlm", "ab")
	simple(80, "udc", "abx")
	x.selectTag(82, func(_ int, f view.Field) {
		x.w.start("classification")
		x.w.attr("authority", "ddc")
		x.xxx880(f)
		if has(f, '2') {
			x.w.attr("edition", firstValue(f, '2'))
		}
		x.w.text(subfieldSelect(f, "ab"))
		x.w.end()
	})
	x.selectTag(84, func(_ int, f view.Field) {
		x.w.start("classification")
		x.w.attr("authority", firstValue(f, '2'))
		x.xxx880(f)
		x.w.text(subfieldSelect(f, "ab"))
		x.w.end()
	})
}

// lcc writes 050: each $b with the $a before it, then each $a with no $b
// after it. The stylesheet calls its 880 template from the subfield, where
// it finds no $6: no altRepGroup or script.
func (x *rec) lcc(f view.Field) {
	label, hasLabel := f.Subfield('3')
	start := func() {
		x.w.start("classification")
		x.w.attr("authority", "lcc")
		if hasLabel {
			x.w.attr("displayLabel", string(label))
		}
	}
	var lastA []byte
	lastB := -1
	i := 0
	for c := range f.Subfields() {
		if c == 'b' {
			lastB = i
		}
		i++
	}
	for c, v := range f.Subfields() {
		switch c {
		case 'a':
			lastA = v
		case 'b':
			start()
			x.w.text(string(lastA) + " " + string(v))
			x.w.end()
		}
	}
	i = 0
	for c, v := range f.Subfields() {
		if c == 'a' && i > lastB {
			start()
			x.w.text(string(v))
			x.w.end()
		}
		i++
	}
}
