package parallel

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcxml"
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
		err := ForEach(context.Background(), data, Options{Workers: workers, BadRecord: func(err error, raw []byte) error {
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
	err := ForEach(context.Background(), data, Options{Workers: 3}, func(i int, r view.Record) error {
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
	if err := ForEach(ctx, data, Options{}, func(int, view.Record) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	// strict mode: the bad record with the lowest index is the error
	strictData := append(bytes.Clone(data), input()...)
	seq := scan.New(strictData, scan.Options{Strict: true})
	for seq.Scan() {
	}
	err = ForEach(context.Background(), strictData, Options{Workers: 4, Scan: scan.Options{Strict: true}}, func(int, view.Record) error { return nil })
	if err == nil || err.Error() != seq.Err().Error() {
		t.Fatalf("strict: %v, sequential: %v", err, seq.Err())
	}
}

func TestEncodeInOrder(t *testing.T) {
	data := input()
	var want []byte
	s := scan.New(data, scan.Options{})
	for s.Scan() {
		if s.Err() == nil {
			want, _ = marcxml.Append(want, s.Record())
		}
	}
	for _, workers := range []int{1, 2, 7} {
		var out bytes.Buffer
		if err := Encode(context.Background(), &out, data, Options{Workers: workers}, marcxml.Append); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("workers=%d: output differs from a sequential encoding", workers)
		}
	}
	var out bytes.Buffer
	if err := Encode(context.Background(), &out, data, Options{}, iso2709.Append); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	var n atomic.Int64
	err := Encode(context.Background(), &out, bytes.Repeat(marctest.Sample(), 500), Options{Workers: 3}, func(dst []byte, r view.Record) ([]byte, error) {
		if n.Add(1) == 100 {
			return dst, boom
		}
		return append(dst, 'x'), nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

func TestNoIndexAndBoundedChunks(t *testing.T) {
	data := bytes.Repeat(marctest.Sample(), 3000) // about 9 MB: several capped chunks
	var n atomic.Int64
	err := ForEach(context.Background(), data, Options{NoIndex: true}, func(i int, r view.Record) error {
		if i >= 0 {
			t.Errorf("NoIndex gave index %d", i)
		}
		n.Add(1)
		return nil
	})
	if err != nil || n.Load() != 15000 {
		t.Fatalf("%d records, %v", n.Load(), err)
	}
	chunks, _ := chunksFor(context.Background(), data, Options{Workers: 1})
	for _, c := range chunks {
		if len(c.Data) > maxChunk*3/2 {
			t.Fatalf("chunk of %d bytes", len(c.Data))
		}
	}
}
