package authority_test

import (
	"context"
	"maps"
	"path/filepath"
	"sync"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/authority"
	"github.com/marcmap/marcmap/holdings"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/view"
)

// TestCorpusAuthority reads every authority file of the corpus: each
// record is of kind Authority and has a 1XX heading; the first record of
// C388555MarcAuth.mrc has the heading and see-also tracings its dump shows.
func TestCorpusAuthority(t *testing.T) {
	var n, withTracings int
	for _, cf := range marctest.Corpus(t, "iso2709") {
		if filepath.Dir(cf.Name) != "folio-stripes" {
			continue
		}
		rd, err := marcmap.Open(cf.Path, marcmap.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for r, err := range rd.Records() {
			if err != nil || r.Leader().Kind() != view.Authority {
				continue
			}
			n++
			if _, ok := authority.Heading(r); !ok {
				t.Errorf("%s record at %d: no heading", cf.Name, rd.Offset())
			}
			for range authority.SeeFrom(r) {
				withTracings++
				break
			}
		}
		rd.Close()
	}
	if n < 400 {
		t.Errorf("%d authority records, the corpus has 426", n)
	}
	t.Logf("%d authority records, %d with see-from tracings", n, withTracings)

	rd, err := marcmap.Open(filepath.Join(marctest.CorpusDir(t), "folio-stripes", "C388555MarcAuth.mrc"), marcmap.Options{})
	if err != nil {
		t.Skip(err)
	}
	defer rd.Close()
	if !rd.Scan() || rd.Err() != nil {
		t.Fatal(rd.Err())
	}
	r := rd.Record()
	h, _ := authority.Heading(r)
	var also []string
	for f := range authority.SeeAlso(r) {
		also = append(also, f.String())
	}
	if h.String() != `=150  \\$aC388555 Bulls` || len(also) != 2 || also[0] != `=550  \\$wg$aCattle` {
		t.Fatalf("heading %s, see also %q", h, also)
	}
}

// TestCorpusKindsParallel: the parallel path reads the authority and
// holdings files of the corpus as the sequential one does: the same
// headings and locations, whatever the number of workers.
func TestCorpusKindsParallel(t *testing.T) {
	for _, cf := range marctest.Corpus(t, "iso2709") {
		if filepath.Dir(cf.Name) != "folio-stripes" {
			continue
		}
		seq := map[string]int{}
		rd, err := marcmap.Open(cf.Path, marcmap.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for r, err := range rd.Records() {
			if err == nil {
				seq[summary(r)]++
			}
		}
		rd.Close()
		for _, workers := range []int{1, 2, 4} {
			var mu sync.Mutex
			par := map[string]int{}
			rd, _ := marcmap.Open(cf.Path, marcmap.Options{})
			err := rd.ForEach(context.Background(), parallel.Options{Workers: workers}, func(_ int, r marcmap.Record) error {
				mu.Lock()
				par[summary(r)]++
				mu.Unlock()
				return nil
			})
			rd.Close()
			if err != nil || !maps.Equal(seq, par) {
				t.Fatalf("%s, %d workers: %v\nsequential %v\nparallel %v", cf.Name, workers, err, seq, par)
			}
		}
	}
}

// summary is a record's kind with its heading or its locations.
func summary(r view.Record) string {
	s := r.Leader().Kind().String()
	if h, ok := authority.Heading(r); ok {
		s += " " + h.Format()
	}
	for f := range holdings.Locations(r) {
		s += " @" + f.Format()
	}
	return s
}
