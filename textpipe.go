package marcmap

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/view"
)

// A text format (MARCXML, MARC-in-JSON, MRK) is read on one goroutine:
// where its records start is known only by reading it. encodeText lets
// that goroutine only read: it copies the records, a batch at a time, to
// workers that encode them, and this goroutine writes the outputs in input
// order, with bad records reported in input order before each batch's
// output, as package parallel does for ISO 2709.

// textItem is one record (or bad record) of a batch.
type textItem struct {
	start, end int    // the record's bytes in textBatch.data; end < 0: bad
	raw        []byte // or, from a mapped file, in the mapping
	repaired   bool
	elem       any // an unparsed element to build first (its bytes are start:end)
	index      int
	offset     int64
	line       int
	err        error // a bad record's *view.RecordError
}

type textBatch struct {
	data  []byte
	size  int // input bytes of the items (in data or in the mapping)
	items []textItem
	out   []byte
	n     int     // records whose output is in out
	bad   []error // for Options.BadRecord, in input order
	tried bool    // a record was given to the format
	err   error   // what stops the work at this batch
	done  chan struct{}
}

const (
	textBatchBytes = 1 << 20
	textBatchItems = 4096
	textInFlight   = 32 << 20 // input bytes in batches not yet written
	textKeepBatch  = 4 << 20  // a larger batch's buffers are not reused
	// textOutStart is a new batch's output capacity: about a batch's
	// output (as in package parallel, growing it from nothing made more
	// new memory, and page faults, than the copies cost).
	textOutStart = 3 * textBatchBytes
)

// workers returns how many goroutines o asks for.
func workers(o parallel.Options) int {
	nw := o.Workers
	if nw <= 0 {
		nw = runtime.GOMAXPROCS(0)
	}
	return min(nw, parallel.MaxWorkers)
}

// batchPool is a free list of batches (new memory costs page faults).
type batchPool chan *textBatch

// get returns an empty batch.
func (p batchPool) get() *textBatch {
	select {
	case b := <-p:
		b.data, b.items, b.out, b.bad, b.err, b.tried, b.n, b.size, b.done = b.data[:0], b.items[:0], b.out[:0], b.bad[:0], nil, false, 0, 0, nil
		return b
	default:
		return &textBatch{out: make([]byte, 0, textOutStart)}
	}
}

// put keeps b for reuse, unless it grew large.
func (p batchPool) put(b *textBatch) {
	if cap(b.data) <= textKeepBatch && cap(b.out) <= 4*textKeepBatch {
		select {
		case p <- b:
		default:
		}
	}
}

// batchWriter writes batches' outputs in input order as encode.Encoder
// writes records: the header when the first record is encoded (input
// that fails before any leaves no output), the separator between
// records, the footer at the end; each batch's bad records go to
// Options.BadRecord first.
type batchWriter struct {
	w             io.Writer
	o             parallel.Options
	f             encode.Format
	header        []byte
	sep           string
	headed, wrote bool
}

func newBatchWriter(w io.Writer, o parallel.Options, f encode.Format) *batchWriter {
	return &batchWriter{w: w, o: o, f: f, header: f.AppendHeader(nil), sep: f.Separator()}
}

// write reports b's bad records and writes its output: the first error
// of these, else b.err.
func (bw *batchWriter) write(b *textBatch) error {
	if bw.o.BadRecord != nil {
		for _, e := range b.bad {
			if err := bw.o.BadRecord(e, nil); err != nil {
				return err
			}
		}
	}
	if b.tried && !bw.headed {
		bw.headed = true
		if len(bw.header) > 0 {
			if _, err := bw.w.Write(bw.header); err != nil {
				return err
			}
		}
	}
	if len(b.out) > 0 {
		out := b.out
		if !bw.wrote {
			bw.wrote = true
			out = out[len(bw.sep):]
		}
		if _, err := bw.w.Write(out); err != nil {
			return err
		}
		if bw.o.Written != nil {
			bw.o.Written(b.n)
		}
	}
	return b.err
}

// close writes the footer (after the header, when no record was).
func (bw *batchWriter) close() error {
	header := bw.header
	if bw.headed {
		header = header[:0]
	}
	if ft := bw.f.AppendFooter(header); len(ft) > 0 {
		_, err := bw.w.Write(ft)
		return err
	}
	return nil
}

func (r *Reader) encodeText(ctx context.Context, w io.Writer, o parallel.Options, f encode.Format) error {
	nw := workers(o)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sep := f.Separator()
	bw := newBatchWriter(w, o, f)
	jobs := make(chan *textBatch, nw)
	order := make(chan *textBatch, 2*nw) // bounds the batches in flight
	free := make(batchPool, 2*nw+2)
	newBatch := func() *textBatch {
		b := free.get()
		b.done = make(chan struct{})
		return b
	}
	// MARCXML and MARC-in-JSON: this goroutine only finds the records'
	// elements, the workers build them too.
	sp := r.splitter()
	// From a mapped file, the elements are not copied: the workers read
	// them in the mapping (guarded: a file truncated under us faults).
	inPlace := r.inPlace
	var wg sync.WaitGroup
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var parse parseFunc
			releaseParser := func() {}
			if sp.parser != nil {
				parse, releaseParser = sp.parser()
			}
			for b := range jobs {
				if inPlace {
					if ferr := mmapio.Guard(func() { r.encodeBatch(ctx, b, sep, f, parse) }); ferr != nil {
						b.err = ferr
					}
				} else {
					r.encodeBatch(ctx, b, sep, f, parse)
				}
				releaseParser()
				close(b.done)
			}
		}()
	}
	// Batches in flight are bounded in bytes too, whatever the number of
	// workers: records of megabytes would otherwise fill them all.
	var mu sync.Mutex
	room := sync.NewCond(&mu)
	inFlight := 0
	stopWaiting := context.AfterFunc(ctx, func() {
		mu.Lock()
		room.Broadcast()
		mu.Unlock()
	})
	defer stopWaiting()
	release := func(b *textBatch) {
		mu.Lock()
		inFlight -= b.size
		room.Broadcast()
		mu.Unlock()
	}
	prodErr := make(chan error, 1)
	go func() {
		b := newBatch()
		send := func() bool {
			mu.Lock()
			for inFlight > 0 && inFlight+b.size > textInFlight && ctx.Err() == nil {
				room.Wait()
			}
			inFlight += b.size
			mu.Unlock()
			select {
			case order <- b:
			case <-ctx.Done():
				release(b)
				return false
			}
			jobs <- b
			b = newBatch()
			return true
		}
		err := readAll(ctx, r.next, func() error {
			it := textItem{index: r.Index(), offset: r.Offset(), line: r.Line(), end: -1}
			if raw, e, ok := sp.element(); ok {
				b.size += len(raw)
				if inPlace {
					it.raw, it.end = raw, 0
				} else {
					it.start = len(b.data)
					b.data = append(b.data, raw...)
					it.end = len(b.data)
				}
				it.elem = e
			} else if it.err = r.src.Err(); it.err == nil {
				rec := r.src.Record()
				it.start = len(b.data)
				b.data = append(b.data, rec.Bytes()...)
				it.end = len(b.data)
				b.size += len(rec.Bytes())
				it.repaired = rec.Repairs()&view.RepairText != 0
			}
			b.items = append(b.items, it)
			if b.size >= textBatchBytes || len(b.items) >= textBatchItems {
				if !send() {
					return ctx.Err()
				}
			}
			return nil
		})
		if err == nil {
			err = r.src.Err()
		}
		if len(b.items) > 0 {
			send()
		}
		close(jobs)
		close(order)
		prodErr <- err
	}()
	var first error
	for b := range order {
		<-b.done
		first = bw.write(b)
		release(b)
		free.put(b)
		if first != nil {
			break
		}
	}
	cancel()
	for b := range order { // the producer may be handing over one more
		<-b.done
		release(b)
	}
	wg.Wait()
	if err := <-prodErr; first == nil {
		first = err
	}
	if first != nil {
		return first
	}
	return bw.close()
}

// encodeBatch appends f's output for every good record of b to b.out,
// each after the separator, and collects the bad ones.
// parseFunc builds an unparsed element (see marcxml.Reader.Unparsed).
type parseFunc func(raw []byte, e any) (rec view.Record, repair string, err error, fatal bool)

// splitter is what a text reader offers to leave its records' building to
// the workers: element gives the current item's unparsed element, parser
// makes a parseFunc for one worker.
type splitter struct {
	element func() (raw []byte, e any, ok bool)
	parser  func() (parseFunc, func()) // and a function to release its buffers
}

// splitter sets the reader unparsed and returns its splitter; the zero
// splitter for a reader that builds its records itself (MRK).
func (r *Reader) splitter() splitter {
	strict := r.opts.Strict
	switch src := r.src.(type) {
	case *marcxml.Reader:
		src.Unparsed(true)
		return splitter{
			element: func() ([]byte, any, bool) {
				e, ok := src.Element()
				raw := e.Raw
				e.Raw = nil
				return raw, e, ok
			},
			parser: func() (parseFunc, func()) {
				ep := marcxml.NewElementParser(marcxml.Options{Strict: strict})
				return func(raw []byte, e any) (view.Record, string, error, bool) {
					el := e.(marcxml.Element)
					el.Raw = raw
					return ep.Parse(el)
				}, ep.Release
			},
		}
	case *marcjson.Reader:
		src.Unparsed(true)
		return splitter{
			element: func() ([]byte, any, bool) {
				e, ok := src.Element()
				raw := e.Raw
				e.Raw = nil
				return raw, e, ok
			},
			parser: func() (parseFunc, func()) {
				ep := marcjson.NewElementParser(marcjson.Options{Strict: strict})
				return func(raw []byte, e any) (view.Record, string, error, bool) {
					el := e.(marcjson.Element)
					el.Raw = raw
					return ep.Parse(el)
				}, ep.Release
			},
		}
	}
	return splitter{element: func() ([]byte, any, bool) { return nil, nil, false }}
}

func (r *Reader) encodeBatch(ctx context.Context, b *textBatch, sep string, f encode.Format, parse parseFunc) {
	if b.err = ctx.Err(); b.err != nil {
		return
	}
	b.out = b.out[:0]
	for _, it := range b.items {
		if it.end < 0 {
			b.bad = append(b.bad, it.err)
			continue
		}
		var rec view.Record
		var err error
		if it.elem != nil {
			var repair string
			var fatal bool
			raw := it.raw
			if raw == nil {
				raw = b.data[it.start:it.end]
			}
			if rec, repair, err, fatal = parse(raw, it.elem); fatal {
				b.err = err
				return
			}
			if err != nil {
				b.bad = append(b.bad, err)
				continue
			}
			it.repaired = repair != ""
		} else {
			rec, err = iso2709.View(b.data[it.start:it.end])
		}
		if r.encodeItem(b, it, rec, err, sep, f) {
			return
		}
	}
}

// encodeItem appends f's output for rec (err: what building it failed
// with) to b.out after the separator, or notes why not: a bad record, or
// b.err and true when the work stops there.
func (r *Reader) encodeItem(b *textBatch, it textItem, rec view.Record, err error, sep string, f encode.Format) (stop bool) {
	b.tried = true
	if err == nil {
		if it.repaired {
			rec = rec.WithRepairs(view.RepairText)
		}
		mark := len(b.out)
		b.out = append(b.out, sep...)
		var out []byte
		if out, err = f.Append(b.out, rec); err == nil {
			b.out = out
			b.n++
			return false
		}
		b.out = b.out[:mark]
	}
	if errors.Is(err, encode.ErrSkip) {
		return false
	}
	var re *view.RecordError
	if !errors.As(err, &re) {
		b.err = err
		return true
	}
	re.Index, re.Offset, re.Line = it.index, it.offset, it.line
	if r.opts.Strict {
		re.Stop = true
		b.err = err
		return true
	}
	b.bad = append(b.bad, err)
	return false
}
