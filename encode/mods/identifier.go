package mods

import (
	"strings"

	"github.com/marcmap/marcmap/view"
)

// identifiers writes the identifier elements: 020, 024, 022, 010, 028,
// 035 (OCLC and WlCaITV numbers), 037, the handles of 856 and 024 UPCs,
// in the stylesheet's order (no 880s: the stylesheet takes none here).
func (x *rec) identifiers() {
	id := func(typ, invalid, text string, withType bool) {
		x.w.start("identifier")
		if withType {
			x.w.attr("type", typ)
		}
		if invalid != "" {
			x.w.attr("invalid", invalid)
		}
		x.w.text(text)
		x.w.end()
	}
	each := func(tag int, fn func(f view.Field)) {
		for _, f := range x.fields {
			if isTag(f, tag) {
				fn(f)
			}
		}
	}
	each(20, func(f view.Field) {
		if has(f, 'a') {
			id("isbn", "", firstValue(f, 'a'), true)
		}
	})
	each(20, func(f view.Field) {
		if has(f, 'z') {
			id("isbn", "yes", firstValue(f, 'z'), true)
		}
	})
	each(24, func(f view.Field) {
		if f.Ind1() == '0' && has(f, 'a') {
			id("isrc", "", firstValue(f, 'a'), true)
		}
	})
	each(24, func(f view.Field) {
		if f.Ind1() == '2' && has(f, 'a') {
			id("ismn", "", firstValue(f, 'a'), true)
		}
	})
	each(24, func(f view.Field) {
		if f.Ind1() == '4' {
			id("sici", "", subfieldSelect(f, "ab"), true)
		}
	})
	each(24, func(f view.Field) {
		if f.Ind1() == '7' {
			id(firstValue(f, '2'), "", firstValue(f, 'a'), has(f, '2'))
		}
	})
	each(24, func(f view.Field) {
		if f.Ind1() == '8' {
			id("", "", firstValue(f, 'a'), false)
		}
	})
	for _, c := range []struct {
		code         byte
		typ, invalid string
	}{{'a', "issn", ""}, {'z', "issn", "yes"}, {'y', "issn", "yes"}, {'l', "issn-l", ""}, {'m', "issn-l", "yes"}} {
		each(22, func(f view.Field) {
			if has(f, c.code) {
				id(c.typ, c.invalid, firstValue(f, c.code), true)
			}
		})
	}
	each(10, func(f view.Field) {
		if has(f, 'a') {
			id("lccn", "", normalizeSpace(firstValue(f, 'a')), true)
		}
	})
	each(10, func(f view.Field) {
		if has(f, 'z') {
			id("lccn", "yes", normalizeSpace(firstValue(f, 'z')), true)
		}
	})
	each(28, func(f view.Field) {
		typ := map[byte]string{'0': "issue number", '1': "matrix number", '2': "music plate", '3': "music publisher", '4': "videorecording identifier"}[f.Ind1()]
		id(typ, "", subfieldSelect(f, "ab"), true)
	})
	for _, prefix := range []string{"(OCoLC)", "(WlCaITV)"} {
		typ := "oclc"
		if prefix == "(WlCaITV)" {
			typ = "WlCaITV"
		}
		each(35, func(f view.Field) {
			found := false
			for v := range f.Values("a") {
				found = found || strings.Contains(string(v), prefix)
			}
			if found {
				_, after, _ := strings.Cut(firstValue(f, 'a'), prefix)
				id(typ, "", normalizeSpace(after), true)
			}
		})
	}
	each(37, func(f view.Field) {
		x.w.start("identifier")
		x.w.attr("type", "stock number")
		if has(f, 'c') {
			x.w.attr("displayLabel", subfieldSelect(f, "c"))
		}
		x.w.text(subfieldSelect(f, "ab"))
		x.w.end()
	})
	each(856, func(f view.Field) {
		if !has(f, 'u') {
			return
		}
		u := firstValue(f, 'u')
		_, after, _ := strings.Cut(u, "http://hdl.loc.gov/")
		if strings.HasPrefix(u, "urn:hdl") || strings.HasPrefix(u, "hdl") || strings.HasPrefix(u, "http://hdl.loc.gov") {
			id("hdl", "", "hdl:"+after, true)
		}
		if strings.HasPrefix(u, "urn:hdl") || strings.HasPrefix(u, "hdl") {
			x.w.start("identifier")
			x.w.attr("type", "hdl")
			if has(f, 'y') || has(f, '3') || has(f, 'z') {
				x.w.attr("displayLabel", subfieldSelect(f, "y3z"))
			}
			x.w.text("hdl:" + after)
			x.w.end()
		}
	})
	each(24, func(f view.Field) {
		if f.Ind1() == '1' {
			id("upc", "", firstValue(f, 'a'), true)
		}
	})
}
