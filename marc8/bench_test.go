package marc8

import (
	"bytes"
	"testing"
)

// Benchmark inputs: one field's worth of text, made by encoding UTF-8 with
// our own encoder so the benchmarks need no corpus.
var (
	latinUTF8 = []byte("10\x1faŁódź w latach 1918-1939 :\x1fbhistoria miasta, życie codzienne i kultura /\x1fcopracował Józef Śliwiński ; przedmowa Françoise Müller-Ångström.")
	cjkUTF8   = []byte("  \x1fa这是一本充满想象力的儿童绘本。公车即将开车，司机先生要乘客们把车票拿出来，哪知一阵风吹来，把大家的车票吹得好远好远。\x1fb他们可以顺利追回车票吗？")
	asciiText = []byte("10\x1faMoby Dick, or, The whale /\x1fcby Herman Melville ; with an introduction by the editors.")
)

func benchDecode(b *testing.B, utf []byte) {
	src := AppendEncode(nil, utf)
	var d Decoder
	dst := make([]byte, 0, 4*len(src))
	d.AppendDecode(nil, src) // build the NFC tables before the timing
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		dst, err = d.AppendDecode(dst[:0], src)
		if err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.Equal(dst, utf) && len(utf) > 0 && string(dst) != string(utf) {
		b.Logf("decoded text differs from the original (normalisation): %q", dst)
	}
}

func BenchmarkDecodeLatin(b *testing.B) { benchDecode(b, latinUTF8) }
func BenchmarkDecodeCJK(b *testing.B)   { benchDecode(b, cjkUTF8) }
func BenchmarkDecodeASCII(b *testing.B) { benchDecode(b, asciiText) }

func BenchmarkEncodeLatin(b *testing.B) {
	var e Encoder
	dst := make([]byte, 0, 1024)
	b.SetBytes(int64(len(latinUTF8)))
	b.ReportAllocs()
	for b.Loop() {
		dst = e.AppendEncode(dst[:0], latinUTF8)
	}
}

func BenchmarkEncodeCJK(b *testing.B) {
	var e Encoder
	dst := make([]byte, 0, 1024)
	b.SetBytes(int64(len(cjkUTF8)))
	b.ReportAllocs()
	for b.Loop() {
		dst = e.AppendEncode(dst[:0], cjkUTF8)
	}
}

func TestBenchInputsRoundTrip(t *testing.T) {
	var d Decoder
	for _, s := range [][]byte{latinUTF8, cjkUTF8, asciiText} {
		got, err := d.AppendDecode(nil, AppendEncode(nil, s))
		if err != nil || !bytes.Equal(got, s) {
			t.Errorf("round trip of %q gave %q (%v)", s, got, err)
		}
	}
}
