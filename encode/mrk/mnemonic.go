package mrk

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/view"
	"golang.org/x/text/unicode/norm"
)

// MARCMaker character mnemonics: the names the Library of Congress's
// MARCMaker and MARCBreaker (and MarcEdit after them) write for the MARC-8
// characters outside printable ASCII, one name per byte of the ANSEL
// (Extended Latin) set, plus {esc}, {joiner}, {nonjoin}, the ASCII
// characters the format itself uses ({dollar}, {lcub}, {rcub}, {bsol}),
// and {XX}, any byte as two upper-case hex digits. {diaer} and {hacek} are
// read as the alternative names of {uml} and {caron}, {szlig} and {euro}
// as the names of C7 and C8 (added to ANSEL after the LoC table was made).
var marc8Names = map[string]byte{
	"esc": 0x1B, "dollar": '$', "lcub": '{', "rcub": '}', "bsol": '\\',
	"joiner": 0x8D, "nonjoin": 0x8E,

	"Lstrok": 0xA1, "Ostrok": 0xA2, "Dstrok": 0xA3, "THORN": 0xA4,
	"AElig": 0xA5, "OElig": 0xA6, "softsign": 0xA7, "middot": 0xA8,
	"flat": 0xA9, "reg": 0xAA, "plusmn": 0xAB, "Ohorn": 0xAC,
	"Uhorn": 0xAD, "mlrhring": 0xAE, "mllhring": 0xB0, "lstrok": 0xB1,
	"ostrok": 0xB2, "dstrok": 0xB3, "thorn": 0xB4, "aelig": 0xB5,
	"oelig": 0xB6, "hardsign": 0xB7, "inodot": 0xB8, "pound": 0xB9,
	"eth": 0xBA, "ohorn": 0xBC, "uhorn": 0xBD, "deg": 0xC0,
	"scriptl": 0xC1, "phono": 0xC2, "copy": 0xC3, "sharp": 0xC4,
	"iquest": 0xC5, "iexcl": 0xC6, "szlig": 0xC7, "euro": 0xC8,

	"hooka": 0xE0, "grave": 0xE1, "acute": 0xE2, "circ": 0xE3,
	"tilde": 0xE4, "macr": 0xE5, "breve": 0xE6, "dot": 0xE7,
	"uml": 0xE8, "diaer": 0xE8, "caron": 0xE9, "hacek": 0xE9,
	"ring": 0xEA, "llig": 0xEB, "rlig": 0xEC, "rcommaa": 0xED,
	"dblac": 0xEE, "candra": 0xEF, "cedil": 0xF0, "ogon": 0xF1,
	"dotb": 0xF2, "dbldotb": 0xF3, "ringb": 0xF4, "dblunder": 0xF5,
	"under": 0xF6, "commab": 0xF7, "rcedil": 0xF8, "breveb": 0xF9,
	"ldbltil": 0xFA, "rdbltil": 0xFB, "commaa": 0xFE,
}

// marc8Mnemonic is the name written for each byte outside printable
// ASCII in a MARC-8 record written Raw: the LoC name, or {XX}. The
// structure bytes 1D-1F are not written so (the reader would keep {1F} as
// text): a 1F in a control field stays a raw byte, as in UTF-8 output.
var marc8Mnemonic = func() (t [256]string) {
	const hex = "0123456789ABCDEF"
	for i := range t {
		t[i] = "{" + hex[i>>4:i>>4+1] + hex[i&15:i&15+1] + "}"
	}
	for name, c := range marc8Names {
		if c >= 0x80 && name != "diaer" && name != "hacek" || c == 0x1B {
			t[c] = "{" + name + "}"
		}
	}
	return t
}()

// indexMnemonic returns the index of the first byte of p written as a
// mnemonic in a MARC-8 record, or -1.
func indexMnemonic(p []byte) int {
	for i, c := range p {
		switch {
		case c < 0x1D || c >= 0x7F, c == '$', c == '{', c == '}', c == '\\':
			return i
		}
	}
	return -1
}

// ansel holds, for each byte from 0x80, its text in a UTF-8 record: the
// character MARC-8 decoding gives (decomposed, a combining mark alone), or
// "" where there is none (an undefined code, the second half of a
// ligature or double tilde, which UTF-8 writes as one mark).
var ansel = sync.OnceValue(func() (t [128]string) {
	var d marc8.Decoder
	d.Form = marc8.NFD
	for i := range t {
		c := byte(0x80 + i)
		if c >= 0xE0 {
			// A combining mark: decode it on a base and keep the mark.
			out, err := d.AppendDecode(nil, []byte{c, 'a'})
			if err == nil && len(out) > 1 && out[0] == 'a' {
				t[i] = string(out[1:])
			}
			continue
		}
		out, err := d.AppendDecode(nil, []byte{c})
		if err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
			t[i] = string(out)
		}
	}
	return t
})

// mnemonic returns the byte of the mnemonic at the start of p and its
// length in p, or n 0 when p does not start with one. Our own {x0A} and
// {x0D} are mnemonics too; the structure bytes 1D, 1E and 1F are not.
func mnemonic(p []byte) (c byte, n int) {
	if len(p) < 3 || p[0] != '{' {
		return 0, 0
	}
	end := bytes.IndexByte(p[1:min(len(p), 12)], '}')
	if end < 0 {
		return 0, 0
	}
	name := p[1 : 1+end]
	switch {
	case len(name) == 2 && isHex(name[0]) && isHex(name[1]):
		c = unhex(name[0])<<4 | unhex(name[1])
	case len(name) == 3 && name[0] == 'x' && isHex(name[1]) && isHex(name[2]):
		c = unhex(name[1])<<4 | unhex(name[2])
		if c != '\n' && c != '\r' {
			return 0, 0
		}
	default:
		b, ok := marc8Names[string(name)]
		if !ok {
			return 0, 0
		}
		c = b
	}
	if c == view.RecordTerminator || c == view.FieldTerminator || c == view.SubfieldDelimiter {
		return 0, 0
	}
	return c, end + 2
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' }

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'A' + 10
}

// decoder turns MRK text into field bytes: the byte special (blank or
// delimiter marker) into replacement, mnemonics into MARC-8 bytes in a
// MARC-8 record (leader/09 blank), or into UTF-8 in a UTF-8 record, where
// a combining mark, written before its base character as in MARC-8, is
// moved after it and the field is then put in NFC.
type decoder struct {
	utf8    bool // the record is UTF-8
	moved   bool // a combining mark was moved: normalise the field
	pending []byte
}

func (d *decoder) decode(dst, p []byte, special, replacement byte) []byte {
	for i := 0; i < len(p); {
		if len(d.pending) == 0 {
			// A run of ASCII with nothing to replace is copied whole.
			j := i
			for j < len(p) && p[j] < 0x80 && p[j] != '{' && p[j] != special {
				j++
			}
			if j > i {
				dst = append(dst, p[i:j]...)
				i = j
				continue
			}
		}
		c := p[i]
		n := 1
		switch {
		case c == special:
			c = replacement
		case c == '{':
			if m, k := mnemonic(p[i:]); k > 0 {
				c, n = m, k
			}
		}
		i += n
		if !d.utf8 || c < 0x80 || n == 1 {
			if n == 1 && c >= 0x80 && d.utf8 {
				// A UTF-8 sequence of the text: copy it whole, then any
				// marks that wait for it as their base.
				_, size := utf8.DecodeRune(p[i-1:])
				dst = append(dst, p[i-1:i-1+size]...)
				i += size - 1
			} else {
				if c == view.SubfieldDelimiter {
					dst = append(dst, d.pending...) // marks with no base
					d.pending = d.pending[:0]
				}
				dst = append(dst, c)
			}
			if len(d.pending) > 0 {
				dst = append(dst, d.pending...)
				d.pending = d.pending[:0]
				d.moved = true
			}
			continue
		}
		s := ansel()[c-0x80]
		if c >= 0xE0 {
			d.pending = append(d.pending, s...)
			continue
		}
		if s == "" {
			dst = append(dst, p[i-n:i]...) // no character: kept as text
			continue
		}
		dst = append(dst, s...)
		if len(d.pending) > 0 {
			dst = append(dst, d.pending...)
			d.pending = d.pending[:0]
			d.moved = true
		}
	}
	dst = append(dst, d.pending...) // marks with no base: kept, at the end
	d.pending = d.pending[:0]
	return dst
}

// finish normalises field (from start) to NFC when a mark was moved.
func (d *decoder) finish(field []byte, start int, scratch []byte) ([]byte, []byte) {
	if !d.moved {
		return field, scratch
	}
	d.moved = false
	scratch = norm.NFC.Append(scratch[:0], field[start:]...)
	return append(field[:start], scratch...), scratch
}
