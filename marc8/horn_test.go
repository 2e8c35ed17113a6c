package marc8

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestHornAndHalves: a horned letter with a second diacritic is written
// with ANSEL's o-horn/u-horn plus the mark (before: "&#x031B;"), and the
// ligature and double-tilde halves U+FE20-FE23 (the LoC table's
// alternates, which pymarc writes) as EB/EC/FA/FB (before: "&#xFE2x;").
// Both decode back to the same text in NFC.
func TestHornAndHalves(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"\u1edf", "\xe0\xbc"},           // ở: hook above (E0) before ơ (BC)
		{"\u1eea", "\xe1\xad"},           // Ừ: grave (E1) before Ư (AD)
		{"\u01a1", "\xbc"},               // ơ alone
		{"t\ufe20s\ufe21", "\xebt\xecs"}, // ligature halves
		{"n\ufe22g\ufe23", "\xfan\xfbg"}, // double tilde halves
	} {
		got := string(AppendEncode(nil, []byte(c.in)))
		if got != c.want {
			t.Errorf("%+q: got %q, want %q", c.in, got, c.want)
		}
		back := string(AppendDecode(nil, []byte(got)))
		if c.in[0] != 't' && c.in[0] != 'n' && back != c.in {
			t.Errorf("%+q: decodes back as %+q", c.in, back)
		}
	}
}

// TestHornOnlyAndLoneHalves: only the horn is folded into its letter
// (other marks keep their canonical order), and a second half with no
// first half before it stays a reference (MARC-8 decoders drop a lone EC).
func TestHornOnlyAndLoneHalves(t *testing.T) {
	in := "\u0438\u0300\u0306" // и, grave, breve: both class 230, order matters
	if back := string(AppendDecode(nil, AppendEncode(nil, []byte(in)))); back != norm.NFC.String(in) {
		t.Errorf("%+q came back as %+q", in, back)
	}
	if got := string(AppendEncode(nil, []byte("x\ufe21"))); got != "&#xFE21;x" { // marks come before their letter
		t.Errorf("lone second half: %q", got)
	}
}
