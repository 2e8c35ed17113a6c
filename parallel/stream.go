package parallel

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// BlockSize is the size of the blocks a Stream source reads ahead.
const BlockSize = 4 << 20

// blocks reads r in blocks that end just after a record terminator (the
// rest is carried into the next block) and calls emit for each, with its
// input offset and the sequential index of its first item. emit blocks
// while the pipeline is full. A block grows past BlockSize only to hold a
// record that does not fit, up to the scanner's MaxRecordLen.
func blocks(ctx context.Context, r io.Reader, o Options, emit func(c scan.Chunk) error) error {
	blockSize := BlockSize
	if o.blockSize > 0 {
		blockSize = o.blockSize // smaller in tests
	}
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
			if err := ctx.Err(); err != nil {
				return err // cancelled: a Read under way is waited for, no more
			}
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
