package mods

import (
	"strings"

	"github.com/marcmap/marcmap/view"
)

// The helpers of MARC21slimUtils.xsl and of the MODS stylesheet's named
// templates, on strings (the stylesheet works on text: characters, not
// bytes).

// hasCode reports whether c is one of codes (XPath contains($codes,
// @code)); a missing code (0) is in no list.
func hasCode(codes string, c byte) bool {
	return c != 0 && strings.IndexByte(codes, c) >= 0
}

// subfieldSelect joins the values of the subfields whose code is in codes
// with a space (MARC21slimUtils.xsl's subfieldSelect).
func subfieldSelect(f view.Field, codes string) string { return joinCodes(f, codes, " ") }

// joinCodes is subfieldSelect with another delimiter.
func joinCodes(f view.Field, codes, sep string) string {
	return string(f.AppendJoined(nil, codes, sep))
}

// specialSubfieldSelect joins with a space the subfields whose code is in
// anyCodes, or in beforeCodes with a subfield axis after them, or in
// afterCodes with a subfield axis before them.
func specialSubfieldSelect(f view.Field, anyCodes string, axis byte, beforeCodes, afterCodes string) string {
	// The positions of the axis subfields, to answer "a following / a
	// preceding sibling with code axis".
	first, last := -1, -1
	i := 0
	for c := range f.Subfields() {
		if c == axis {
			if first < 0 {
				first = i
			}
			last = i
		}
		i++
	}
	var b strings.Builder
	i = 0
	for c, v := range f.Subfields() {
		if hasCode(anyCodes, c) || hasCode(beforeCodes, c) && last > i || hasCode(afterCodes, c) && first >= 0 && first < i {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.Write(v)
		}
		i++
	}
	return b.String()
}

// firstValue is xsl:value-of a subfield node-set: the first one's text.
func firstValue(f view.Field, code byte) string {
	v, _ := f.Subfield(code)
	return string(v)
}

// has reports whether f has a subfield with the code.
func has(f view.Field, code byte) bool {
	_, ok := f.Subfield(code)
	return ok
}

// chop removes ".:,;/ " from the end (MARC21slimUtils.xsl's
// chopPunctuation with its default punctuation).
func chop(s string) string { return strings.TrimRight(s, ".:,;/ ") }

// substr is XPath's substring(s, from, n): the characters at positions
// p (counted from 1) with from <= p < from+n; n < 0 means to the end.
func substr(s string, from, n int) string {
	start, end := -1, len(s)
	p := 1
	for pos := range s {
		in := p >= from && (n < 0 || p < from+n)
		if in && start < 0 {
			start = pos
		}
		if !in && start >= 0 {
			end = pos
			break
		}
		p++
	}
	if start < 0 {
		return ""
	}
	return s[start:end]
}

// normalizeSpace is XPath's normalize-space.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
