package marcmap

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/view"
)

// A MARC-in-JSON or MARCXML file read in place is cut into parts of about
// textPartBytes, each read and encoded by a worker with a Reader of its
// own (marcjson.NewPartReader, marcxml.NewPartReader): no goroutine has
// to find every record first, as the text pipeline's reading goroutine
// does (encodeText). A cut is made where a line opens an object, or
// where a record element starts; where that was not between two records
// (the part before it did not end cleanly), the rest of the document is
// read from the last good cut on one goroutine, so the output is always
// the one Reader's.
var textPartBytes = 1 << 20

// mijCuts returns where data, a MARC-in-JSON document, may be cut into
// parts: where a line opens an object.
func mijCuts(data []byte) []int {
	return cutsAt(data, func(from int) int {
		k := bytes.Index(data[from:], []byte("\n{"))
		if k < 0 {
			return -1
		}
		return from + k + 1
	})
}

// xmlCuts returns where data, a MARCXML document with prolog p, may be cut
// into parts: where a record element's start tag begins.
func xmlCuts(data []byte, p marcxml.Prolog) []int {
	return cutsAt(data, func(from int) int { return p.Cut(data, from) })
}

// cutsAt returns cuts about textPartBytes apart (first 0, last len(data)),
// each the first place next finds at or after a position, or nil for
// fewer than two parts.
func cutsAt(data []byte, next func(from int) int) []int {
	cuts := []int{0}
	for pos := textPartBytes; pos < len(data); {
		at := next(pos)
		if at < 0 {
			break
		}
		cuts = append(cuts, at)
		pos = at + textPartBytes
	}
	if len(cuts) < 2 {
		return nil
	}
	return append(cuts, len(data))
}

// part is a part's work: its batch (items and output), as encodeBatch
// makes it.
type part struct {
	b       *textBatch
	clean   bool // the part ended between two records, or the work stops in it
	records int  // items the part's Reader yielded
	lines   int  // new lines in the part (MARCXML)
}

// partReader reads a part (marcjson or marcxml NewPartReader).
type partReader interface {
	Scan() bool
	Err() error
	Record() view.Record
	Repair() string
	Index() int
	Clean() bool
}

// partFormat says how to read a document's parts: newReader opens one,
// shift moves a part's error to its place in the whole document (base:
// records before the part, lines: new lines before it).
type partFormat struct {
	newReader func(start, end int, last bool) partReader
	shift     func(re *view.RecordError, base, lines int)
	lines     bool // count the parts' new lines
}

// mijParts is how a MARC-in-JSON document is read in parts.
func mijParts(data []byte, inArray bool, o marcjson.Options) partFormat {
	return partFormat{
		newReader: func(start, end int, last bool) partReader {
			return marcjson.NewPartReader(data, start, end, inArray, last, o)
		},
		shift: func(re *view.RecordError, base, _ int) {
			if re.Index >= 0 { // (-1: the document, wherever it is)
				re.Index += base
			}
		},
	}
}

// xmlParts is how a MARCXML document is read in parts.
func xmlParts(data []byte, p marcxml.Prolog, o marcxml.Options) partFormat {
	return partFormat{
		newReader: func(start, end int, last bool) partReader {
			return marcxml.NewPartReader(data, start, end, p, last, o)
		},
		shift: func(re *view.RecordError, base, lines int) {
			if re.Index >= -1 { // (-1: the record before the part's first)
				re.Index += base
			}
			if re.Line > 0 {
				re.Line += lines
			}
		},
		lines: true,
	}
}

// encodeParts is Encode for a mapped MARC-in-JSON or MARCXML file cut at
// cuts (mijCuts, xmlCuts), its parts read as pf says.
func (r *Reader) encodeParts(ctx context.Context, w io.Writer, o parallel.Options, f encode.Format, data []byte, cuts []int, pf partFormat) error {
	nw := workers(o)
	// The workers' context: cancelled when the work stops or one
	// goroutine reads the rest.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sep := f.Separator()
	bw := newBatchWriter(w, o, f)
	nparts := len(cuts) - 1
	free := make(batchPool, 2*nw+2)

	// read reads part i (from cuts[i] to the end, for the last part or
	// one goroutine's reading of the rest) into a batch and encodes it.
	read := func(ctx context.Context, i int, toEnd bool) *part {
		end := cuts[i+1]
		if toEnd {
			end = len(data)
		}
		last := end == len(data)
		p := &part{b: free.get()}
		b := p.b
		if b.err = ctx.Err(); b.err != nil {
			p.clean = true
			return p
		}
		ferr := mmapio.Guard(func() {
			// The records are encoded as they are read, as encodeBatch
			// encodes a batch's.
			if pf.lines {
				p.lines = bytes.Count(data[cuts[i]:end], []byte{'\n'})
			}
			rd := pf.newReader(cuts[i], end, last)
			for rd.Scan() {
				p.records++
				if err := rd.Err(); err != nil {
					b.bad = append(b.bad, err)
					continue
				}
				it := textItem{index: rd.Index(), offset: -1, repaired: rd.Repair() != ""}
				switch s := rd.(type) {
				case *marcjson.Reader:
					it.offset = s.Offset()
				case *marcxml.Reader:
					it.line = s.Line()
				}
				if r.encodeItem(b, it, rd.Record(), nil, sep, f) {
					p.clean = true // (an error that ends the work: the records before it were read right)
					return
				}
			}
			p.clean = rd.Clean() || last
			if last {
				b.err = rd.Err()
			}
		})
		if ferr != nil {
			b.err, p.clean = ferr, true
		}
		return p
	}

	type job struct {
		i   int
		out chan *part
	}
	jobs := make(chan job, nw)
	order := make(chan chan *part, 2*nw) // bounds the parts in flight
	var wg sync.WaitGroup
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- read(wctx, j.i, false)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(order)
		for i := range nparts {
			ch := make(chan *part, 1)
			select {
			case order <- ch:
			case <-wctx.Done():
				return
			}
			jobs <- job{i, ch}
		}
	}()

	base, lines := 0, 0 // records and new lines before the part
	// put writes a part's output and reports its bad records, with their
	// indexes and lines in the whole document.
	put := func(p *part) error {
		shift := func(err error) {
			var re *view.RecordError
			if errors.As(err, &re) {
				pf.shift(re, base, lines)
			}
		}
		for _, e := range p.b.bad {
			shift(e)
		}
		shift(p.b.err)
		base += p.records
		lines += p.lines
		return bw.write(p.b)
	}

	var first error
	i := 0
	for ch := range order {
		p := <-ch
		if !p.clean {
			// Not cut between two records (or a part that stops the
			// reading): one goroutine reads the rest from this part's
			// start, which was.
			cancel()
			for ch := range order {
				<-ch
			}
			wg.Wait()
			p = read(ctx, i, true)
			i = nparts - 1
		}
		r.consumed.Store(int64(cuts[i+1]))
		first = put(p)
		free.put(p.b)
		if first != nil {
			break
		}
		if i == nparts-1 {
			break
		}
		i++
	}
	cancel()
	for ch := range order {
		<-ch
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return bw.close()
}
