package bench

import (
	"bytes"
	"sync"
	"testing"

	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
	"github.com/valyala/bytebufferpool"
)

// The pooled output buffers of package parallel (a sync.Pool of *[]byte:
// each chunk's records are encoded into one, written, and the buffer goes
// back) against github.com/valyala/bytebufferpool, which the design names
// for encode buffers: the same work, chunks of 100 records encoded to
// MARCXML on every core, each output handed back to its pool.

func poolRecords(b *testing.B) []view.Record {
	var recs []view.Record
	for r, err := range scan.New(bytes.Repeat(marctest.Sample(), 20), scan.Options{}).Records() {
		if err == nil {
			recs = append(recs, r)
		}
	}
	return recs
}

func BenchmarkPoolSync(b *testing.B) {
	recs := poolRecords(b)
	pool := sync.Pool{New: func() any { return new([]byte) }}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			bp := pool.Get().(*[]byte)
			buf := (*bp)[:0]
			for _, r := range recs {
				buf, _ = marcxml.Append(buf, r)
			}
			*bp = buf
			pool.Put(bp)
		}
	})
}

func BenchmarkPoolByteBufferPool(b *testing.B) {
	recs := poolRecords(b)
	var pool bytebufferpool.Pool
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			bb := pool.Get()
			for _, r := range recs {
				bb.B, _ = marcxml.Append(bb.B, r)
			}
			pool.Put(bb)
		}
	})
}
