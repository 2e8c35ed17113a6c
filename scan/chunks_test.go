package scan

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
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

// TestChunkNoIndex: a chunk whose Index is negative (not counted) gives
// the index -1 for every item and in every error, and otherwise the items
// of a sequential scan.
func TestChunkNoIndex(t *testing.T) {
	for _, sc := range scenarios() {
		want := itemsOf(New(sc.data, Options{}))
		for i := range want {
			want[i].Index = -1
		}
		for _, n := range []int{1, 3} {
			var items []got
			for _, c := range Chunks(sc.data, n) {
				c.Index = -1
				items = append(items, itemsOf(NewChunk(c, Options{}))...)
			}
			if d := cmp.Diff(want, items); d != "" {
				t.Fatalf("%s in %d chunks without indexes:\n%s", sc.name, n, d)
			}
		}
		// strict: the error that stops the scan has index -1 too
		for _, c := range Chunks(sc.data, 1) {
			c.Index = -1
			s := NewChunk(c, Options{Strict: true})
			for s.Scan() {
				if s.Index() != -1 {
					t.Fatalf("%s strict: index %d", sc.name, s.Index())
				}
			}
			var re *view.RecordError
			if err := s.Err(); err != nil && (!errors.As(err, &re) || re.Index != -1 || !re.Fatal()) {
				t.Fatalf("%s strict: stop error %v, want index -1 and Stop", sc.name, err)
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

// TestBoundaryRanges: cutting an input at Boundary of random offsets and
// scanning the pieces gives exactly the items of a sequential scan (the
// property a distributed reader of byte ranges relies on), including
// stray terminators inside fields and records glued or broken.
func TestBoundaryRanges(t *testing.T) {
	inputs := map[string][]byte{}
	for _, sc := range scenarios() {
		inputs[sc.name] = sc.data
	}
	for _, cf := range corpusIfPresent(t) {
		if b, err := os.ReadFile(cf.Path); err == nil {
			inputs[cf.Name] = b
		}
	}
	// A stray terminator inside a field of a good record, between two
	// good records.
	good := marctest.Sample()
	stray := append([]byte(nil), good...)
	if i := bytes.Index(stray, []byte("Zauberberg")); i > 0 {
		stray[i+3] = view.RecordTerminator
	}
	inputs["stray terminator"] = stray
	rng := rand.New(rand.NewPCG(1, 2))
	for name, data := range inputs {
		want := itemsOf(New(data, Options{}))
		for trial := range 20 {
			cuts := []int{0}
			for range 1 + trial%7 {
				cuts = append(cuts, rng.IntN(len(data)+1))
			}
			cuts = append(cuts, len(data))
			slices.Sort(cuts)
			var got []got
			idx := 0
			for i := 0; i+1 < len(cuts); i++ {
				a, b := Boundary(data, cuts[i]), Boundary(data, cuts[i+1])
				if a > b {
					t.Fatalf("%s: Boundary(%d) = %d after Boundary(%d) = %d", name, cuts[i], a, cuts[i+1], b)
				}
				c := Chunk{Data: data[a:b:b], Offset: int64(a), Index: idx}
				idx += Count(c, Options{})
				got = append(got, itemsOf(NewChunk(c, Options{}))...)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("%s cut at %v differs from a sequential scan:\n%s", name, cuts, d)
			}
		}
	}
}

func TestBoundary(t *testing.T) {
	rec := marctest.Sample()
	n := bytes.IndexByte(rec, view.RecordTerminator) + 1
	for _, c := range []struct {
		at, want int
	}{
		{-5, 0}, {0, 0}, {1, n}, {n - 1, n}, {n, n}, {n + 1, n + bytes.IndexByte(rec[n:], view.RecordTerminator) + 1}, {len(rec), len(rec)}, {len(rec) + 9, len(rec)},
	} {
		if got := Boundary(rec, c.at); got != c.want {
			t.Errorf("Boundary(%d) = %d, want %d", c.at, got, c.want)
		}
	}
	// After a stray terminator followed by text, the boundary moves on.
	data := append([]byte("00026     2200025   4500\x1dxyz\x1d"), rec...)
	if got := Boundary(data, 3); got != len("00026     2200025   4500\x1dxyz\x1d") {
		t.Errorf("past a stray terminator: %d", got)
	}
}

func TestBoundaryDecided(t *testing.T) {
	rec := marctest.Sample()
	n := bytes.IndexByte(rec, view.RecordTerminator) + 1
	for _, c := range []struct {
		data []byte
		b    int
		want bool
	}{
		{rec, 0, true},
		{rec, n, true},
		{rec[:n+4], n, false}, // four digits of the next leader
		{rec[:n], n, false},   // nothing after the terminator yet
		{append(rec[:n:n], "\n\n00"...), n, false},
		{append(rec[:n:n], "\n\n00123"...), n, true},
	} {
		if got := BoundaryDecided(c.data, c.b); got != c.want {
			t.Errorf("%q at %d: %v", c.data[max(0, c.b-2):], c.b, got)
		}
	}
}
