package parallel

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"

	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

func TestStreamMatchesSequential(t *testing.T) {
	// Blocks of 4096 bytes (Options.blockSize): many blocks, records
	// straddling their edges.
	data := input()
	var want []rec
	var wantEnc []byte
	s := scan.New(data, scan.Options{})
	for s.Scan() {
		if s.Err() == nil {
			want = append(want, rec{s.Index(), string(s.Record().Bytes())})
			wantEnc, _ = marcjson.Append(wantEnc, s.Record())
		}
	}
	for _, workers := range []int{1, 3} {
		var mu sync.Mutex
		got := map[int]string{}
		err := ForEach(context.Background(), Stream(iotest.HalfReader(bytes.NewReader(data))), Options{Workers: workers, blockSize: 4096}, func(i int, r view.Record) error {
			mu.Lock()
			got[i] = string(r.Bytes())
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("workers=%d: %d records, sequential %d", workers, len(got), len(want))
		}
		for _, w := range want {
			if got[w.index] != w.raw {
				t.Fatalf("workers=%d: record %d differs", workers, w.index)
			}
		}
		var out bytes.Buffer
		if err := Encode(context.Background(), &out, Stream(iotest.OneByteReader(bytes.NewReader(data))), Options{Workers: workers, blockSize: 4096}, marcjson.Options{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), wantEnc) {
			t.Fatalf("workers=%d: Encode(Stream) output differs from a sequential encoding", workers)
		}
	}
	boom := errors.New("boom")
	var calls atomic.Int64
	err := ForEach(context.Background(), Stream(bytes.NewReader(data)), Options{Workers: 2}, func(i int, r view.Record) error {
		if calls.Add(1) == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}
