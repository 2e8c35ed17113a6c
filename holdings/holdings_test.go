package holdings_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/holdings"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

// TestCorpusHoldings: the holdings records of marcFileForC359209.mrc give
// their locations, textual holdings and enumerations with captions.
func TestCorpusHoldings(t *testing.T) {
	rd, err := marcmap.Open(filepath.Join(marctest.CorpusDir(t), "folio-stripes", "marcFileForC359209.mrc"), marcmap.Options{})
	if err != nil {
		t.Skip(err)
	}
	defer rd.Close()
	var got []string
	for r, err := range rd.Records() {
		if err != nil {
			t.Fatal(err)
		}
		if r.Leader().Kind() != view.Holdings {
			t.Fatalf("kind %v", r.Leader().Kind())
		}
		for f := range holdings.Locations(r) {
			b, _ := f.Subfield('b')
			got = append(got, "852 "+string(b))
		}
		for f := range holdings.Textual(r) {
			a, _ := f.Subfield('a')
			got = append(got, f.Tag().String()+" "+string(a))
		}
		for e := range holdings.Enumerations(r) {
			if e.Caption.Tag().String() != "853" {
				t.Errorf("863 without its 853: %s", e.Values)
			}
			got = append(got, "863 "+string(e.AppendDisplay(nil)))
		}
	}
	want := []string{
		"852 KU/CC/DI/A", "866 no.2-no.13,no.18-no.33,no.42 (1967-1968,1971-1974)",
		"852 KU/CC/DI/A",
		"863 v.3-18:no.1-2 (1975-1990)", "863 v.19:no.1-2 (1991)", "863 v.21-22:no.2-5 (1993-1994)",
		"863 v.23-27:no.1-4 (1995-1999)", "863 v.27-29:no.6-6 (1999-2001/2002)", "863 v.30:no.2-3 (2002)",
		"863 v.30-34:no.5-5 (2002-2006)", "863 v.35-36:no.1-3 (2007-2008)", "863 v.37:no.2-3 (2009)",
		"852 KU/CC/DI/A", "866 [no.1]-no.3,no.5",
		"852 KU/CC/DI/A", "863 2014", "863 2017",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("(-want +got):\n%s", d)
	}
}

// TestEmptyLink: an 863 whose $8 has no link number is paired with no
// caption, not with a caption that has no $8 at all.
func TestEmptyLink(t *testing.T) {
	r, _ := view.Parse(marctest.Build("00000ny  a2200000 a 4500",
		"853", "20$av.",
		"863", "40$8.1$a3",
	))
	for e := range holdings.Enumerations(r) {
		if e.Caption.Tag().String() == "853" || string(e.AppendDisplay(nil)) != "3" {
			t.Fatalf("paired with %s: %q", e.Caption, e.AppendDisplay(nil))
		}
	}
}
