package marc8

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// oddEACC are the decode-only EACC codes the generator adds to the LoC table.
var oddEACC = map[uint32]bool{0x21203D: true, 0x212040: true, 0x7F2014: true, 0x7F2019: true, 0x7F2020: true, 0x7F2122: true}

func TestTablesSorted(t *testing.T) {
	for i := 1; i < len(eaccCodes); i++ {
		if eaccCodes[i] <= eaccCodes[i-1] {
			t.Fatalf("eaccCodes not strictly increasing at %d: %#x after %#x", i, eaccCodes[i], eaccCodes[i-1])
		}
	}
	for i := 1; i < len(encodeTable); i++ {
		if encodeTable[i].r <= encodeTable[i-1].r {
			t.Fatalf("encodeTable not strictly increasing at %d", i)
		}
	}
	if len(eaccCodes) < 15000 || len(encodeTable) < 15000 {
		t.Fatalf("tables too small: %d EACC codes, %d encodable runes", len(eaccCodes), len(encodeTable))
	}
}

// TestEveryMappingRoundTrips decodes every single-byte code of every set and
// every EACC code, and encodes the result back.
func TestEveryMappingRoundTrips(t *testing.T) {
	var d Decoder
	var e Encoder
	checked := 0
	for i, code := range eaccCodes {
		src := []byte{esc, '$', '1', byte(code >> 16), byte(code >> 8), byte(code), esc, '(', 'B'}
		got, err := d.AppendDecode(nil, src)
		if err != nil || string(got) != norm.NFC.String(string(eaccRunes[i])) {
			t.Fatalf("EACC %#x decodes to %q (%v), want %q", code, got, err, eaccRunes[i])
		}
		if oddEACC[code] {
			continue // decode only: encoding uses a reference instead
		}
		back, _ := d.AppendDecode(nil, e.AppendEncode(nil, got))
		if string(back) != string(got) {
			t.Errorf("EACC %#x: %q does not survive encode+decode: %q", code, got, back)
		}
		checked++
	}
	t.Logf("%d EACC codes checked", checked)
}
