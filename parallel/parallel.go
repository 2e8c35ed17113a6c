package parallel

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// Options configure ForEach and Encode. The zero value uses every core and
// lenient scanning.
type Options struct {
	// Workers is the number of goroutines; 0 (or less) means GOMAXPROCS.
	// It is capped at MaxWorkers, since memory in flight grows with it.
	Workers int
	// Scan configures the scanners (Strict, MaxRecordLen).
	Scan scan.Options
	// NoIndex skips the pass that counts each chunk's items of a mapped
	// input to give every record its sequential index: callbacks then get
	// the index -1, and errors name byte offsets only. It roughly halves
	// the work when the callback is cheap (counting). Streams are counted
	// as they are read, so it changes nothing for them.
	NoIndex bool
	// BadRecord, if set, is called for each bad record in lenient mode, in
	// input order and from one goroutine (the caller's), so messages and
	// rejects files come out the same for any number of workers. It gets
	// the *view.RecordError and the raw bytes: records
	// the scanner rejects, and in Encode records the format cannot encode
	// (MARC-8 that cannot be converted in strict encoder options). An
	// error it returns stops the work. Without it bad records are skipped.
	// In strict mode (Scan.Strict) the bad record with the lowest index is
	// the error returned.
	BadRecord func(err error, raw []byte) error
	// Written, if set, is called by Encode from the calling goroutine, in
	// input order, with the number of records whose output it has just
	// written: records encoded ahead and dropped when the work stops are
	// not counted. EncodeItems, which does not know what its items are,
	// does not call it.
	Written func(records int)

	blockSize int // a Stream's block size, when not BlockSize (tests)
}

// MaxWorkers caps Options.Workers.
const MaxWorkers = 256

func (o Options) workers() int {
	if o.Workers > 0 {
		return min(o.Workers, MaxWorkers)
	}
	return runtime.GOMAXPROCS(0)
}

// Source is the input of ForEach and Encode: a slice (a mapping) or a
// stream.
type Source struct {
	data []byte
	r    io.Reader
}

// Bytes returns a Source over data, typically a mapped file
// (mmapio.Mapping.Bytes). It is cut into chunks on record boundaries, and
// records alias data.
func Bytes(data []byte) Source { return Source{data: data} }

// Stream returns a Source over r (a pipe, standard input, a decompressor).
// Blocks of about BlockSize bytes, cut after a record terminator, are read
// ahead, at most 2×Workers at a time; records alias their block and are
// valid during the callback only.
func Stream(r io.Reader) Source { return Source{r: r} }

// maxChunk bounds a chunk's input size, so that the output buffers in
// flight (2×workers chunks) do not grow with the input.
const maxChunk = 1 << 20

// A new output buffer starts at outGrowth times its chunk's input (MARCXML
// is ~2.7 times ISO 2709), at most maxOutStart bytes: growing it step by
// step from nothing made five times as much new memory, whose page faults
// cost more than the copies.
const (
	outGrowth   = 3
	maxOutStart = 8 << 20
)

// chunks emits the chunks of src in order, with their first indexes.
func (src Source) chunks(ctx context.Context, o Options, emit func(scan.Chunk) error) error {
	if src.r != nil {
		return blocks(ctx, src.r, o, emit)
	}
	w := o.workers()
	chunks := scan.Chunks(src.data, max(4*w, len(src.data)/maxChunk+1))
	if o.NoIndex {
		for i := range chunks {
			chunks[i].Index = -1
		}
	} else {
		counts := make([]int, len(chunks))
		err := run(ctx, w, len(chunks), func(i int) error {
			counts[i] = scan.Count(chunks[i], o.Scan)
			return nil
		})
		if err != nil {
			return err
		}
		idx := 0
		for i := range chunks {
			chunks[i].Index = idx
			idx += counts[i]
		}
	}
	for _, c := range chunks {
		if err := emit(c); err != nil {
			return err
		}
	}
	return nil
}

// run calls job(i) for i in [0, n) on w goroutines; the first error (by
// lowest i) is returned.
func run(ctx context.Context, w, n int, job func(i int) error) error {
	var next atomic.Int64
	errs := make([]error, n)
	var wg sync.WaitGroup
	for range min(w, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if errs[i] = ctx.Err(); errs[i] != nil {
					return
				}
				if ferr := mmapio.Guard(func() { errs[i] = job(i) }); ferr != nil {
					errs[i] = ferr
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// pipeline is the one engine under ForEach and Encode: the chunks of src
// are worked on by o.workers() goroutines, each appending its output to a
// pooled buffer, and consume gets the outputs in input order on the
// calling goroutine. At most 2×workers chunks (and their buffers) are in
// flight. The first error in input order (a worker's, consume's, the
// source's, ctx's) stops the rest and is returned as soon as the chunks
// being worked on are done: no callback runs after pipeline returns. A
// stream Read under way is not waited for; its goroutine ends when the
// Read returns.
func pipeline(ctx context.Context, src Source, o Options, work func(dst []byte, s *scan.Scanner, bad *[]badItem, n *int) ([]byte, error), consume func([]byte) error) error {
	nw := o.workers()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		buf *[]byte
		bad []badItem
		n   int // records whose output is in buf
		err error
	}
	type job struct {
		c   scan.Chunk
		out chan result
	}
	// Output buffers go round a free list of their own: a sync.Pool is
	// emptied by every garbage collection, and with one worker the heap
	// stays small enough for collections to come every few chunks, each
	// then growing a new buffer from nothing (241 collections for a 100 MB
	// dump instead of 18, and twice the time).
	free := make(chan *[]byte, 2*nw+2)
	getBuf := func() *[]byte {
		select {
		case bp := <-free:
			return bp
		default:
			return new([]byte)
		}
	}
	putBuf := func(bp *[]byte) {
		select {
		case free <- bp:
		default:
		}
	}
	jobs := make(chan job, nw)
	order := make(chan chan result, 2*nw) // bounds the chunks in flight
	// busy counts the chunks handed out and not yet finished; once the
	// consumer has stopped (an error), the producer hands out no more.
	var busy sync.WaitGroup
	var mu sync.Mutex
	stopped := false
	var wg sync.WaitGroup
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := ctx.Err(); err != nil {
					j.out <- result{err: err}
					busy.Done()
					continue
				}
				bp := getBuf()
				buf := (*bp)[:0]
				if cap(buf) == 0 && consume != nil {
					buf = make([]byte, 0, min(outGrowth*len(j.c.Data), maxOutStart))
				}
				var err error
				var bad []badItem
				n := 0
				if ferr := mmapio.Guard(func() {
					s := scan.NewChunk(j.c, o.Scan)
					for k := 1; s.Scan(); k++ {
						if buf, err = work(buf, s, &bad, &n); err != nil {
							return
						}
						if k&255 == 0 {
							if err = ctx.Err(); err != nil {
								return
							}
						}
					}
					err = s.Err()
				}); ferr != nil {
					err = ferr
				}
				*bp = buf
				j.out <- result{buf: bp, bad: bad, n: n, err: err}
				busy.Done()
			}
		}()
	}
	// The producer runs beside the consumer, which is this goroutine.
	prodErr := make(chan error, 1)
	emit := func(c scan.Chunk) error {
		mu.Lock()
		if stopped {
			mu.Unlock()
			return context.Canceled
		}
		busy.Add(1)
		mu.Unlock()
		ch := make(chan result, 1)
		select {
		case order <- ch:
		case <-ctx.Done():
			busy.Done()
			return ctx.Err()
		}
		jobs <- job{c, ch} // workers take every job until jobs is closed
		return nil
	}
	go func() {
		var err error
		if ferr := mmapio.Guard(func() { err = src.chunks(ctx, o, emit) }); ferr != nil {
			err = ferr
		}
		close(jobs)
		close(order)
		prodErr <- err
	}()
	var first error
	for first == nil {
		var ch chan result
		select {
		case c, ok := <-order:
			if !ok {
				wg.Wait()
				return <-prodErr
			}
			ch = c
		case <-ctx.Done():
			first = ctx.Err()
			continue
		}
		res := <-ch
		if o.BadRecord != nil {
			for _, b := range res.bad {
				if first = o.BadRecord(b.err, b.raw); first != nil {
					break
				}
			}
		}
		if first == nil && consume != nil && res.buf != nil {
			// A chunk that failed (a strict-mode bad record, a callback's
			// error) still delivers the output of the records before it.
			if first = consume(*res.buf); first == nil && o.Written != nil && res.n > 0 {
				o.Written(res.n)
			}
		}
		if first == nil {
			first = res.err
		}
		if res.buf != nil {
			*res.buf = (*res.buf)[:0]
			putBuf(res.buf)
		}
	}
	// Stop early: no more chunks are handed out, and the ones being worked
	// on see the cancellation and end; their results are dropped. A slice
	// source's producer is waited for too (it may be reading the slice, a
	// mapping the caller will close); a stream's may be blocked in Read.
	cancel()
	mu.Lock()
	stopped = true
	mu.Unlock()
	busy.Wait()
	if src.r == nil {
		<-prodErr
	}
	return first
}

// badItem is a bad record found by a worker, for the consumer to hand to
// Options.BadRecord in input order.
type badItem struct {
	err error
	raw []byte
}

// addBad notes a bad record when someone wants to hear of it.
func (o Options) addBad(bad *[]badItem, err error, raw []byte) {
	if o.BadRecord != nil {
		*bad = append(*bad, badItem{err, raw})
	}
}

// ForEach calls fn for every record of src, on all cores, in any order,
// with the record's index in a sequential scan. The first error in input
// order (fn's, a strict-mode bad record, ctx's) stops the rest and is
// returned; a *view.RecordError from fn that has no position gets the
// record's index and offset.
func ForEach(ctx context.Context, src Source, o Options, fn func(index int, r view.Record) error) error {
	return pipeline(ctx, src, o, func(dst []byte, s *scan.Scanner, bad *[]badItem, _ *int) ([]byte, error) {
		if err := s.Err(); err != nil {
			o.addBad(bad, err, s.Raw())
			return dst, nil
		}
		err := fn(s.Index(), s.Record())
		var re *view.RecordError
		if errors.As(err, &re) && re.Index < 0 && re.Offset < 0 {
			re.Index, re.Offset = s.Index(), s.Offset()
		}
		return dst, err
	}, nil)
}

// EncodeItems writes, in input order, what fn appends for every item of
// src, bad records included: fn sees the scanner positioned on each item
// (s.Err() is the *view.RecordError of a bad record in lenient mode).
// BadRecord is called as in ForEach.
func EncodeItems(ctx context.Context, w io.Writer, src Source, o Options, fn func(dst []byte, s *scan.Scanner) ([]byte, error)) error {
	return pipeline(ctx, src, o, func(dst []byte, s *scan.Scanner, bad *[]badItem, _ *int) ([]byte, error) {
		if err := s.Err(); err != nil {
			o.addBad(bad, err, s.Raw())
		}
		return fn(dst, s)
	}, func(p []byte) error {
		_, err := w.Write(p)
		return err
	})
}

// Encode encodes every record of src in format f on all cores and writes
// f's header, the records in input order with f's separator between them,
// and f's footer to w: the same bytes as an encode.Encoder writing the
// records one by one. Bad records are handled as in ForEach; a record f
// cannot encode (a *view.RecordError from Append) is a bad record too,
// with its index and offset filled in. Any other error stops the work.
func Encode(ctx context.Context, w io.Writer, src Source, o Options, f encode.Format) error {
	sep := f.Separator()
	header := f.AppendHeader(nil)
	if len(header) > 0 {
		if _, err := w.Write(header); err != nil {
			return err
		}
	}
	wroteRecord := false
	err := pipeline(ctx, src, o, func(dst []byte, s *scan.Scanner, bad *[]badItem, n *int) ([]byte, error) {
		if err := s.Err(); err != nil {
			o.addBad(bad, err, s.Raw())
			return dst, nil
		}
		// Every record is preceded by the separator; the consumer drops
		// the first one of the whole output.
		mark := len(dst)
		dst = append(dst, sep...)
		out, err := f.Append(dst, s.Record())
		if err == nil {
			*n++
			return out, nil
		}
		if errors.Is(err, encode.ErrSkip) {
			return dst[:mark], nil
		}
		var re *view.RecordError
		if !errors.As(err, &re) {
			return dst[:mark], err
		}
		re.Index, re.Offset = s.Index(), s.Offset()
		if o.Scan.Strict {
			re.Stop = true
			return dst[:mark], err
		}
		o.addBad(bad, err, s.Raw())
		return dst[:mark], nil
	}, func(p []byte) error {
		if len(p) == 0 {
			return nil
		}
		if !wroteRecord {
			wroteRecord = true
			p = p[len(sep):]
		}
		_, err := w.Write(p)
		return err
	})
	if err != nil {
		return err
	}
	footer := f.AppendFooter(nil)
	if len(footer) > 0 {
		_, err = w.Write(footer)
	}
	return err
}
