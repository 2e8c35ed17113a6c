package mods

import (
	"strings"

	"github.com/marcmap/marcmap/view"
)

// originTags are the fields the stylesheet's originInfo template reads
// (044, 260, 046, 033, 250, 310, 321).
func originTag(t int) bool {
	switch t {
	case 44, 260, 46, 33, 250, 310, 321:
		return true
	}
	return false
}

// isOrigin reports whether f is a data field with one of the originInfo
// tags.
func isOrigin(f view.Field) bool {
	if f.IsControl() {
		return false
	}
	t := f.Tag()
	return originTag(view.Digits(t[:]))
}

// linkedOrigin reports whether f is an 880 linked to an originInfo tag.
func linkedOrigin(f view.Field) bool {
	if !isTag(f, 880) {
		return false
	}
	v, ok := f.Subfield('6')
	return ok && len(v) >= 3 && originTag(view.Digits(v[:3]))
}

// linkedTag is the tag an 880's first $6 starts with (-1 when none).
func linkedTag(f view.Field) int {
	v, ok := f.Subfield('6')
	if !ok || len(v) < 3 {
		return -1
	}
	return view.Digits(v[:3])
}

// leader6Created reports whether leader/06 makes 260 $c a creation date
// (manuscripts: d, f, p, t).
func (x *rec) leader6Created() bool {
	switch x.leader[6] {
	case 'd', 'f', 'p', 't':
		return true
	}
	return false
}

// originInfos writes the originInfo elements: the stylesheet's originInfo
// template (one element for the fields without $6, one for each field
// with $6, one for each linked 880) and then the 264s by second
// indicator.
func (x *rec) originInfos() {
	has6 := false
	hasPlain := false
	for _, f := range x.fields {
		if isOrigin(f) {
			if has(f, '6') {
				has6 = true
			} else {
				hasPlain = true
			}
		}
	}
	if has6 {
		for _, f := range x.fields {
			if isOrigin(f) && has(f, '6') {
				x.w.start("originInfo")
				x.xxx880(f)
				x.originShared()
				x.originField(f, view.Digits(tagOf(f)))
				x.w.end()
			}
		}
		if hasPlain {
			x.w.start("originInfo")
			x.originShared()
			for _, f := range x.fields {
				if isOrigin(f) && !has(f, '6') {
					x.originField(f, view.Digits(tagOf(f)))
				}
			}
			x.w.end()
		}
	} else if hasPlain || x.has008() {
		x.w.start("originInfo")
		x.originShared()
		// The stylesheet applies templates to the 044 $c subfields
		// themselves, which no originInfo template matches: the
		// built-in rule copies their text into originInfo.
		for _, f := range x.fields {
			if isTag(f, 44) {
				for v := range f.Values("c") {
					x.w.text(string(v))
				}
			}
		}
		for _, t := range []int{260, 46, 33, 250} {
			for _, f := range x.fields {
				if isTag(f, t) {
					x.originField(f, t)
				}
			}
		}
		for _, f := range x.fields {
			if isTag(f, 310) || isTag(f, 321) {
				x.originField(f, 310)
			}
		}
		x.w.end()
	}
	for _, f := range x.fields {
		if linkedOrigin(f) {
			x.w.start("originInfo")
			x.xxx880(f)
			x.originShared()
			x.originField(f, linkedTag(f))
			x.w.end()
		}
	}
	for ind2, event := range [...]string{"producer", "publisher", "distributor", "manufacturer"} {
		x.selectTag(264, func(_ int, f view.Field) {
			if indNumber(f.Ind2()) == ind2 {
				x.origin264(f, event)
			}
		})
	}
}

func tagOf(f view.Field) []byte {
	t := f.Tag()
	return t[:]
}

// has008 reports whether the record has an 008 control field.
func (x *rec) has008() bool {
	for _, f := range x.fields {
		if t := f.Tag(); f.IsControl() && t.Is("008") {
			return true
		}
	}
	return false
}

// originShared writes what every originInfo of the record starts with:
// the country code and dates of the 008, the issuance of leader/07 and
// the frequency of a serial's 008.
func (x *rec) originShared() {
	if code := normalizeSpace(x.c008(15, 3)); strings.Trim(code, "|") != "" {
		x.w.start("place")
		x.w.start("placeTerm")
		x.w.attr("type", "code")
		x.w.attr("authority", "marccountry")
		x.w.text(code)
		x.w.end()
		x.w.end()
	}
	d1 := normalizeSpace(x.c008(7, 4))
	d2 := normalizeSpace(x.c008(11, 4))
	dateType := normalizeSpace(x.c008(6, 1))
	date := func(name, point, qualifier, v string) {
		x.w.start(name)
		x.w.attr("encoding", "marc")
		if point != "" {
			x.w.attr("point", point)
		}
		if qualifier != "" {
			x.w.attr("qualifier", qualifier)
		}
		x.w.text(v)
		x.w.end()
	}
	switch dateType {
	case "e", "p", "r", "s", "t":
		if d1 != "" && d1 != x.first260c() {
			if x.leader6Created() {
				date("dateCreated", "", "", d1)
			} else {
				date("dateIssued", "", "", d1)
			}
		}
	case "c", "d", "i", "k", "m", "u":
		if d1 != "" {
			date("dateIssued", "start", "", d1)
		}
		if d2 != "" {
			date("dateIssued", "end", "", d2)
		}
	case "q":
		if d1 != "" {
			date("dateIssued", "start", "questionable", d1)
		}
		if d2 != "" {
			date("dateIssued", "end", "questionable", d2)
		}
	}
	if dateType == "t" && d2 != "" {
		date("copyrightDate", "", "", d2)
	}
	switch x.leader[7] {
	case 'a', 'c', 'd', 'm':
		x.w.elem("issuance", "monographic")
	case 'i':
		x.w.elem("issuance", "integrating resource")
	case 'b', 's':
		x.w.elem("issuance", "serial")
	}
	if x.typeOf008() == "SE" {
		freq := frequency(x.c008(18, 1))
		for _, f := range x.fields {
			if t := f.Tag(); f.IsControl() && t.Is("008") && freq != "" {
				x.w.elemAttr("frequency", "authority", "marcfrequency", freq)
			}
		}
	}
}

// frequency names 008/18 of a serial.
func frequency(c string) string {
	switch c {
	case "a":
		return "Annual"
	case "b":
		return "Bimonthly"
	case "c":
		return "Semiweekly"
	case "d":
		return "Daily"
	case "e":
		return "Biweekly"
	case "f":
		return "Semiannual"
	case "g":
		return "Biennial"
	case "h":
		return "Triennial"
	case "i":
		return "Three times a week"
	case "j":
		return "Three times a month"
	case "k":
		return "Continuously updated"
	case "m":
		return "Monthly"
	case "q":
		return "Quarterly"
	case "s":
		return "Semimonthly"
	case "t":
		return "Three times a year"
	case "u":
		return "Unknown"
	case "w":
		return "Weekly"
	case " ", "#":
		return "Completely irregular"
	}
	return ""
}

// first260c is the stylesheet's $dataField260c: the first 260 $c of the
// record with its end punctuation chopped.
func (x *rec) first260c() string {
	for _, f := range x.fields {
		if isTag(f, 260) {
			if v, ok := f.Subfield('c'); ok {
				return chop(string(v))
			}
		}
	}
	return ""
}

// chopFront removes ".:,;/[ " from the start (MARC21slimUtils.xsl's
// chopPunctuationFront).
func chopFront(s string) string { return strings.TrimLeft(s, ".:,;/[ ") }

// originField writes what the originInfo mode templates make of field f
// (a field with tag t, or an 880 linked to t).
func (x *rec) originField(f view.Field, t int) {
	switch t {
	case 44:
		for v := range f.Values("c") {
			x.placeTerm("code", "iso3166", chopFront(chop(string(v))))
		}
	case 260:
		for v := range f.Values("a") {
			x.placeTerm("text", "", chopFront(chop(string(v))))
		}
		for v := range f.Values("b") {
			x.w.elem("publisher", strings.TrimRight(string(v), ":,;/ "))
		}
		for v := range f.Values("c") {
			if x.leader6Created() {
				x.w.elem("dateCreated", chop(string(v)))
			} else {
				x.w.elem("dateIssued", chop(string(v)))
			}
		}
		for v := range f.Values("g") {
			x.w.elem("dateCreated", string(v))
		}
	case 46:
		for _, e := range [...]struct {
			code             string
			name, enc, point string
		}{
			{"m", "dateValid", "", "start"},
			{"n", "dateValid", "", "end"},
			{"j", "dateModified", "", ""},
			{"c", "dateIssued", "marc", "start"},
			{"e", "dateIssued", "marc", "end"},
			{"k", "dateCreated", "marc", "start"},
			{"l", "dateCreated", "marc", "end"},
		} {
			for v := range f.Values(e.code) {
				x.w.start(e.name)
				if e.enc != "" {
					x.w.attr("encoding", e.enc)
				}
				if e.point != "" {
					x.w.attr("point", e.point)
				}
				x.w.text(string(v))
				x.w.end()
			}
		}
	case 33:
		captured := func(point, v string) {
			x.w.start("dateCaptured")
			x.w.attr("encoding", "iso8601")
			if point != "" {
				x.w.attr("point", point)
			}
			x.w.text(v)
			x.w.end()
		}
		switch indNumber(f.Ind1()) {
		case 0, 1:
			for v := range f.Values("a") {
				captured("", string(v))
			}
		case 2:
			n := 0
			for v := range f.Values("a") {
				if n++; n == 1 {
					captured("start", string(v))
				} else if n == 2 {
					captured("end", string(v))
				}
			}
		}
	case 250:
		for v := range f.Values("a") {
			x.w.elem("edition", string(v))
		}
	case 310, 321:
		x.w.elem("frequency", subfieldSelect(f, "ab"))
	}
}

// placeTerm writes <place><placeTerm type= authority=>v</placeTerm></place>.
func (x *rec) placeTerm(typ, authority, v string) {
	x.w.start("place")
	x.w.start("placeTerm")
	x.w.attr("type", typ)
	if authority != "" {
		x.w.attr("authority", authority)
	}
	x.w.text(v)
	x.w.end()
	x.w.end()
}

// origin264 writes the originInfo of a 264 (or its 880) with the event
// its second indicator names.
func (x *rec) origin264(f view.Field, event string) {
	x.w.start("originInfo")
	x.w.attr("eventType", event)
	x.xxx880(f)
	nA := 0
	for range f.Values("a") {
		nA++
	}
	if nA > 1 {
		// Each $a, followed by the first $b after it, if any (the
		// same $b again for two $a before it).
		i := 0
		for c, v := range f.Subfields() {
			if c == 'a' {
				x.placeTerm("text", "", string(v))
				j := 0
				for c2, v2 := range f.Subfields() {
					if j > i && c2 == 'b' {
						x.w.elem("publisher", string(v2))
						break
					}
					j++
				}
			}
			i++
		}
	} else {
		x.placeTerm("text", "", firstValue(f, 'a'))
		x.w.elem("publisher", firstValue(f, 'b'))
	}
	if v, ok := f.Subfield('c'); ok {
		switch event {
		case "producer":
			x.dateOther("production", string(v))
		case "publisher":
			x.w.elem("dateIssued", string(v))
		case "distributor":
			x.dateOther("distribution", string(v))
		case "manufacturer":
			x.dateOther("manufacture", string(v))
		}
	}
	x.w.end()
}

func (x *rec) dateOther(typ, v string) {
	x.w.elemAttr("dateOther", "type", typ, v)
}
