package scan

import (
	"bytes"
	"strconv"

	"github.com/marcmap/marcmap/view"
)

func indexRT(b []byte) int { return bytes.IndexByte(b, view.RecordTerminator) }

type tooLongError int

func (e tooLongError) Error() string {
	return view.ErrTooLong.Error() + ": no record terminator within " + strconv.Itoa(int(e)) + " bytes"
}
func (e tooLongError) Unwrap() error { return view.ErrTooLong }

func errTooLong(max int) error { return tooLongError(max) }

// SplitFunc is a bufio.SplitFunc that yields the raw bytes of each record
// (terminator included) with the same framing as Scanner: padding between
// records is skipped, a final record without terminator is returned, and a
// piece of input that is not a record but ends in a good record is split in
// two. Tokens are not parsed: pass them to view.Parse or view.ParseLenient.
// The bufio.Scanner's buffer size bounds the record length.
func SplitFunc(data []byte, atEOF bool) (advance int, token []byte, err error) {
	skip, n, k := frame(data, atEOF, len(data)+1, 0)
	switch k {
	case needMore:
		return skip, nil, nil
	case inputEnd:
		return len(data), nil, nil
	}
	cand := data[skip : skip+n]
	if sp := leadingSpaces(cand, true); sp > 0 {
		skip, n, cand = skip+sp, n-sp, cand[sp:]
	}
	if k == candRecord {
		if _, perr := view.Parse(cand); perr != nil {
			if p := innerStart(cand); p >= 0 {
				n = p
			}
		}
	}
	end := skip + n
	if k == candTail {
		end = len(data)
	}
	return end, data[skip : skip+n], nil
}
