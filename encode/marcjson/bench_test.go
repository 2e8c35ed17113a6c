package marcjson

import (
	"bytes"
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// benchRecords: the bundled sample repeated to about 4 MiB of ISO 2709.
func benchRecords(b *testing.B) ([]view.Record, int) {
	data := bytes.Repeat(marctest.Sample(), (4<<20)/len(marctest.Sample()))
	var recs []view.Record
	for r, err := range scan.New(data, scan.Options{}).Records() {
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, r)
	}
	return recs, len(data)
}

func BenchmarkAppend(b *testing.B) {
	recs, size := benchRecords(b)
	var dst []byte
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range recs {
			var err error
			dst, err = Append(dst[:0], r)
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkRead(b *testing.B) {
	recs, size := benchRecords(b)
	var doc bytes.Buffer
	enc := NewEncoder(&doc, Options{})
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			b.Fatal(err)
		}
	}
	enc.Close()
	_ = size
	// stream: NewReader; in-place: NewBytesReader (a mapped file);
	// find: in place and unparsed, only finding each object's extent (what
	// package marcmap's reading goroutine does while workers build them).
	for _, way := range []string{"stream", "in-place", "find"} {
		b.Run(way, func(b *testing.B) {
			b.SetBytes(int64(doc.Len()))
			b.ReportAllocs()
			for b.Loop() {
				var rd *Reader
				if way == "stream" {
					rd = NewReader(bytes.NewReader(doc.Bytes()), Options{})
				} else {
					rd = NewBytesReader(doc.Bytes(), Options{})
					rd.Unparsed(way == "find")
				}
				n := 0
				for rd.Scan() {
					n++
				}
				if rd.Err() != nil || n != len(recs) {
					b.Fatalf("%d records, %v", n, rd.Err())
				}
			}
			b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
