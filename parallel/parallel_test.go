package parallel

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/malformed"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// input: many records with broken ones among them.
func input() []byte {
	var b []byte
	for i, c := range malformed.Cases(3) {
		b = append(b, c.Data...)
		if i%5 == 0 {
			b = append(b, "\r\n"...)
		}
	}
	return append(b, bytes.Repeat(marctest.Sample(), 50)...)
}

type rec struct {
	index int
	raw   string
}

func TestForEachMatchesSequential(t *testing.T) {
	data := input()
	var want []rec
	s := scan.New(data, scan.Options{})
	wantBad := 0
	for s.Scan() {
		if s.Err() != nil {
			wantBad++
			continue
		}
		want = append(want, rec{s.Index(), string(s.Record().Bytes())})
	}
	for _, workers := range []int{1, 2, 5} {
		var mu sync.Mutex
		got := make([]rec, 0, len(want))
		bad := 0
		err := ForEach(context.Background(), Bytes(data), Options{Workers: workers, BadRecord: func(err error, raw []byte) error {
			var re *view.RecordError
			if !errors.As(err, &re) {
				t.Errorf("bad record error %T", err)
			}
			mu.Lock()
			bad++
			mu.Unlock()
			return nil
		}}, func(i int, r view.Record) error {
			mu.Lock()
			got = append(got, rec{i, string(r.Bytes())})
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		byIndex := map[int]string{}
		for _, g := range got {
			byIndex[g.index] = g.raw
		}
		if len(got) != len(want) || bad != wantBad {
			t.Fatalf("workers=%d: %d records, %d bad; sequential %d, %d", workers, len(got), bad, len(want), wantBad)
		}
		for _, w := range want {
			if byIndex[w.index] != w.raw {
				t.Fatalf("workers=%d: record %d differs from the sequential scan", workers, w.index)
			}
		}
	}
}

func TestForEachStopsOnError(t *testing.T) {
	data := bytes.Repeat(marctest.Sample(), 200)
	boom := errors.New("boom")
	err := ForEach(context.Background(), Bytes(data), Options{Workers: 3}, func(i int, r view.Record) error {
		if i == 500 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ForEach(ctx, Bytes(data), Options{}, func(int, view.Record) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	// strict mode: the bad record with the lowest index is the error
	strictData := append(bytes.Clone(data), input()...)
	seq := scan.New(strictData, scan.Options{Strict: true})
	for seq.Scan() {
	}
	err = ForEach(context.Background(), Bytes(strictData), Options{Workers: 4, Scan: scan.Options{Strict: true}}, func(int, view.Record) error { return nil })
	if err == nil || err.Error() != seq.Err().Error() {
		t.Fatalf("strict: %v, sequential: %v", err, seq.Err())
	}
	var re *view.RecordError
	if !errors.As(err, &re) || !re.Fatal() {
		t.Fatalf("strict: %v is not a fatal *view.RecordError", err)
	}
}

// sequential encodes the good records of data with an encode.Encoder, one
// by one: what Encode must write. Records f cannot encode are skipped, as
// the Encoder does.
func sequential(t *testing.T, data []byte, f encode.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := encode.NewEncoder(&buf, f)
	s := scan.New(data, scan.Options{})
	for s.Scan() {
		if s.Err() != nil {
			continue
		}
		if err := enc.Encode(s.Record()); err != nil {
			var re *view.RecordError
			if !errors.As(err, &re) {
				t.Fatal(err)
			}
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEncodeMatchesEncoder: Encode writes the same bytes as an
// encode.Encoder writing the records one by one, header, separators and
// footer included, for any number of workers, from a slice or a stream,
// and for an input without records.
func TestEncodeMatchesEncoder(t *testing.T) {
	inputs := map[string][]byte{
		"mixed":   input(),
		"sample":  marctest.Sample(),
		"empty":   nil,
		"all bad": []byte("this is not a record\x1dnor this\x1d"),
	}
	formats := map[string]encode.Format{
		"marcxml":        marcxml.Options{},
		"marcjson array": marcjson.Options{Array: true},
		"marcjson":       marcjson.Options{},
		"iso2709":        iso2709.Options{},
		"mrk":            mrk.Options{},
	}
	for iname, data := range inputs {
		for fname, f := range formats {
			want := sequential(t, data, f)
			for _, workers := range []int{1, 2, 7} {
				var out bytes.Buffer
				if err := Encode(context.Background(), &out, Bytes(data), Options{Workers: workers}, f); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out.Bytes(), want) {
					t.Fatalf("%s, %s, workers=%d: output differs from a sequential Encoder:\n%.300q\n%.300q", iname, fname, workers, out.Bytes(), want)
				}
				out.Reset()
				if err := Encode(context.Background(), &out, Stream(iotest.HalfReader(bytes.NewReader(data))), Options{Workers: workers}, f); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out.Bytes(), want) {
					t.Fatalf("%s, %s, workers=%d, stream: output differs from a sequential Encoder", iname, fname, workers)
				}
			}
		}
	}
	// the empty array is still a JSON array
	if got := sequential(t, nil, marcjson.Options{Array: true}); string(got) != "[]\n" {
		t.Fatalf("empty array: %q", got)
	}
}

// failFormat fails the Append call numbered fail with err.
type failFormat struct {
	n    *atomic.Int64
	fail int64
	err  error
}

func (f failFormat) Append(dst []byte, r view.Record) ([]byte, error) {
	if f.n.Add(1) == f.fail {
		return dst, f.err
	}
	return append(dst, 'x'), nil
}
func (failFormat) AppendHeader(dst []byte) []byte { return dst }
func (failFormat) AppendFooter(dst []byte) []byte { return dst }
func (failFormat) Separator() string              { return "" }

func TestEncodeInOrder(t *testing.T) {
	data := input()
	var want []byte
	s := scan.New(data, scan.Options{})
	for s.Scan() {
		if s.Err() == nil {
			want, _ = marcxml.Append(want, s.Record())
		}
	}
	want = append(append(marcxml.Options{}.AppendHeader(nil), want...), marcxml.Options{}.AppendFooter(nil)...)
	for _, workers := range []int{1, 2, 7} {
		var out bytes.Buffer
		if err := Encode(context.Background(), &out, Bytes(data), Options{Workers: workers}, marcxml.Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("workers=%d: output differs from a sequential encoding", workers)
		}
	}
	var out bytes.Buffer
	if err := Encode(context.Background(), &out, Bytes(data), Options{}, iso2709.Options{}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Encode(context.Background(), &out, Bytes(bytes.Repeat(marctest.Sample(), 500)), Options{Workers: 3}, failFormat{new(atomic.Int64), 100, boom})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

// TestEncodeBadAppend: a record the format cannot encode (a
// *view.RecordError from Append: MARC-8 that cannot be converted with
// Strict set) is a bad record in lenient mode, handed to BadRecord with
// its index and offset, and the error in strict mode.
func TestEncodeBadAppend(t *testing.T) {
	good := marctest.Book("g", "Good", "Someone")
	bad := marctest.Build("00000nam  2200000 a 4500", "001", "b", "245", "10$a\x1b(Zx") // unknown escape
	var data []byte
	for range 20 {
		data = append(data, good...)
	}
	badOffset := int64(len(data))
	data = append(data, bad...)
	for range 20 {
		data = append(data, good...)
	}
	f := marcjson.Options{Strict: true, Array: true}
	want := sequential(t, data, f)
	for _, workers := range []int{1, 3} {
		var out bytes.Buffer
		var calls int
		err := Encode(context.Background(), &out, Bytes(data), Options{Workers: workers, BadRecord: func(err error, raw []byte) error {
			calls++
			var re *view.RecordError
			if !errors.As(err, &re) || !errors.Is(err, view.ErrCharset) || re.Index != 20 || re.Offset != badOffset || !re.Tag.Is("245") {
				t.Errorf("BadRecord got %v", err)
			}
			if !bytes.Equal(raw, bad) {
				t.Errorf("BadRecord raw %q", raw)
			}
			return nil
		}}, f)
		if err != nil || calls != 1 {
			t.Fatalf("workers=%d: err %v, %d BadRecord calls", workers, err, calls)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("workers=%d: output differs from a sequential Encoder:\n%q\n%q", workers, out.Bytes(), want)
		}
		out.Reset()
		err = Encode(context.Background(), &out, Bytes(data), Options{Workers: workers, Scan: scan.Options{Strict: true}}, f)
		var re *view.RecordError
		if !errors.As(err, &re) || !errors.Is(err, view.ErrCharset) || re.Index != 20 || re.Offset != badOffset || !re.Fatal() {
			t.Fatalf("workers=%d, strict: err %v", workers, err)
		}
	}
}

// TestEncodeItems: fn sees every item, bad records included, and its
// output is written in input order.
func TestEncodeItems(t *testing.T) {
	data := input()
	var want []byte
	s := scan.New(data, scan.Options{})
	for s.Scan() {
		want = fmt.Appendf(want, "%d %v\n", s.Index(), s.Err() != nil)
	}
	for _, workers := range []int{1, 4} {
		var out bytes.Buffer
		err := EncodeItems(context.Background(), &out, Bytes(data), Options{Workers: workers}, func(dst []byte, s *scan.Scanner) ([]byte, error) {
			return fmt.Appendf(dst, "%d %v\n", s.Index(), s.Err() != nil), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("workers=%d: EncodeItems output differs from a sequential scan", workers)
		}
	}
}

func TestNoIndexAndBoundedChunks(t *testing.T) {
	data := bytes.Repeat(marctest.Sample(), 3000) // about 9 MB: several capped chunks
	var n atomic.Int64
	err := ForEach(context.Background(), Bytes(data), Options{NoIndex: true}, func(i int, r view.Record) error {
		if i != -1 {
			t.Errorf("NoIndex gave index %d, want -1", i)
		}
		n.Add(1)
		return nil
	})
	if err != nil || n.Load() != 15000 {
		t.Fatalf("%d records, %v", n.Load(), err)
	}
	var chunks []scan.Chunk
	err = Bytes(data).chunks(context.Background(), Options{Workers: 1}, func(c scan.Chunk) error {
		chunks = append(chunks, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) < 2 {
		t.Fatalf("%d chunks", len(chunks))
	}
	for _, c := range chunks {
		if len(c.Data) > maxChunk*3/2 {
			t.Fatalf("chunk of %d bytes", len(c.Data))
		}
	}
}

// TestNoIndex: with NoIndex every record and every bad record has the
// index -1, in ForEach, in the errors given to BadRecord and in
// EncodeItems; offsets are still given.
func TestNoIndex(t *testing.T) {
	data := input()
	var records, bad atomic.Int64
	err := ForEach(context.Background(), Bytes(data), Options{Workers: 3, NoIndex: true, BadRecord: func(err error, raw []byte) error {
		var re *view.RecordError
		if !errors.As(err, &re) || re.Index != -1 || re.Offset < 0 {
			t.Errorf("NoIndex: bad record error %v, want index -1 and an offset", err)
		}
		bad.Add(1)
		return nil
	}}, func(i int, r view.Record) error {
		if i != -1 {
			t.Errorf("NoIndex gave index %d, want -1", i)
		}
		records.Add(1)
		return nil
	})
	if err != nil || records.Load() == 0 || bad.Load() == 0 {
		t.Fatalf("%d records, %d bad, %v", records.Load(), bad.Load(), err)
	}
	var out bytes.Buffer
	err = EncodeItems(context.Background(), &out, Bytes(data), Options{Workers: 3, NoIndex: true}, func(dst []byte, s *scan.Scanner) ([]byte, error) {
		if s.Index() != -1 {
			t.Errorf("NoIndex: EncodeItems saw index %d", s.Index())
		}
		return dst, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBadRecordErrorStops: an error from BadRecord stops the work (before,
// every chunk was still scanned), for slices and streams, and is returned.
func TestBadRecordErrorStops(t *testing.T) {
	var data []byte
	for range 2000 {
		data = append(data, marctest.Sample()...)
		data = append(data, "not a record\x1d"...)
	}
	boom := errors.New("rejects disk full")
	for _, src := range []func() Source{
		func() Source { return Bytes(data) },
		func() Source { return Stream(bytes.NewReader(data)) },
	} {
		var calls, records atomic.Int64
		o := Options{Workers: 2, blockSize: 4096, BadRecord: func(error, []byte) error {
			calls.Add(1)
			return boom
		}}
		err := ForEach(context.Background(), src(), o, func(int, view.Record) error {
			records.Add(1)
			return nil
		})
		if !errors.Is(err, boom) || calls.Load() != 1 {
			t.Fatalf("err %v after %d BadRecord calls", err, calls.Load())
		}
		if records.Load() > 8000 { // before the fix: all 10000
			t.Fatalf("%d of 10000 records read after the error", records.Load())
		}
	}
}

// TestCancelStopsStream: cancelling ends a stream's work without waiting
// for the rest of the input.
func TestCancelStopsStream(t *testing.T) {
	pr, pw := io.Pipe()
	go func() {
		for range 10 {
			pw.Write(bytes.Repeat(marctest.Sample(), 4))
		}
		// then nothing more for a long time: the writer stays open
	}()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int64
	done := make(chan error, 1)
	go func() {
		done <- ForEach(ctx, Stream(pr), Options{Workers: 2, blockSize: 4096}, func(int, view.Record) error {
			if n.Add(1) == 20 {
				cancel()
			}
			return nil
		})
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ForEach did not return after cancel")
	}
}
