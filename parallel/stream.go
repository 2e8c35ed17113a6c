package parallel

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// BlockSize is the size of the blocks ForEachReader and EncodeReader read
// ahead.
const BlockSize = 4 << 20

var blockSize = BlockSize // smaller in tests

// blocks reads r in blocks that end just after a record terminator (the
// rest is carried into the next block) and calls emit for each, with its
// input offset and the sequential index of its first item. At most
// inFlight blocks are outstanding: emit blocks until a slot frees. A block
// grows past BlockSize only to hold a record that does not fit, up to the
// scanner's MaxRecordLen.
func blocks(ctx context.Context, r io.Reader, o Options, emit func(c scan.Chunk) error) error {
	maxLen := o.Scan.MaxRecordLen
	if maxLen <= 0 {
		maxLen = scan.DefaultMaxRecordLen
	}
	var carry []byte
	var off int64
	idx := 0
	eof := false
	for !eof {
		if err := ctx.Err(); err != nil {
			return err
		}
		buf := make([]byte, 0, max(blockSize, len(carry)+blockSize))
		buf = append(buf, carry...)
		for len(buf) < cap(buf) {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if errors.Is(err, io.EOF) {
				eof = true
				break
			}
			if err != nil {
				return err
			}
		}
		end := len(buf)
		if !eof {
			t := bytes.LastIndexByte(buf, view.RecordTerminator)
			if t < 0 && len(buf) < maxLen+blockSize {
				carry = buf // no terminator yet: read more into a bigger block
				continue
			}
			if t >= 0 {
				end = t + 1
			}
		}
		carry = append([]byte(nil), buf[end:]...)
		c := scan.Chunk{Data: buf[:end:end], Offset: off, Index: idx}
		idx += scan.Count(c, o.Scan)
		off += int64(end)
		if err := emit(c); err != nil {
			return err
		}
	}
	return nil
}

// ForEachReader is ForEach for a stream (a pipe, stdin, a compressed
// file): blocks are read ahead and scanned on all cores. Indexes and
// offsets are those of a sequential scan; records alias their block and
// are valid during fn only.
func ForEachReader(ctx context.Context, r io.Reader, o Options, fn func(index int, rec view.Record) error) error {
	return streamRun(ctx, r, o, func(c scan.Chunk) ([]byte, error) {
		return nil, eachInChunk(c, o, func(s *scan.Scanner) error { return fn(s.Index(), s.Record()) })
	}, nil)
}

// EncodeReader is Encode for a stream.
func EncodeReader(ctx context.Context, w io.Writer, r io.Reader, o Options, appendFn AppendFunc) error {
	return streamRun(ctx, r, o, func(c scan.Chunk) ([]byte, error) {
		var buf []byte
		err := eachInChunk(c, o, func(s *scan.Scanner) error {
			var err error
			buf, err = appendFn(buf, s.Record())
			return err
		})
		return buf, err
	}, w)
}

func eachInChunk(c scan.Chunk, o Options, fn func(s *scan.Scanner) error) error {
	s := scan.NewChunk(c, o.Scan)
	for s.Scan() {
		if err := s.Err(); err != nil {
			if o.BadRecord != nil {
				if err := o.BadRecord(err, s.Raw()); err != nil {
					return err
				}
			}
			continue
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return s.Err()
}

// streamRun reads blocks on this goroutine, works on them on o.workers()
// goroutines, and (when w is set) writes their outputs in order. At most
// 2×workers blocks are in memory.
func streamRun(ctx context.Context, r io.Reader, o Options, work func(scan.Chunk) ([]byte, error), w io.Writer) error {
	nw := o.workers()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		c   scan.Chunk
		out chan result
	}
	jobs := make(chan job, nw)
	order := make(chan chan result, 2*nw) // bounds the blocks in flight
	done := make(chan error, 1)
	// writer/collector: results in input order; the first error wins.
	go func() {
		var first error
		for ch := range order {
			res := <-ch
			if first == nil && res.err != nil {
				first = res.err
				cancel()
			}
			if first == nil && w != nil {
				if _, err := w.Write(res.buf); err != nil {
					first = err
					cancel()
				}
			}
		}
		done <- first
	}()
	for range nw {
		go func() {
			for j := range jobs {
				var res result
				if ctx.Err() != nil {
					res.err = ctx.Err()
				} else {
					res.buf, res.err = work(j.c)
				}
				j.out <- res
			}
		}()
	}
	readErr := blocks(ctx, r, o, func(c scan.Chunk) error {
		ch := make(chan result, 1)
		select {
		case order <- ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case jobs <- job{c, ch}:
			return nil
		case <-ctx.Done():
			ch <- result{err: ctx.Err()}
			return ctx.Err()
		}
	})
	close(jobs)
	close(order)
	err := <-done
	if err == nil && readErr != nil && !errors.Is(readErr, context.Canceled) {
		err = readErr
	}
	if err == nil {
		err = readErr
	}
	return err
}

type result struct {
	buf []byte
	err error
}
