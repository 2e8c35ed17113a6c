package marc8_test

// External test: converting whole records between MARC-8 and UTF-8 lives in
// package iso2709 (Options.Charset, WithUTF8), which imports marc8, so these
// tests cannot be in package marc8.

import (
	"bytes"
	"errors"
	"testing"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/view"
)

func TestRecordConversion(t *testing.T) {
	src := marctest.Build("00000nam  2200000 a 4500",
		"001", "m8-1",
		"245", "10$aCaf\xe2e /$c\x1b(NmOSKWA.\x1b(B",
	)
	r, err := view.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	out, err := iso2709.Options{Charset: iso2709.UTF8}.Append(nil, r)
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
	// A UTF-8 record is written as it is.
	again, err := iso2709.Options{Charset: iso2709.UTF8}.Append(nil, u)
	if err != nil || !bytes.Equal(again, out) {
		t.Fatalf("UTF-8 -> UTF-8 changed the record (%v):\n%q\n%q", err, again, out)
	}
	// WithUTF8 gives the same conversion.
	var viaWith []byte
	if err := iso2709.WithUTF8(r, false, func(c view.Record) { viaWith = bytes.Clone(c.Bytes()) }); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(viaWith, out) {
		t.Fatalf("WithUTF8 differs from Options.Append:\n%q\n%q", viaWith, out)
	}
	back, err := iso2709.Options{Charset: iso2709.MARC8}.Append(nil, u)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back, src) {
		t.Fatalf("MARC-8 -> UTF-8 -> MARC-8 changed the record:\n%q\n%q", back, src)
	}
	// A MARC-8 record is written as it is.
	again, err = iso2709.Options{Charset: iso2709.MARC8}.Append(nil, r)
	if err != nil || !bytes.Equal(again, src) {
		t.Fatalf("MARC-8 -> MARC-8 changed the record (%v):\n%q\n%q", err, again, src)
	}
	// strict errors name the field and the byte in the record
	bad := marctest.Build("00000nam  2200000 a 4500", "245", "10$a\x1b(Zx")
	r, _ = view.Parse(bad)
	keep := []byte("keep")
	got, err := iso2709.Options{Charset: iso2709.UTF8, Strict: true}.Append(keep, r)
	checkStrictError(t, bad, err)
	if string(got) != "keep" {
		t.Fatalf("Append wrote %q despite the error", got)
	}
	called := false
	err = iso2709.WithUTF8(r, true, func(view.Record) { called = true })
	checkStrictError(t, bad, err)
	if called {
		t.Fatal("WithUTF8 called fn despite the error")
	}
	// leniently, an unknown escape sequence loses its ESC byte (doc.go)
	out, err = iso2709.Options{Charset: iso2709.UTF8}.Append(nil, r)
	if err != nil {
		t.Fatal(err)
	}
	u, err = view.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := u.Field("245"); string(f.Data()) != "10\x1fa(Zx" {
		t.Fatalf("lenient 245 = %q", f.Data())
	}
}

// checkStrictError: err is a *view.RecordError wrapping view.ErrCharset and
// a *marc8.Error, naming field 245 and the escape byte in the record.
func checkStrictError(t *testing.T, bad []byte, err error) {
	t.Helper()
	var re *view.RecordError
	if !errors.As(err, &re) || !errors.Is(err, view.ErrCharset) || !re.Tag.Is("245") || re.Pos < 0 || re.Pos >= len(bad) || bad[re.Pos] != 0x1b {
		t.Fatalf("strict error = %v", err)
	}
	var me *marc8.Error
	if !errors.As(err, &me) {
		t.Fatalf("strict error %v is not a *marc8.Error", err)
	}
}
