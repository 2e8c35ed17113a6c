package marcbeam

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/rtrackers/offsetrange"
	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
)

// TestDynamicSplitWithRealTracker: the runner splits a range while it is
// read (Beam's offsetrange tracker, as a runner drives it): the primary
// ends without error and done, and primary plus residual give every
// record once.
func TestDynamicSplitWithRealTracker(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat(marctest.Sample(), 20)
	path := filepath.Join(dir, "a.mrc")
	os.WriteFile(path, data, 0o644)
	file := fileio.ReadableFile{Metadata: fileio.FileMetadata{Path: path, Size: int64(len(data))}}
	want := len(sequential(data))
	splits := 0
	for _, after := range []int{1, 3, 40, want - 1} {
		fn := &readFn{BlockSize: 1 << 20}
		rt := fn.CreateTracker(fn.CreateInitialRestriction(file))
		n := 0
		var residual any
		emit := func(Record) {
			n++
			if n == after {
				_, res, err := rt.TrySplit(0.5)
				if err != nil {
					t.Fatal(err)
				}
				residual = res
			}
		}
		if err := fn.ProcessElement(context.Background(), rt, file, emit, func(Reject) {}); err != nil {
			t.Fatal(err)
		}
		if !rt.IsDone() || rt.GetError() != nil {
			t.Fatalf("split after %d records: done %v, error %v", after, rt.IsDone(), rt.GetError())
		}
		if residual != nil {
			splits++
			rt2 := fn.CreateTracker(residual.(offsetrange.Restriction))
			if err := fn.ProcessElement(context.Background(), rt2, file, func(Record) { n++ }, func(Reject) {}); err != nil {
				t.Fatal(err)
			}
			if !rt2.IsDone() || rt2.GetError() != nil {
				t.Fatalf("residual: done %v, error %v", rt2.IsDone(), rt2.GetError())
			}
		}
		if n != want {
			t.Errorf("split after %d records: %d records in all, want %d", after, n, want)
		}
	}
	if splits == 0 {
		t.Fatal("the tracker never split")
	}
}

// TestNoBoundaryIsAnError: bytes with no record boundary (random bytes,
// a compressed file) end a range with an error once MaxPiece is read,
// instead of holding the whole file; a range of them reads little past
// its end when a boundary comes.
func TestNoBoundaryIsAnError(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, MaxPiece+1<<20)
	for i := range data {
		data[i] = byte(rng.Uint32()) | 0x20 // no terminator anywhere
	}
	var r countingReader
	r.r = bytes.NewReader(data)
	err := readRange(&r, 4096, 8192, scan.Options{}, func(int64) bool { return true }, func(Item) {})
	if err == nil || !strings.Contains(err.Error(), "no record boundary") {
		t.Fatalf("%v", err)
	}
	if r.n > MaxPiece+1<<20 {
		t.Errorf("read %d bytes", r.n)
	}
	big := bytes.Repeat(marctest.Sample(), 2000) // ~5 MB
	r = countingReader{r: bytes.NewReader(big)}
	if err := readRange(&r, 0, 1000, scan.Options{}, func(int64) bool { return true }, func(Item) {}); err != nil {
		t.Fatal(err)
	}
	if r.n > 256<<10 {
		t.Errorf("a range of 1000 bytes read %d bytes", r.n)
	}
}

// TestJSONArrayOneRecordPerLine: MARC-in-JSON written as an array with one
// record per line (marcmap convert -to mij -array) gives its records and
// no reject, in ranges too.
func TestJSONArrayOneRecordPerLine(t *testing.T) {
	var b bytes.Buffer
	enc := encode.NewEncoder(&b, marcjson.Options{Array: true})
	n := 0
	for r, err := range scan.New(marctest.Sample(), scan.Options{}).Records() {
		if err == nil {
			enc.Encode(r)
			n++
		}
	}
	enc.Close()
	data := b.Bytes()
	if !ndjson(data) {
		t.Fatalf("not taken for one record per line:\n%s", data)
	}
	ts := &textSource{}
	for _, cut := range []int{0, len(data) / 3, len(data) / 2} {
		var got []Item
		for _, rg := range [][2]int{{0, cut}, {cut, len(data)}} {
			base := max(rg[0]-1, 0)
			if err := ts.readRange(bytes.NewReader(data[base:]), int64(rg[0]), int64(rg[1]), func(int64) bool { return true }, func(it Item) { got = append(got, it) }); err != nil {
				t.Fatal(err)
			}
		}
		if len(got) != n {
			t.Fatalf("cut at %d: %d items, want %d", cut, len(got), n)
		}
		for _, it := range got {
			if it.Err != "" {
				t.Fatalf("cut at %d: reject %s", cut, it.Err)
			}
		}
	}
}
