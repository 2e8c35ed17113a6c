package mods

import "github.com/marcmap/marcmap/view"

// subjects writes the subject elements, tag by tag as the stylesheet
// selects them: 043, 045, 255, 600, 610, 611, 630, 648, 650, 651, 653,
// 656, 662 and 752, each with its linked 880s. The stylesheet's 034
// template tests for datafields under the 034 itself, which there are
// none of: 034 gives nothing, here too.
//
// Its 045 template writes a field's dates only when some 045 of the whole
// document has first indicator 2 and a $b or $c (an XPath // test); here
// the test is made on the record, as for a document of one record.
func (x *rec) subjects() {
	x.selectTag(43, func(_ int, f view.Field) { x.subject043(f) })
	has045 := false
	for _, f := range x.fields {
		if isTag(f, 45) && f.Ind1() == '2' && (has(f, 'b') || has(f, 'c')) {
			has045 = true
		}
	}
	if has045 {
		x.selectTag(45, func(_ int, f view.Field) { x.subject045(f) })
	}
	x.selectTag(255, func(_ int, f view.Field) { x.subject255(f) })
	x.selectTag(600, func(_ int, f view.Field) { x.subject600(f) })
	x.selectTag(610, func(_ int, f view.Field) { x.subject610(f) })
	x.selectTag(611, func(_ int, f view.Field) { x.subject611(f) })
	x.selectTag(630, func(_ int, f view.Field) { x.subject630(f) })
	x.selectTag(648, func(_ int, f view.Field) { x.subject648(f) })
	x.selectTag(650, func(_ int, f view.Field) { x.subject650(f) })
	x.selectTag(651, func(_ int, f view.Field) { x.subject651(f) })
	x.selectTag(653, func(_ int, f view.Field) { x.subject653(f) })
	x.selectTag(656, func(_ int, f view.Field) { x.subject656(f) })
	x.selectTag(662, func(_ int, f view.Field) { x.subjectPlace(f) })
	x.selectTag(752, func(_ int, f view.Field) { x.subjectPlace(f) })
}

// subjectAuthority writes authority from the second indicator (not for
// 4, blank, 8 or 9): lcsh, lcshac, mesh, nal, csh, rvm, $2 for 7, and an
// empty value for anything else, as the stylesheet's choose leaves it.
func (x *rec) subjectAuthority(f view.Field) {
	switch i2 := f.Ind2(); i2 {
	case '4', ' ', '8', '9':
		return
	case '0':
		x.w.attr("authority", "lcsh")
	case '1':
		x.w.attr("authority", "lcshac")
	case '2':
		x.w.attr("authority", "mesh")
	case '3':
		x.w.attr("authority", "nal")
	case '5':
		x.w.attr("authority", "csh")
	case '6':
		x.w.attr("authority", "rvm")
	case '7':
		x.w.attr("authority", firstValue(f, '2'))
	default:
		x.w.attr("authority", "")
	}
}

// xlinkAll writes xlink:href from each $0, empty ones too; the last wins.
func (x *rec) xlinkAll(f view.Field) {
	for v := range f.Values("0") {
		x.w.attr("xlink:href", string(v))
	}
}

// anyOrder writes $v, $x, $y and $z in field order as genre, topic,
// temporal and geographic (subjectAnyOrder).
func (x *rec) anyOrder(f view.Field) {
	for c, v := range f.Subfields() {
		switch c {
		case 'v':
			x.w.elem("genre", chop(string(v)))
		case 'x':
			x.w.elem("topic", chop(string(v)))
		case 'y':
			x.w.elem("temporal", chop(string(v)))
		case 'z':
			x.w.elem("geographic", chop(string(v)))
		}
	}
}

// subjectTitle writes the titleInfo of a name subject with $t.
func (x *rec) subjectTitle(f view.Field, codes string) {
	if has(f, 't') {
		x.w.start("titleInfo")
		x.w.elem("title", chop(subfieldSelect(f, codes)))
		x.part(f)
		x.w.end()
	}
}

func (x *rec) subject043(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	k := 0
	for c, v := range f.Subfields() {
		k++
		if c != 'a' && c != 'b' && c != 'c' {
			continue
		}
		x.w.start("geographicCode")
		switch c {
		case 'a':
			x.w.attr("authority", "marcgac")
		case 'b':
			// the first $2 after this $b
			auth := ""
			j := 0
			for c2, v2 := range f.Subfields() {
				if j >= k && c2 == '2' {
					auth = string(v2)
					break
				}
				j++
			}
			x.w.attr("authority", auth)
		case 'c':
			x.w.attr("authority", "iso3166")
		}
		x.w.text(string(v))
		x.w.end()
	}
	x.w.end()
}

// dates045 is the stylesheet's dates045b: a leading 'c' (B.C.) becomes
// '-', a leading 'd' (C.E.) is dropped.
func dates045(s string) string {
	switch {
	case s != "" && s[0] == 'c':
		return "-" + s[1:]
	case s != "" && s[0] == 'd':
		return s[1:]
	}
	return s
}

func (x *rec) subject045(f view.Field) {
	var dates []string
	for c, v := range f.Subfields() {
		if c == 'b' || c == 'c' {
			dates = append(dates, string(v))
		}
	}
	date := func(i int) string {
		if i < len(dates) {
			return dates045(dates[i])
		}
		return ""
	}
	x.w.start("subject")
	x.xxx880(f)
	for i, point := range []string{"start", "end"} {
		x.w.start("temporal")
		x.w.attr("encoding", "iso8601")
		x.w.attr("point", point)
		x.w.text(date(i))
		x.w.end()
	}
	x.w.end()
}

func (x *rec) subject255(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.w.start("cartographics")
	for c, v := range f.Subfields() {
		switch c {
		case 'a':
			x.w.elem("scale", string(v))
		case 'b':
			x.w.elem("projection", string(v))
		case 'c':
			x.w.elem("coordinates", string(v))
		}
	}
	x.w.end()
	x.w.end()
}

func (x *rec) subject600(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.subjectAuthority(f)
	x.xlinkAll(f)
	x.w.start("name")
	x.w.attr("type", "personal")
	x.nameABCDQ(f)
	for v := range f.Values("u") {
		x.w.elem("affiliation", string(v))
	}
	x.role(f)
	x.w.end()
	x.subjectTitle(f, "t")
	x.anyOrder(f)
	x.w.end()
}

func (x *rec) subject610(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.subjectAuthority(f)
	x.xlinkAll(f)
	x.w.start("name")
	x.w.attr("type", "corporate")
	x.nameAB(f)
	if has(f, 'c') || has(f, 'd') || has(f, 'n') || has(f, 'p') {
		x.w.elem("namePart", subfieldSelect(f, "cdnp"))
	}
	x.role(f)
	x.w.end()
	x.subjectTitle(f, "t")
	x.anyOrder(f)
	x.w.end()
}

func (x *rec) subject611(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.subjectAuthority(f)
	x.xlinkAll(f)
	x.w.start("name")
	x.w.attr("type", "conference")
	x.w.elem("namePart", subfieldSelect(f, "abcdeqnp"))
	x.relatorRoles(f)
	x.w.end()
	x.subjectTitle(f, "tpn")
	x.anyOrder(f)
	x.w.end()
}

func (x *rec) subject630(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.subjectAuthority(f)
	x.xlinkAll(f)
	x.w.start("titleInfo")
	x.w.elem("title", chop(subfieldSelect(f, "adfhklor")))
	x.part(f)
	x.w.end()
	x.anyOrder(f)
	x.w.end()
}

func (x *rec) subject648(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	if has(f, '2') {
		x.w.attr("authority", firstValue(f, '2'))
	}
	x.uri(f)
	x.subjectAuthority(f)
	x.w.elem("temporal", chop(subfieldSelect(f, "abcd")))
	x.anyOrder(f)
	x.w.end()
}

func (x *rec) subject650(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.subjectAuthority(f)
	x.xlinkAll(f)
	x.w.elem("topic", chop(subfieldSelect(f, "abcd")))
	x.anyOrder(f)
	x.w.end()
}

func (x *rec) subject651(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.subjectAuthority(f)
	x.xlinkAll(f)
	for v := range f.Values("a") {
		x.w.elem("geographic", chop(string(v)))
	}
	x.anyOrder(f)
	x.w.end()
}

// subject653 writes one subject for each of the stylesheet's tests that
// the indicators pass (several can).
func (x *rec) subject653(f view.Field) {
	text := fieldString(f)
	one := func(elem, nameType string) {
		x.w.start("subject")
		x.xxx880(f)
		if nameType != "" {
			x.w.start("name")
			x.w.attr("type", nameType)
			x.w.elem("namePart", text)
			x.w.end()
		} else {
			x.w.elem(elem, text)
		}
		x.w.end()
	}
	i1, i2 := f.Ind1(), f.Ind2()
	if i2 == ' ' {
		one("topic", "")
	}
	if i2 == '0' {
		one("topic", "")
	}
	if i1 == '0' || i1 == '1' {
		one("", "personal")
	}
	if i1 == '3' {
		one("", "family")
	}
	if i2 == '2' {
		one("", "corporate")
	}
	if i2 == '3' {
		one("", "conference")
	}
	if i2 == '4' {
		one("temporal", "")
	}
	if i2 == '5' {
		one("geographic", "")
	}
	if i2 == '6' {
		one("genre", "")
	}
}

// fieldString is a data field's XPath string value: its subfields'
// values run together (the stylesheet strips the white space between
// elements, xsl:strip-space).
func fieldString(f view.Field) string {
	var b []byte
	for _, v := range f.Subfields() {
		b = append(b, v...)
	}
	return string(b)
}

func (x *rec) subject656(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	x.xlinkAll(f)
	if has(f, '2') {
		x.w.attr("authority", firstValue(f, '2'))
	}
	x.w.elem("occupation", chop(firstValue(f, 'a')))
	x.w.end()
}

// subjectPlace writes 662 and 752 as hierarchicalGeographic.
func (x *rec) subjectPlace(f view.Field) {
	x.w.start("subject")
	x.xxx880(f)
	for v := range f.Values("0") {
		x.w.attr("valueURI", string(v))
	}
	x.w.start("hierarchicalGeographic")
	if has(f, '0') {
		x.w.attr("valueURI", firstValue(f, '0'))
	}
	for _, p := range [...]struct {
		code byte
		name string
	}{{'a', "country"}, {'b', "state"}, {'c', "county"}, {'d', "city"}, {'e', "citySection"}, {'g', "area"}, {'h', "extraterrestrialArea"}} {
		for c, v := range f.Subfields() {
			if c == p.code {
				x.w.elem(p.name, chop(string(v)))
			}
		}
	}
	x.w.end()
	x.w.end()
}
