package marcmap_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"sync/atomic"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/parallel"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.mrc")

func TestSampleFile(t *testing.T) {
	want := marctest.Sample()
	if *update {
		if err := os.WriteFile("testdata/sample.mrc", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("testdata/sample.mrc")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("testdata/sample.mrc differs from marctest.Sample; run go test . -run SampleFile -update")
	}
}

func TestOpen(t *testing.T) {
	f, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r, err := range f.Records() {
		if err != nil {
			t.Fatal(err)
		}
		if r.Repairs() != 0 {
			t.Fatalf("sample record %d needed repairs", n)
		}
		n++
	}
	if n != 5 {
		t.Fatalf("%d records", n)
	}
	s, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	for s.Scan() {
	}
	if s.Err() != nil || s.Index() != 4 || s.Format() != marcmap.ISO2709 {
		t.Fatalf("strict scan: %v at %d", s.Err(), s.Index())
	}
	s.Close()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	if _, err := marcmap.Open("testdata/does-not-exist.mrc", marcmap.Options{}); err == nil {
		t.Fatal("opened a missing file")
	}
}

func TestFileForEachAndEncode(t *testing.T) {
	f, err := marcmap.Open("testdata/sample.mrc", marcmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n atomic.Int64
	err = f.ForEach(context.Background(), parallel.Options{}, func(i int, r marcmap.Record) error {
		if i < 0 || i > 4 || r.NumFields() == 0 {
			t.Errorf("record %d", i)
		}
		n.Add(1)
		return nil
	})
	if err != nil || n.Load() != 5 {
		t.Fatalf("ForEach: %d records, %v", n.Load(), err)
	}
	var out bytes.Buffer
	f, err = marcmap.Open("testdata/sample.mrc", marcmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Encode(context.Background(), &out, parallel.Options{}, iso2709.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), f.Bytes()) {
		t.Fatal("Encode with iso2709.Append did not reproduce the file")
	}
}
