// Package parallel scans and encodes a mapped input on all cores.
//
// The input is cut into chunks on record boundaries (scan.Chunks); a first
// pass counts each chunk's items in parallel so that every record gets the
// index a sequential scan would give it, and a second pass does the work.
// ForEachReader and EncodeReader do the same for streams, which cannot be
// mapped: blocks of about BlockSize bytes, cut after a record terminator,
// are read ahead (at most 2×workers at a time) and worked on in parallel.
// The exported API takes callbacks and a context, never channels.
//
// # Concurrency
//
// ForEach calls fn from several goroutines at once, in no particular order;
// Encode calls its append function the same way but writes the output in
// input order. Records passed to callbacks alias the input and stay valid
// as long as it does. Each worker guards its reads of the input with
// mmapio.Guard, so a mapped file truncated under it ends the call with an
// error wrapping mmapio.ErrFault.
package parallel

import (
	"context"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// Options configure ForEach and Encode. The zero value uses every core and
// lenient scanning.
type Options struct {
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Scan configures the scanners (Strict, MaxRecordLen).
	Scan scan.Options
	// NoIndex skips the pass that counts each chunk's items to give every
	// record its sequential index: callbacks then get a meaningless index
	// (negative) and errors name byte offsets only. It roughly halves the
	// work when the callback is cheap (counting).
	NoIndex bool
	// BadRecord, if set, is called (from any goroutine) for each bad record
	// in lenient mode, with the *view.RecordError and the record's raw
	// bytes; an error it returns stops the work. Without it bad records
	// are skipped. In strict mode the bad record with the lowest index is
	// the error returned.
	BadRecord func(err error, raw []byte) error
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// maxChunk bounds a chunk's input size, so that the output buffers in
// flight (2×workers chunks) do not grow with the input.
const maxChunk = 1 << 20

// chunksFor cuts data into chunks and, unless o.NoIndex, sets their first
// indexes.
func chunksFor(ctx context.Context, data []byte, o Options) ([]scan.Chunk, error) {
	w := o.workers()
	chunks := scan.Chunks(data, max(4*w, len(data)/maxChunk+1))
	if o.NoIndex {
		for i := range chunks {
			chunks[i].Index = -1 << 40 // indexes reported are meaningless
		}
		return chunks, nil
	}
	counts := make([]int, len(chunks))
	err := run(ctx, w, len(chunks), func(i int) error {
		counts[i] = scan.Count(chunks[i], o.Scan)
		return nil
	})
	if err != nil {
		return nil, err
	}
	idx := 0
	for i := range chunks {
		chunks[i].Index = idx
		idx += counts[i]
	}
	return chunks, nil
}

// run calls job(i) for i in [0, n) on w goroutines; the first error (by
// lowest i) cancels the jobs after it and is returned.
func run(ctx context.Context, w, n int, job func(i int) error) error {
	var next atomic.Int64
	var firstBad atomic.Int64
	firstBad.Store(int64(n))
	errs := make([]error, n)
	var wg sync.WaitGroup
	for range min(w, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || int64(i) > firstBad.Load() {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[i] = err
					lowerTo(&firstBad, int64(i))
					return
				}
				var err error
				if ferr := mmapio.Guard(func() { err = job(i) }); ferr != nil {
					err = ferr
				}
				if err != nil {
					errs[i] = err
					lowerTo(&firstBad, int64(i))
				}
			}
		}()
	}
	wg.Wait()
	if b := firstBad.Load(); b < int64(n) {
		return errs[b]
	}
	return nil
}

func lowerTo(v *atomic.Int64, x int64) {
	for {
		cur := v.Load()
		if x >= cur || v.CompareAndSwap(cur, x) {
			return
		}
	}
}

// ForEach calls fn for every record of data, on all cores, in any order,
// with the record's index in a sequential scan. The first error (fn's, a
// strict-mode bad record, ctx's) stops the rest and is returned.
func ForEach(ctx context.Context, data []byte, o Options, fn func(index int, r view.Record) error) error {
	chunks, err := chunksFor(ctx, data, o)
	if err != nil {
		return err
	}
	return run(ctx, o.workers(), len(chunks), func(i int) error {
		s := scan.NewChunk(chunks[i], o.Scan)
		for s.Scan() {
			if err := s.Err(); err != nil {
				if o.BadRecord != nil {
					if err := o.BadRecord(err, s.Raw()); err != nil {
						return err
					}
				}
				continue
			}
			if err := fn(s.Index(), s.Record()); err != nil {
				return err
			}
		}
		return s.Err()
	})
}

// AppendFunc is the shape of every encoder's Append: it appends one
// record's encoding to dst.
type AppendFunc func(dst []byte, r view.Record) ([]byte, error)

// EncodeItems is Encode for callers that need every item, bad records
// included, in input order: fn sees the scanner positioned on each item
// (s.Err() is the *view.RecordError of a bad record in lenient mode) and
// appends what it wants written. BadRecord is not called.
func EncodeItems(ctx context.Context, w io.Writer, data []byte, o Options, fn func(dst []byte, s *scan.Scanner) ([]byte, error)) error {
	o.BadRecord = nil
	return encode(ctx, w, data, o, fn)
}

// Encode encodes every record of data with appendFn on all cores and writes
// the output to w in input order. At most about 2×Workers chunk buffers are
// in flight, so memory does not grow with the input. Bad records are
// handled as in ForEach; an encoding error stops the work. Headers and
// footers (a MARCXML <collection>, a JSON array) are the caller's to write.
func Encode(ctx context.Context, w io.Writer, data []byte, o Options, appendFn AppendFunc) error {
	return encode(ctx, w, data, o, func(dst []byte, s *scan.Scanner) ([]byte, error) {
		if err := s.Err(); err != nil {
			if o.BadRecord != nil {
				return dst, o.BadRecord(err, s.Raw())
			}
			return dst, nil
		}
		return appendFn(dst, s.Record())
	})
}

func encode(ctx context.Context, w io.Writer, data []byte, o Options, fn func(dst []byte, s *scan.Scanner) ([]byte, error)) error {
	chunks, err := chunksFor(ctx, data, o)
	if err != nil {
		return err
	}
	nw := o.workers()
	type result struct {
		buf  []byte
		err  error
		slot bool // holds a slot the writer must free
	}
	results := make([]chan result, len(chunks))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	// A worker takes a slot before it takes the next chunk index, so the
	// lowest unwritten chunk always holds one: bounded memory, no deadlock.
	slots := make(chan struct{}, 2*nw)
	pool := sync.Pool{New: func() any { return new([]byte) }}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				acquired := false
				select {
				case slots <- struct{}{}:
					acquired = true
				case <-ctx.Done():
				}
				i := int(next.Add(1) - 1)
				if i >= len(chunks) {
					if acquired {
						<-slots
					}
					return
				}
				if !acquired {
					results[i] <- result{err: ctx.Err()}
					continue
				}
				bp := pool.Get().(*[]byte)
				buf := (*bp)[:0]
				var jobErr error
				if ferr := mmapio.Guard(func() {
					s := scan.NewChunk(chunks[i], o.Scan)
					for s.Scan() {
						if buf, jobErr = fn(buf, s); jobErr != nil {
							return
						}
					}
					jobErr = s.Err()
				}); ferr != nil {
					jobErr = ferr
				}
				results[i] <- result{buf: buf, err: jobErr, slot: true}
			}
		}()
	}
	var werr error
	for i := range chunks {
		res := <-results[i]
		if werr == nil {
			werr = res.err
			if werr == nil {
				_, werr = w.Write(res.buf)
			}
			if werr != nil {
				cancel()
			}
		}
		if res.buf != nil {
			b := res.buf[:0]
			pool.Put(&b)
		}
		if res.slot {
			<-slots
		}
	}
	wg.Wait()
	return werr
}
