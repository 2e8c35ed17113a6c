package marc8

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzDecode: decoding never panics, lenient output is always valid UTF-8
// and equal to decoding then normalising, and text that decodes strictly
// survives encode + decode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("10\x1faCaf\xe2e /\x1fc\x1b(NmOSKWA.\x1b(B"))
	f.Add([]byte("\x1b$1!04!BX\x1b(B \xeb i\xeca"))
	f.Add([]byte("\x1fa\x1b$1!04\x1b)Q\xc0\x1bp2\x1bs\x88\x8d"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var lenient Decoder
		out, err := lenient.AppendDecode(nil, src)
		if err != nil {
			t.Fatalf("lenient decode failed: %v", err)
		}
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 from %q: %q", src, out)
		}
		// The direct NFC equals decoding then normalising.
		var slow Decoder
		raw, _ := slow.decode(nil, src)
		if want := norm.NFC.Append(nil, raw...); needsDecoding(src) && !bytes.Equal(out, want) {
			t.Fatalf("%q: direct NFC %q, normaliser %q", src, out, want)
		}
		strict := Decoder{Strict: true}
		text, err := strict.AppendDecode(nil, src)
		if err != nil || !utf8.Valid(text) || !CanEncode(text) || bytes.IndexByte(src, delim) >= 0 {
			return
		}
		back, err := strict.AppendDecode(nil, AppendEncode(nil, text))
		if err != nil || !bytes.Equal(back, text) {
			t.Fatalf("%q decodes to %q, which re-encodes to something decoding to %q (%v)", src, text, back, err)
		}
	})
}
