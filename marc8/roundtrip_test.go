package marc8

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
	"golang.org/x/text/unicode/norm"
)

// TestCorpusRoundTrip: UTF-8 -> MARC-8 -> UTF-8 is the identity (in NFC)
// for every field of the corpus whose characters all exist in MARC-8; the
// UTF-8 fields are those of UTF-8 records and our decoding of MARC-8 ones.
func TestCorpusRoundTrip(t *testing.T) {
	var d Decoder
	var e Encoder
	var fields, skipped, invalid int
	for _, cf := range marctest.Corpus(t, "iso2709") {
		data, err := os.ReadFile(cf.Path)
		if err != nil {
			t.Fatal(err)
		}
		for r, err := range scan.New(data, scan.Options{}).Records() {
			if err != nil {
				continue
			}
			l := r.Leader()
			for f := range r.Fields() {
				text := f.Data()
				if !l.IsUnicode() {
					text, _ = d.AppendDecode(nil, text)
				}
				if !utf8.Valid(text) {
					invalid++
					continue
				}
				if !CanEncode(text) {
					skipped++
					continue
				}
				want := norm.NFC.Bytes(text)
				m8 := e.AppendEncode(nil, want)
				back, err := d.AppendDecode(nil, m8)
				if err != nil || !bytes.Equal(back, want) {
					t.Errorf("%s %s: round trip\n in   %q\n m8   %q\n back %q (%v)", cf.Name, f.Tag(), want, m8, back, err)
					continue
				}
				fields++
			}
		}
	}
	t.Logf("%d fields round-trip; %d hold characters outside MARC-8, %d are invalid UTF-8", fields, skipped, invalid)
	if fields < 50000 {
		t.Fatalf("only %d fields checked", fields)
	}
}

func TestRecordConversion(t *testing.T) {
	src := marctest.Build("00000nam  2200000 a 4500",
		"001", "m8-1",
		"245", "10$aCaf\xe2e /$c\x1b(NmOSKWA.\x1b(B",
	)
	r, err := view.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var d Decoder
	out, err := d.AppendRecordUTF8(nil, r)
	if err != nil {
		t.Fatal(err)
	}
	u, err := view.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	l := u.Leader()
	if !l.IsUnicode() {
		t.Fatal("leader/09 not set to 'a'")
	}
	f, _ := u.Field("245")
	if string(f.Data()) != "10\x1faCafé /\x1fcМосква." {
		t.Fatalf("245 = %q", f.Data())
	}
	var e Encoder
	back, err := e.AppendRecordMARC8(nil, u)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back, src) {
		t.Fatalf("MARC-8 -> UTF-8 -> MARC-8 changed the record:\n%q\n%q", back, src)
	}
	// strict errors name the field and the byte in the record
	bad := marctest.Build("00000nam  2200000 a 4500", "245", "10$a\x1b(Zx")
	r, _ = view.Parse(bad)
	d.Strict = true
	_, err = d.AppendRecordUTF8(nil, r)
	var re *view.RecordError
	if !asRecordError(err, &re) || !re.Tag.Is("245") || bad[re.Pos] != 0x1b {
		t.Fatalf("strict error = %v", err)
	}
}

func asRecordError(err error, re **view.RecordError) bool {
	e, ok := err.(*view.RecordError)
	if ok {
		*re = e
	}
	return ok && errorsIs(err, view.ErrCharset)
}

func errorsIs(err, target error) bool {
	for err != nil {
		if err == target {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if errorsIs(e, target) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}
