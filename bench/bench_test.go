package bench

import (
	"bufio"
	"context"
	"encoding/xml"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	boutros "github.com/boutros/marc"
	gsiems "github.com/gsiems/go-marc21/pkg/marc21"
	marcli "github.com/hectorcorrea/marcli/pkg/marc"
	miku "github.com/miku/marc21"
	"github.com/mitlibraries/fml"
	xmmap "golang.org/x/exp/mmap"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

var (
	inputOnce sync.Once
	inputPath string
	inputErr  error
)

// input makes (once) the benchmark file from the corpus's UTF-8 records,
// or from the bundled sample when the corpus is absent.
func input(b *testing.B) string {
	inputOnce.Do(func() {
		seed := Seed()
		dir := os.Getenv("MARCMAP_BENCH_DIR")
		if dir == "" {
			dir = os.TempDir()
		}
		inputPath, inputErr = Input(dir, seed)
	})
	if inputErr != nil {
		b.Fatal(inputErr)
	}
	return inputPath
}

// heapPeak samples the heap while fn runs and returns the peak in MiB.
func heapPeak(fn func()) float64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(done)
	return float64(peak.Load()) / (1 << 20)
}

// reader is one way of reading the file: it calls rec for each record with
// a walk function that visits every field and subfield value.
type reader struct {
	name string
	run  func(b *testing.B, path string, work workload) (records int)
}

type workload int

const (
	count workload = iota
	walk
	toXML
)

func (w workload) String() string { return [...]string{"count", "walk", "marcxml"}[w] }

func sink(n int) { sinkVal.Add(int64(n)) }

var sinkVal atomic.Int64

func walkView(r view.Record) int {
	n := 0
	for f := range r.Fields() {
		if f.IsControl() {
			n += len(f.Data())
			continue
		}
		for c, v := range f.Subfields() {
			n += int(c) + len(v)
		}
	}
	return n
}

func marcmapSeq(b *testing.B, path string, w workload) int {
	m, err := mmapio.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	return marcmapScan(b, scan.New(m.Bytes(), scan.Options{}), w)
}

func marcmapScan(b *testing.B, s *scan.Scanner, w workload) int {
	n := 0
	var enc *marcxml.Encoder
	if w == toXML {
		enc = marcxml.NewEncoder(io.Discard, marcxml.Options{})
	}
	for s.Scan() {
		if s.Err() != nil {
			continue
		}
		n++
		switch w {
		case walk:
			sink(walkView(s.Record()))
		case toXML:
			if err := enc.Encode(s.Record()); err != nil {
				b.Fatal(err)
			}
		}
	}
	if enc != nil {
		enc.Close()
	}
	return n
}

func marcmapParallel(b *testing.B, path string, w workload) int {
	m, err := mmapio.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	var n atomic.Int64
	if w == toXML {
		err = parallel.Encode(context.Background(), io.Discard, parallel.Bytes(m.Bytes()), parallel.Options{}, countingFormat{marcxml.Options{}, &n})
	} else {
		err = parallel.ForEach(context.Background(), parallel.Bytes(m.Bytes()), parallel.Options{NoIndex: w == count}, func(_ int, r view.Record) error {
			n.Add(1)
			if w == walk {
				sink(walkView(r))
			}
			return nil
		})
	}
	if err != nil {
		b.Fatal(err)
	}
	return int(n.Load())
}

// countingFormat counts the records it encodes.
type countingFormat struct {
	encode.Format
	n *atomic.Int64
}

func (f countingFormat) Append(dst []byte, r view.Record) ([]byte, error) {
	f.n.Add(1)
	return f.Format.Append(dst, r)
}

func marcmapStream(b *testing.B, path string, w workload) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	return marcmapScan(b, scan.NewReader(f, scan.Options{}), w)
}

func marcmapReaderAt(b *testing.B, path string, w workload) int {
	ra, err := xmmap.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer ra.Close()
	return marcmapScan(b, scan.NewReader(io.NewSectionReader(ra, 0, int64(ra.Len())), scan.Options{}), w)
}

func fmlRead(b *testing.B, path string, w workload) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	it := fml.NewMarcIterator(f)
	n := 0
	for it.Next() {
		rec, err := it.Value()
		if err != nil {
			continue
		}
		n++
		switch w {
		case walk:
			s := 0
			for _, fld := range rec.Fields {
				switch x := fld.(type) {
				case fml.ControlField:
					s += len(x.Value)
				case fml.DataField:
					for _, sf := range x.SubFields {
						s += len(sf.Code) + len(sf.Value)
					}
				}
			}
			sink(s)
		case toXML:
			xml.NewEncoder(io.Discard).Encode(rec)
		}
	}
	return n
}

func marcliRead(b *testing.B, path string, w workload) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	mf := marcli.NewMarcFile(f)
	n := 0
	for mf.Scan() {
		rec, err := mf.Record()
		if err != nil {
			continue
		}
		n++
		switch w {
		case walk:
			s := 0
			for _, fld := range rec.Fields {
				s += len(fld.Value)
				for _, sf := range fld.SubFields {
					s += len(sf.Code) + len(sf.Value)
				}
			}
			sink(s)
		case toXML:
			xml.NewEncoder(io.Discard).Encode(rec)
		}
	}
	return n
}

func boutrosRead(b *testing.B, path string, w workload) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	dec := boutros.NewDecoder(bufio.NewReader(f), boutros.MARC)
	var enc *boutros.Encoder
	if w == toXML {
		enc = boutros.NewEncoder(io.Discard, boutros.MARCXML)
	}
	n := 0
	for {
		rec, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			break // the decoder cannot go on after an error
		}
		n++
		switch w {
		case walk:
			s := 0
			for _, c := range rec.CtrlFields {
				s += len(c.Value)
			}
			for _, d := range rec.DataFields {
				for _, sf := range d.SubFields {
					s += len(sf.Code) + len(sf.Value)
				}
			}
			sink(s)
		case toXML:
			enc.Encode(rec)
		}
	}
	if enc != nil {
		enc.Flush()
	}
	return n
}

func gsiemsRead(b *testing.B, path string, w workload) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	// gsiems reads with single Read calls, not io.ReadFull: through a
	// bufio.Reader it loses records at buffer boundaries, so it gets the
	// file itself (regular files fill every Read).
	n := 0
	for {
		rec, err := gsiems.ParseNextRecord(f)
		if err != nil {
			break
		}
		n++
		switch w {
		case walk:
			s := 0
			for _, c := range rec.Controlfields {
				s += len(c.Text)
			}
			for _, d := range rec.Datafields {
				for _, sf := range d.Subfields {
					s += len(sf.Code) + len(sf.Text)
				}
			}
			sink(s)
		case toXML:
			xml.NewEncoder(io.Discard).Encode(rec)
		}
	}
	return n
}

func mikuRead(b *testing.B, path string, w workload) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	n := 0
	for {
		rec, err := miku.ReadRecord(r)
		if err != nil {
			break
		}
		n++
		switch w {
		case walk:
			s := 0
			for _, fld := range rec.Fields {
				switch x := fld.(type) {
				case *miku.ControlField:
					s += len(x.Data)
				case *miku.DataField:
					for _, sf := range x.SubFields {
						s += 1 + len(sf.Value)
					}
				}
			}
			sink(s)
		case toXML:
			xml.NewEncoder(io.Discard).Encode(rec)
		}
	}
	return n
}

var readers = []reader{
	{"marcmap-mmap", marcmapSeq},
	{"marcmap-mmap-parallel", marcmapParallel},
	{"marcmap-stream", marcmapStream},
	{"marcmap-readerat", marcmapReaderAt},
	{"fml", fmlRead},
	{"marcli", marcliRead},
	{"boutros", boutrosRead},
	{"gsiems", gsiemsRead},
	{"miku", mikuRead},
	{"handwritten", handwrittenRead},
}

// handwrittenRead is the no-library baseline (handwritten.go): counting
// terminators, and the walk; its marcxml row repeats the walk, as it has
// no encoder.
func handwrittenRead(b *testing.B, path string, w workload) int {
	n, s, err := handwrittenFile(path, w != count)
	if err != nil {
		b.Fatal(err)
	}
	sink(s)
	return n
}

// BenchmarkReaders runs every reader on every workload. Sizes: records/s,
// MB/s (b.SetBytes), allocs per record, peak heap.
func BenchmarkReaders(b *testing.B) {
	path := input(b)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []workload{count, walk, toXML} {
		for _, rd := range readers {
			b.Run(w.String()+"/"+rd.name, func(b *testing.B) {
				b.SetBytes(st.Size())
				b.ReportAllocs()
				var recs int
				var peak float64
				var ms0, ms1 runtime.MemStats
				runtime.ReadMemStats(&ms0)
				for b.Loop() {
					peak = max(peak, heapPeak(func() { recs = rd.run(b, path, w) }))
				}
				runtime.ReadMemStats(&ms1)
				b.ReportMetric(float64(recs)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
				if recs > 0 {
					b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/float64(recs)/float64(b.N), "allocs/record")
				}
				b.ReportMetric(peak, "peak-heap-MiB")
				b.ReportMetric(float64(recs), "records")
			})
		}
	}
}

// TestHandwrittenWalkAgrees: the baseline walk sees the records and the
// values marcmap's walk sees, so the two are compared on the same work.
func TestHandwrittenWalkAgrees(t *testing.T) {
	os.Setenv("MARCMAP_BENCH_MB", "1")
	path, err := Input(t.TempDir(), marctest.Sample())
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	n, sum := HandwrittenWalk(data)
	want, wantSum := 0, 0
	for r, err := range scan.New(data, scan.Options{}).Records() {
		if err == nil {
			want++
			wantSum += walkView(r)
		}
	}
	if n != want || sum != wantSum || n == 0 {
		t.Fatalf("handwritten walk: %d records, sum %d; marcmap %d, %d", n, sum, want, wantSum)
	}
}

// TestReadersAgree checks, on a small input, that every reader finds the
// same number of records as marcmap, so the comparison is fair.
func TestReadersAgree(t *testing.T) {
	os.Setenv("MARCMAP_BENCH_MB", "1")
	path, err := Input(t.TempDir(), marctest.Sample())
	if err != nil {
		t.Fatal(err)
	}
	want := marcmapSeq(nil, path, count)
	for _, rd := range readers {
		for _, w := range []workload{count, walk} {
			if got := rd.run(nil, path, w); got != want {
				t.Errorf("%s %s: %d records, marcmap %d", rd.name, w, got, want)
			}
		}
	}
}
