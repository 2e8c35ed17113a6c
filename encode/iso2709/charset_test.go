package iso2709

import (
	"errors"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

func TestCheckCharset(t *testing.T) {
	for _, c := range []struct {
		name string
		raw  []byte
		tag  string
		pos  int // -1: clean
	}{
		{"clean UTF-8", marctest.Build(marctest.Leader, "001", "x", "245", "10$aBrontë"), "", -1},
		{"invalid UTF-8", marctest.Build(marctest.Leader, "001", "x", "245", "10$aBront\xeb"), "245", 60},
		{"clean MARC-8", marctest.Build("00000nam  2200000 a 4500", "245", "10$aBront\xe8e"), "", -1},
		{"bad escape", marctest.Build("00000nam  2200000 a 4500", "245", "10$aa\x1b(Zb"), "245", -2},
		{"UTF-8 declared MARC-8", marctest.Build("00000nam  2200000 a 4500", "245", "10$aBrontë"), "245", -2},
		// Indicators and subfield codes are printable ASCII; the text has no
		// control characters (issue 11: these passed and became U+FFFD).
		{"indicator 0xB2", marctest.Build(marctest.Leader, "001", "x", "082", "\xb20$a813"), "082", 51},
		{"no indicators", marctest.Build(marctest.Leader, "001", "x", "245", "$aTitle"), "245", 51},
		{"subfield code 0xEF", marctest.Build(marctest.Leader, "001", "x", "260", "  $\xef\xbf\xbdx"), "260", 54},
		{"control in 008", marctest.Build("00000nam  2200000 a 4500", "008", "8501\x01\x01"), "008", 41},
		{"control in UTF-8 text", marctest.Build(marctest.Leader, "245", "10$aa\x0cb"), "245", 42},
		{"delimiter in a control field", marctest.Build(marctest.Leader, "007", "ta$bx"), "007", 39},
		{"ESC in MARC-8 is fine", marctest.Build("00000nam  2200000 a 4500", "245", "10$a\x1bgab\x1bs"), "", -1},
		{"code after an empty subfield", marctest.Build(marctest.Leader, "245", "10$$\xc3\xa9"), "245", 41},
		{"ESC in UTF-8 is not", marctest.Build(marctest.Leader, "245", "10$a\x1bgab\x1bs"), "245", 41},
	} {
		r, err := view.Parse(c.raw)
		if err != nil {
			t.Fatal(err)
		}
		err = CheckCharset(r)
		var re *view.RecordError
		switch {
		case c.pos == -1 && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.pos != -1 && (!errors.As(err, &re) || !errors.Is(err, view.ErrCharset) || !re.Tag.Is(c.tag)):
			t.Errorf("%s: %v", c.name, err)
		case c.pos >= 0 && re.Pos != c.pos:
			t.Errorf("%s: position %d, want %d", c.name, re.Pos, c.pos)
		}
	}
}
