package scan

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
)

func itemsOf(s *Scanner) []got {
	var out []got
	for s.Scan() {
		out = append(out, item2got(s))
	}
	return out
}

// TestChunksMatchSequential: scanning the chunks of an input, with indexes
// from Count's prefix sums, gives exactly the items of a sequential scan,
// for every scenario file and corpus file and many chunk counts.
func TestChunksMatchSequential(t *testing.T) {
	inputs := map[string][]byte{}
	for _, sc := range scenarios() {
		inputs[sc.name] = sc.data
	}
	{
		for _, cf := range corpusIfPresent(t) {
			b, err := os.ReadFile(cf.Path)
			if err == nil {
				inputs[cf.Name] = b
			}
		}
	}
	for name, data := range inputs {
		want := itemsOf(New(data, Options{}))
		for _, n := range []int{1, 2, 3, 7, 64} {
			chunks := Chunks(data, n)
			var got []got
			idx := 0
			for _, c := range chunks {
				c.Index = idx
				idx += Count(c, Options{})
				got = append(got, itemsOf(NewChunk(c, Options{}))...)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s in %d chunks differs from a sequential scan:\n%s", name, n, d)
			}
		}
	}
}

// corpusIfPresent lists the corpus's ISO 2709 files, or none (without
// skipping) when the corpus is absent.
func corpusIfPresent(t *testing.T) []marctest.CorpusFile {
	var out []marctest.CorpusFile
	t.Run("corpus", func(t *testing.T) { out = marctest.Corpus(t, "iso2709") })
	return out
}

func TestAppendRecords(t *testing.T) {
	data, err := os.ReadFile(scenarioPath("stray-record-terminator"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Scanner{New(data, Options{}), NewReader(bytes.NewReader(data), Options{})} {
		batch, n := s.AppendRecords(nil, 2)
		if n != 2 || len(batch) != 1 {
			t.Fatalf("first batch: %d items, %d records", n, len(batch))
		}
		batch, n = s.AppendRecords(batch, 10)
		if n != 2 || len(batch) != 3 || s.Err() != nil {
			t.Fatalf("second batch: %d items, %d records, err %v", n, len(batch), s.Err())
		}
		for i, r := range batch {
			f, _ := r.Field("001")
			if want := fmt.Sprintf("rec-%d", i+1); string(f.Data()) != want {
				t.Fatalf("record %d is %q", i, f.Data())
			}
		}
	}
}
