package mods

import "github.com/marcmap/marcmap/view"

// titleInfo writes the titleInfo elements: 245, 210, 246, 240, 740, 130,
// 730 (ind2 not 2), each with its linked 880s, then 242.
func (x *rec) titleInfo() {
	x.selectTag(245, func(_ int, f view.Field) { x.title245(f) })
	x.selectTag(210, func(_ int, f view.Field) { x.title210(f) })
	x.selectTag(246, func(_ int, f view.Field) { x.title246(f) })
	x.selectTag(240, func(i int, f view.Field) { x.uniformTitle(i, f, 240) })
	x.selectTag(740, func(_ int, f view.Field) { x.title740(f) })
	x.selectTag(130, func(i int, f view.Field) { x.uniformTitle(i, f, 130) })
	x.selectTag(730, func(i int, f view.Field) {
		if f.Ind2() != '2' {
			x.uniformTitle(i, f, 730)
		}
	})
	for _, f := range x.fields {
		if isTag(f, 242) {
			x.title242(f)
		}
	}
}

// nonSortTitle writes title, split into nonSort and title by a numeric
// second indicator above 0, as 245 and 242 do.
func (x *rec) nonSortTitle(f view.Field, title string) {
	if n := indNumber(f.Ind2()); n > 0 {
		x.w.elemAttr("nonSort", "xml:space", "preserve", substr(title, 1, n)+" ")
		x.w.elem("title", substr(title, n+1, -1))
		return
	}
	x.w.elem("title", title)
}

func (x *rec) title245(f view.Field) {
	x.w.start("titleInfo")
	x.xxx880(f)
	var title string
	if has(f, 'b') {
		title = specialSubfieldSelect(f, "", 'b', "afgks", "")
	} else {
		title = subfieldSelect(f, "abfgks")
	}
	x.nonSortTitle(f, chop(title))
	if has(f, 'b') {
		x.w.elem("subTitle", chop(specialSubfieldSelect(f, "b", 'b', "", "afgks")))
	}
	x.part(f)
	x.w.end()
}

func (x *rec) title210(f view.Field) {
	x.w.start("titleInfo")
	x.w.attr("type", "abbreviated")
	// The stylesheet tests marc:datafield[@tag='210'][@ind2='2'] from the
	// 210 itself, which selects nothing: no authority attribute.
	x.xxx880(f)
	x.w.elem("title", chop(subfieldSelect(f, "a")))
	x.subtitle(f)
	x.w.end()
}

func (x *rec) title246(f view.Field) {
	x.w.start("titleInfo")
	if f.Ind2() == '1' {
		x.w.attr("type", "translated")
	} else {
		x.w.attr("type", "alternative")
	}
	x.xxx880(f)
	// Each $i sets displayLabel; the last one wins.
	for v := range f.Values("i") {
		x.w.attr("displayLabel", string(v))
	}
	x.w.elem("title", chop(subfieldSelect(f, "af")))
	x.subtitle(f)
	x.part(f)
	x.w.end()
}

// uniformTitle writes the titleInfo type="uniform" of 240, 130 and 730
// (these take $s wherever it is) at field index i.
func (x *rec) uniformTitle(i int, f view.Field, tag int) {
	s := tag != 240
	x.w.start("titleInfo")
	x.w.attr("type", "uniform")
	if tag == 240 {
		x.nameTitleGroup(i)
	}
	x.xxx880(f)
	for v := range f.Values("0") {
		if len(v) > 0 {
			x.w.attr("xlink:href", string(v))
		}
	}
	// $adfklmors before any $n or $p (all of them when there is none).
	last := -1
	k := 0
	for c := range f.Subfields() {
		if c == 'n' || c == 'p' {
			last = k
		}
		k++
	}
	var str []byte
	k = 0
	for c, v := range f.Subfields() {
		if s && c == 's' {
			str = append(append(str, v...), ' ')
		}
		if hasCode("adfklmors", c) && (last < 0 || last > k) {
			str = append(append(str, v...), ' ')
		}
		k++
	}
	if len(str) > 0 {
		str = str[:len(str)-1]
	}
	x.w.elem("title", chop(string(str)))
	x.part(f)
	x.w.end()
}

func (x *rec) title740(f view.Field) {
	x.w.start("titleInfo")
	x.w.attr("type", "alternative")
	x.xxx880(f)
	x.w.elem("title", chop(subfieldSelect(f, "ah")))
	x.part(f)
	x.w.end()
}

func (x *rec) title242(f view.Field) {
	x.w.start("titleInfo")
	x.w.attr("type", "translated")
	for v := range f.Values("y") {
		x.w.attr("lang", string(v))
	}
	x.nonSortTitle(f, chop(chop(subfieldSelect(f, "a"))))
	x.subtitle(f)
	x.part(f)
	x.w.end()
}

// subtitle writes the first $b as subTitle (the subtitle template).
func (x *rec) subtitle(f view.Field) {
	if has(f, 'b') {
		x.w.elem("subTitle", chop(firstValue(f, 'b')))
	}
}

// part writes partNumber and partName (the part template).
func (x *rec) part(f view.Field) {
	number := specialSubfieldSelect(f, "n", 'n', "", "fgkdlmor")
	var name string
	switch t := f.Tag(); string(t[:]) {
	case "700", "800", "710", "810", "711", "811", "730", "830", "740", "440":
		name = firstValue(f, 'p')
	default:
		name = specialSubfieldSelect(f, "p", 'p', "", "fgkdlmor")
	}
	if normalizeSpace(number) != "" {
		x.w.elem("partNumber", chop(number))
	}
	if normalizeSpace(name) != "" {
		x.w.elem("partName", chop(name))
	}
}

// typeOfResource writes the resource type from leader/06 and 07.
func (x *rec) typeOfResource() {
	l6, l7 := x.leader[6], x.leader[7]
	x.w.start("typeOfResource")
	if l7 == 'c' {
		x.w.attr("collection", "yes")
	}
	if l6 == 'd' || l6 == 'f' || l6 == 'p' || l6 == 't' {
		x.w.attr("manuscript", "yes")
	}
	switch l6 {
	case 'a', 't':
		x.w.text("text")
	case 'e', 'f':
		x.w.text("cartographic")
	case 'c', 'd':
		x.w.text("notated music")
	case 'i':
		x.w.text("sound recording-nonmusical")
	case 'j':
		x.w.text("sound recording-musical")
	case 'k':
		x.w.text("still image")
	case 'g':
		x.w.text("moving image")
	case 'r':
		x.w.text("three dimensional object")
	case 'm':
		x.w.text("software, multimedia")
	case 'p':
		x.w.text("mixed material")
	}
	x.w.end()
}
