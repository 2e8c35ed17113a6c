package mods

import "github.com/marcmap/marcmap/view"

// recordInfo writes recordInfo: the description standard (leader/18,
// 040 $e), the content source (040 $a), creation and change dates (008,
// 005), the identifier (001, 003), the origin and the languages of
// cataloguing (040 $b).
func (x *rec) recordInfo() {
	x.w.start("recordInfo")
	if x.leader[18] == 'a' {
		x.w.elem("descriptionStandard", "aacr")
	}
	for _, f := range x.fields {
		if isTag(f, 40) {
			if has(f, 'e') {
				x.w.elem("descriptionStandard", firstValue(f, 'e'))
			}
			x.w.elemAttr("recordContentSource", "authority", "marcorg", firstValue(f, 'a'))
		}
	}
	control := func(tag string, fn func(f view.Field)) {
		for _, f := range x.fields {
			if t := f.Tag(); f.IsControl() && t.Is(tag) {
				fn(f)
			}
		}
	}
	control("008", func(f view.Field) {
		x.w.elemAttr("recordCreationDate", "encoding", "marc", substr(string(f.Data()), 1, 6))
	})
	control("005", func(f view.Field) {
		x.w.elemAttr("recordChangeDate", "encoding", "iso8601", string(f.Data()))
	})
	var source []byte
	hasSource := false
	control("003", func(f view.Field) {
		if !hasSource {
			source, hasSource = f.Data(), true
		}
	})
	control("001", func(f view.Field) {
		x.w.start("recordIdentifier")
		if hasSource {
			x.w.attr("source", string(source))
		}
		x.w.text(string(f.Data()))
		x.w.end()
	})
	x.w.elem("recordOrigin", "Converted from MARCXML to MODS version 3.7 using MARC21slim2MODS3-7.xsl (Revision 1.140 20200717)")
	for _, f := range x.fields {
		if isTag(f, 40) {
			for v := range f.Values("b") {
				x.w.start("languageOfCataloging")
				x.w.start("languageTerm")
				x.w.attr("authority", "iso639-2b")
				x.w.attr("type", "code")
				x.w.text(string(v))
				x.w.end()
				x.w.end()
			}
		}
	}
	x.w.end()
}
