package mods

import "github.com/marcmap/marcmap/view"

// names writes the name elements: 100, 110, 111, 700, 710, 711 and 720
// without $t (those with $t are related items), each with its linked
// 880s.
func (x *rec) names() {
	noT := func(fn func(i int, f view.Field)) func(i int, f view.Field) {
		return func(i int, f view.Field) {
			if !has(f, 't') {
				fn(i, f)
			}
		}
	}
	x.selectTag(100, noT(func(i int, f view.Field) { x.personal(i, f, true) }))
	x.selectTag(110, noT(func(i int, f view.Field) { x.corporate(i, f, "corporate") }))
	x.selectTag(111, noT(func(i int, f view.Field) { x.corporate(i, f, "conference") }))
	x.selectTag(700, noT(func(i int, f view.Field) { x.personal(i, f, false) }))
	x.selectTag(710, noT(func(i int, f view.Field) { x.corporate(i, f, "corporate") }))
	x.selectTag(711, noT(func(i int, f view.Field) { x.corporate(i, f, "conference") }))
	x.selectTag(720, noT(func(_ int, f view.Field) { x.name720(f) }))
}

// href writes xlink:href from the last non-empty $0 (each one replaces the
// one before, as xsl:attribute does).
func (x *rec) href(f view.Field) {
	for v := range f.Values("0") {
		if len(v) > 0 {
			x.w.attr("xlink:href", string(v))
		}
	}
}

// personal writes a 100 (main) or 700: a personal name for first
// indicator 0 or 1, a family name for 3, nothing for others.
func (x *rec) personal(i int, f view.Field, main bool) {
	switch f.Ind1() {
	case '0', '1':
		x.w.start("name")
		x.w.attr("type", "personal")
		if main {
			x.w.attr("usage", "primary")
		}
		x.xxx880(f)
		x.nameTitleGroup(i)
		x.href(f)
	case '3':
		x.w.start("name")
		x.w.attr("type", "family")
		if main {
			x.w.attr("usage", "primary")
		}
		x.xxx880(f)
		if main {
			x.nameTitleGroup(i)
		}
	default:
		return
	}
	x.nameABCDQ(f)
	for v := range f.Values("u") {
		x.w.elem("affiliation", string(v))
	}
	x.role(f)
	x.nameIdentifier(f)
	x.w.end()
}

// corporate writes a 110 or 710 (corporate) or a 111 or 711 (conference).
func (x *rec) corporate(i int, f view.Field, typ string) {
	x.w.start("name")
	x.w.attr("type", typ)
	x.xxx880(f)
	x.nameTitleGroup(i)
	x.href(f)
	if typ == "corporate" {
		x.nameABCDN(f)
	} else {
		x.w.elem("namePart", subfieldSelect(f, "acdenq"))
	}
	x.role(f)
	x.nameIdentifier(f)
	x.w.end()
}

func (x *rec) name720(f view.Field) {
	x.w.start("name")
	if f.Ind1() == '1' {
		x.w.attr("type", "personal")
	}
	x.xxx880(f)
	x.w.elem("namePart", firstValue(f, 'a'))
	x.role(f)
	x.w.end()
}

// nameABCDQ writes $a and $q as one namePart, $b and $c as the terms of
// address, and each $d as a date.
func (x *rec) nameABCDQ(f view.Field) {
	x.w.elem("namePart", subfieldSelect(f, "aq"))
	x.termsOfAddress(f)
	x.nameDates(f)
}

// nameABCDN writes each $a, each $b, and $c $d $n together, as nameParts.
func (x *rec) nameABCDN(f view.Field) {
	x.nameAB(f)
	if has(f, 'c') || has(f, 'd') || has(f, 'n') {
		x.w.elem("namePart", subfieldSelect(f, "cdn"))
	}
}

// role writes each $e as a text role and each $4 as a relator code.
func (x *rec) role(f view.Field) {
	for v := range f.Values("e") {
		x.w.start("role")
		x.w.elemAttr("roleTerm", "type", "text", chop(string(v)))
		x.w.end()
	}
	x.relatorRoles(f)
}

// relatorRoles writes each $4 as a relator code role.
func (x *rec) relatorRoles(f view.Field) {
	for v := range f.Values("4") {
		x.w.start("role")
		x.w.start("roleTerm")
		x.w.attr("authority", "marcrelator")
		x.w.attr("type", "code")
		x.w.text(string(v))
		x.w.end()
		x.w.end()
	}
}

// nameIdentifier writes the $0s, joined, as nameIdentifier.
func (x *rec) nameIdentifier(f view.Field) {
	if has(f, '0') {
		x.w.elem("nameIdentifier", subfieldSelect(f, "0"))
	}
}
