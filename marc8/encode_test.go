package marc8

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestEncodeDecode(t *testing.T) {
	tests := []struct {
		name, utf8, marc8 string
	}{
		{"ascii", "Plain text", "Plain text"},
		{"acute", "café", "caf\xe2e"},
		{"two marks in canonical order", "q\u0323\u0301x", "\xf2\xe2qx"},
		{"ligature", "i\u0361a", "\xebi\xeca"},
		{"double tilde", "n\u0360g", "\xfan\xfbg"},
		{"cyrillic", "Москва", "\x1b(NmOSKWA\x1b(B"},
		{"cyrillic with punctuation", "Москва :", "\x1b(NmOSKWA :\x1b(B"},
		{"hebrew", "שלום", "\x1b(2ylem\x1b(B"},
		{"greek symbol", "α", "\x1bga\x1bs"},
		{"superscript", "x²", "x\x1bp2\x1bs"},
		{"cjk", "中文", "\x1b$1!04!BX\x1b(B"}, // 213034, 214258 in the LoC table
		{"no MARC-8 equivalent", "a☃b", "a&#x2603;b"},
		{"subfields return to ASCII", "  \x1faМосква\x1fbx", "  \x1fa\x1b(NmOSKWA\x1b(B\x1fbx"},
		{"euro sign in ANSEL", "€5", "\xc85"},
	}
	var e Encoder
	var d Decoder
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := string(e.AppendEncode(nil, []byte(tc.utf8)))
			if got != tc.marc8 {
				t.Errorf("encode %q = %q, want %q", tc.utf8, got, tc.marc8)
			}
			back, err := d.AppendDecode(nil, []byte(tc.marc8))
			if err != nil {
				t.Fatal(err)
			}
			want := tc.utf8
			if tc.name == "no MARC-8 equivalent" {
				want = tc.marc8 // the reference stays as text
			}
			if string(back) != want {
				t.Errorf("decode %q = %q, want %q", tc.marc8, back, want)
			}
		})
	}
}

// TestEveryCharacterBetweenOthers: every character of the tables, between
// two ASCII letters, comes back in place from encoding and decoding (a
// character Unicode calls combining but a MARC-8 set writes as a spacing
// one, such as Arabic superscript alef, was moved before its neighbour).
func TestEveryCharacterBetweenOthers(t *testing.T) {
	d := Decoder{Strict: true}
	n := 0
	for _, e := range encodeTable {
		s := norm.NFC.String("a" + string(e.r) + "b")
		if !CanEncode([]byte(s)) {
			continue
		}
		back, err := d.AppendDecode(nil, AppendEncode(nil, []byte(s)))
		if err != nil || string(back) != s {
			t.Errorf("U+%04X: %q comes back as %q (%v)", e.r, s, back, err)
		}
		n++
	}
	if n < 1000 {
		t.Fatalf("only %d characters tried", n)
	}
}
