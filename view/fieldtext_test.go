package view

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFieldText(t *testing.T) {
	r := mustParse(t, build(testLeader,
		"001", "ocm123",
		"008", "850101s1985    nyu",
		"245", "10$aMoby Dick :$bor, The whale /$bop. 26 /$6880-01$cMelville. ",
		"650", " 0$aWhaling$xHistory$vFiction.$6880-02",
		"500", "  $a  padded  $b$c",
	))
	f245, _ := r.Field("245")
	var got []string
	for v := range f245.Values("b") {
		got = append(got, string(v))
	}
	if d := cmp.Diff([]string{"or, The whale /", "op. 26 /"}, got); d != "" {
		t.Errorf("Values(b): %s", d)
	}
	if n := len(f245.AppendValues(nil, "")); n != 5 {
		t.Errorf("AppendValues(all): %d values", n)
	}
	if s := string(f245.AppendJoined(nil, "ab", " ")); s != "Moby Dick : or, The whale / op. 26 /" {
		t.Errorf("AppendJoined %q", s)
	}
	cases := []struct{ tag, value, format, text string }{
		{"001", "ocm123", "ocm123", "=001  ocm123"},
		{"245", "Moby Dick : or, The whale / op. 26 / 880-01 Melville.", "Moby Dick : or, The whale / op. 26 / Melville.", "=245  10$aMoby Dick :$bor, The whale /$bop. 26 /$6880-01$cMelville. "},
		{"650", "Whaling History Fiction. 880-02", "Whaling -- History -- Fiction.", "=650  \\0$aWhaling$xHistory$vFiction.$6880-02"},
		{"500", "padded  ", "padded", "=500  \\\\$a  padded  $b$c"},
	}
	for _, c := range cases {
		f, _ := r.Field(c.tag)
		if f.Value() != c.value || f.Format() != c.format || f.String() != c.text {
			t.Errorf("%s: Value %q Format %q String %q\nwant %q %q %q", c.tag, f.Value(), f.Format(), f.String(), c.value, c.format, c.text)
		}
	}
	f008, _ := r.Field("008")
	if v, ok := f008.Chars(7, 10); !ok || string(v) != "1985" {
		t.Errorf("Chars(7,10) %q %v", v, ok)
	}
	if v, ok := f008.Chars(15, 20); ok || string(v) != "nyu" {
		t.Errorf("Chars(15,20) of a short field: %q %v, want the part and false", v, ok)
	}
	if v, ok := f008.Chars(35, 37); ok || v != nil {
		t.Errorf("Chars(35,37) past the end: %q %v", v, ok)
	}
	if v, ok := f008.Chars(3, 2); ok || v != nil {
		t.Errorf("Chars(3,2): %q %v", v, ok)
	}
	l := r.Leader()
	if v, ok := l.Chars(6, 7); !ok || string(v) != "am" {
		t.Errorf("Leader.Chars(6,7) %q %v", v, ok)
	}
}

func TestKind(t *testing.T) {
	for c, want := range map[byte]Kind{'a': Bibliographic, 't': Bibliographic, 'z': Authority, 'u': Holdings, 'y': Holdings,
		'w': Classification, 'q': Community, 'b': KindUnknown, ' ': KindUnknown} {
		var l Leader
		l[6] = c
		if l.Kind() != want {
			t.Errorf("%q: %v, want %v", c, l.Kind(), want)
		}
	}
	if Authority.String() != "authority" || Kind(99).String() != "unknown" {
		t.Error("Kind.String")
	}
}
