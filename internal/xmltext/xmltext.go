// Package xmltext escapes text for XML documents, as every XML writer of
// marcmap (MARCXML, Dublin Core, MODS) does it.
package xmltext

import "unicode/utf8"

// plain marks the ASCII bytes Append copies as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '&' && c != '<' && c != '>' && c != '"' && c != '\''
	}
	return t
}()

// Append appends p to dst escaped for XML text and attribute values:
// & < > " ' as entities, CR as &#13; (a raw one would come back as LF),
// tab and LF as they are; a C0 control character, invalid UTF-8, U+FFFE
// and U+FFFF, which XML 1.0 cannot carry, become U+FFFD.
func Append(dst, p []byte) []byte {
	start := 0
	for i := 0; i < len(p); {
		c := p[i]
		if plain[c] {
			i++
			continue
		}
		if c >= 0x80 {
			r, n := utf8.DecodeRune(p[i:])
			if (r != utf8.RuneError || n > 1) && r != 0xFFFE && r != 0xFFFF {
				i += n
				continue
			}
			dst = append(dst, p[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i += n
			start = i
			continue
		}
		dst = append(dst, p[start:i]...)
		switch c {
		case '&':
			dst = append(dst, "&amp;"...)
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '"':
			dst = append(dst, "&quot;"...)
		case '\'':
			dst = append(dst, "&apos;"...)
		case '\t', '\n':
			dst = append(dst, c)
		case '\r':
			dst = append(dst, "&#13;"...)
		default:
			dst = append(dst, "\uFFFD"...)
		}
		i++
		start = i
	}
	return append(dst, p[start:]...)
}
