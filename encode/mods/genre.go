package mods

import (
	"strings"

	"github.com/marcmap/marcmap/view"
)

// typeOf008 is the stylesheet's $typeOf008: which 008 layout leader/06
// and 07 select (BK, SE, MM, CF, MP, VM, MU), or "".
func (x *rec) typeOf008() string {
	l6, l7 := x.leader[6], x.leader[7]
	switch l6 {
	case 'a':
		switch l7 {
		case 'a', 'c', 'd', 'm':
			return "BK"
		case 'b', 'i', 's':
			return "SE"
		}
	case 't':
		return "BK"
	case 'p':
		return "MM"
	case 'm':
		return "CF"
	case 'e', 'f':
		return "MP"
	case 'g', 'k', 'o', 'r':
		return "VM"
	case 'c', 'd', 'i', 'j':
		return "MU"
	}
	return ""
}

// c008 returns 008 characters from MARC position pos (counted from 0),
// n of them, as XPath's substring gives them.
func (x *rec) c008(pos, n int) string { return substr(x.f008, pos+1, n) }

// has007 reports whether some 007 starts with the two characters ab.
func (x *rec) has007(ab string) bool {
	for _, f := range x.fields {
		if t := f.Tag(); f.IsControl() && t.Is("007") && substr(string(f.Data()), 1, 2) == ab {
			return true
		}
	}
	return false
}

func (x *rec) marcgt(genre string) {
	x.w.elemAttr("genre", "authority", "marcgt", genre)
}

// firstOf writes the genre of the first code in keys (a letter of s, in the
// order of keys) that s contains, as an xsl:choose of contains() tests.
func (x *rec) firstOf(s string, keys string, genres []string) {
	for i := 0; i < len(keys); i++ {
		if strings.IndexByte(s, keys[i]) >= 0 {
			x.marcgt(genres[i])
			return
		}
	}
}

var (
	natureKeys   = "abcdefgiklmnopqrstvwz"
	natureGenres = []string{"abstract or summary", "bibliography", "catalog", "dictionary", "encyclopedia", "handbook", "legal article",
		"index", "discography", "legislation", "theses", "survey of literature", "review", "programmed text", "filmography",
		"directory", "statistics", "technical report", "legal case and case notes", "law report or digest", "treaty"}
	literaryKeys   = "edclhifjs"
	literaryGenres = []string{"essay", "drama", "comic strip", "fiction", "humor, satire", "letter", "novel", "short story", "speech"}
	musicKeys      = "bcdefohkmprgsl"
	musicGenres    = []string{"biography", "conference publication", "drama", "essay", "fiction", "folktale", "history",
		"humor, satire", "memoir", "poetry", "rehearsal", "reporting", "sound", "speech"}
	visualKeys   = "abcdfgiklmnopqrstvw"
	visualGenres = []string{"art original", "kit", "art reproduction", "diorama", "filmstrip", "legal article", "picture", "graphic",
		"technical drawing", "motion picture", "chart", "flash card", "microscope slide", "model", "realia", "slide",
		"transparency", "videorecording", "toy"}
	serialKeys   = "dlmnpw"
	serialGenres = []string{"database", "loose-leaf", "series", "newspaper", "periodical", "web site"}
)

// genres writes the genre elements: those the 008 and 007 codes give,
// then 047, 336 and 655 (each with its linked 880s).
func (x *rec) genres() {
	typ := x.typeOf008()
	if x.c008(25, 1) == "d" {
		x.marcgt("globe")
	}
	if x.has007("ar") {
		x.marcgt("remote-sensing image")
	}
	if typ == "MP" {
		switch c := x.c008(25, 1); {
		case c == "a" || c == "b" || c == "c" || x.has007("aj"):
			x.marcgt("map")
		case c == "e" || x.has007("ad"):
			x.marcgt("atlas")
		}
	}
	if typ == "SE" {
		if c := x.c008(21, 1); c != "" {
			x.firstOf(c, serialKeys, serialGenres)
		}
	}
	if typ == "BK" || typ == "SE" {
		x.firstOf(x.c008(24, 4), natureKeys, natureGenres)
		if x.c008(29, 1) == "1" {
			x.marcgt("conference publication")
		}
	}
	if typ == "CF" {
		switch x.c008(26, 1) {
		case "a":
			x.marcgt("numeric data")
		case "e":
			x.marcgt("database")
		case "f":
			x.marcgt("font")
		case "g":
			x.marcgt("game")
		}
	}
	if typ == "BK" {
		if x.c008(24, 1) == "j" {
			x.marcgt("patent")
		}
		if x.c008(24, 1) == "2" {
			x.marcgt("offprint")
		}
		if x.c008(30, 1) == "1" {
			x.marcgt("festschrift")
		}
		if c := x.c008(34, 1); c == "a" || c == "b" || c == "c" || c == "d" {
			x.marcgt("biography")
		}
		if c := x.c008(33, 1); c != "" {
			x.firstOf(c, literaryKeys, literaryGenres)
		}
	}
	if typ == "MU" {
		s := x.c008(30, 2)
		for i := 0; i < len(musicKeys); i++ {
			if strings.IndexByte(s, musicKeys[i]) >= 0 {
				x.marcgt(musicGenres[i])
			}
		}
	}
	if typ == "VM" {
		// The choose's order: the codes before q, then q or an 007 "aq"
		// (model), then the codes after it.
		c := x.c008(33, 1)
		if i := strings.Index(visualKeys, c); c != "" && i >= 0 && i < strings.IndexByte(visualKeys, 'q') {
			x.marcgt(visualGenres[i])
		} else if c == "q" || x.has007("aq") {
			x.marcgt("model")
		} else if c != "" && i >= 0 {
			x.marcgt(visualGenres[i])
		}
	}
	if typ == "BK" || typ == "CF" || typ == "MP" || typ == "VM" {
		if c := x.c008(28, 1); c != "" && strings.IndexByte("acfmilosuz|", c[0]) >= 0 {
			x.marcgt("government publication")
		}
	}
	x.selectTag(47, func(_ int, f view.Field) { x.genre047(f) })
	x.selectTag(336, func(_ int, f view.Field) { x.genre336(f) })
	x.selectTag(655, func(_ int, f view.Field) { x.genre655(f) })
}

func (x *rec) genre047(f view.Field) {
	x.w.start("genre")
	x.w.attr("authority", "marcgt")
	switch f.Ind2() {
	case ' ':
		x.w.attr("authority", "marcmuscomp")
	case '7':
		if has(f, '2') {
			x.w.attr("authority", firstValue(f, '2'))
		}
	}
	x.w.attr("type", "musical composition")
	x.xxx880(f)
	x.w.text(joinCodes(f, "abcdef", "-"))
	x.w.end()
}

func (x *rec) genre336(f view.Field) {
	x.w.start("genre")
	if has(f, '2') {
		x.w.attr("authority", firstValue(f, '2'))
	}
	x.xxx880(f)
	x.w.text(joinCodes(f, "a", "-"))
	x.w.end()
}

func (x *rec) genre655(f view.Field) {
	x.w.start("genre")
	x.w.attr("authority", "marcgt")
	if has(f, '2') {
		x.w.attr("authority", firstValue(f, '2'))
	} else if f.Ind2() != ' ' {
		x.w.attr("authority", string([]byte{f.Ind2()}))
	}
	x.xxx880(f)
	x.w.text(joinCodes(f, "abvxyz", "-"))
	x.w.end()
}
