package mods

import "strings"

// dropBarHash is XPath's translate(s, '|#', ”), for the few characters
// of 008/35-37.
func dropBarHash(s string) string {
	if !strings.ContainsAny(s, "|#") {
		return s
	}
	return strings.NewReplacer("|", "", "#", "").Replace(s)
}

// language writes the language elements: the 008/35-37 code, then each
// language of each 041 $a $b $d $e $f $g $h, three letters at a time
// (codes run together, "engfre"), skipping a code already written by the
// same subfield or in the 008 (the stylesheet's test is a substring test
// on the codes run together, and so is this one); with $2 rfc3066 the
// subfield is one RFC 3066 tag.
func (x *rec) language() {
	raw := x.c008(35, 3)
	cf := normalizeSpace(dropBarHash(raw))
	if cf != "" {
		x.w.start("language")
		x.w.start("languageTerm")
		x.w.attr("authority", "iso639-2b")
		x.w.attr("type", "code")
		x.w.text(raw)
		x.w.end()
		x.w.end()
	}
	for _, f := range x.fields {
		if !isTag(f, 41) {
			continue
		}
		rfc := false
		for v := range f.Values("2") {
			rfc = rfc || string(v) == "rfc3066"
		}
		for c, v := range f.Subfields() {
			if !hasCode("abdefgh", c) {
				continue
			}
			val := string(v)
			if rfc {
				if val != "" && val != cf && val != "rfc3066" {
					x.languageTerm(c, "rfc3066", val)
				}
				continue
			}
			used := cf
			cur, rest := substr(val, 1, 3), substr(val, 4, -1)
			for cur != "" {
				if !strings.Contains(used, cur) {
					x.languageTerm(c, "iso639-2b", cur)
				}
				used += cur
				cur, rest = substr(rest, 1, 3), substr(rest, 4, -1)
			}
		}
	}
}

var objectParts = map[byte]string{'b': "summary", 'd': "sung or spoken text", 'e': "libretto", 'f': "table of contents", 'g': "accompanying material", 'h': "translation"}

func (x *rec) languageTerm(code byte, authority, term string) {
	x.w.start("language")
	if code != 'a' {
		part := objectParts[code]
		if authority == "rfc3066" && code == 'b' {
			part = "summary or subtitle"
		}
		x.w.attr("objectPart", part)
	}
	x.w.start("languageTerm")
	x.w.attr("authority", authority)
	x.w.attr("type", "code")
	x.w.text(term)
	x.w.end()
	x.w.end()
}
