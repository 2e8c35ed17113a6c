package scan

import (
	"bytes"

	"github.com/marcmap/marcmap/view"
)

// isPad reports whether c may sit between records: NUL, LF, CR, ^Z (0x1A)
// and space, as written by DOS tools, FTP transfers and fixed-block tapes.
func isPad(c byte) bool {
	return c == 0 || c == '\n' || c == '\r' || c == 0x1A || c == ' '
}

type kind uint8

const (
	needMore    kind = iota // no decision possible without more input
	candRecord              // data[skip:skip+n] ends with a record terminator
	candTail                // at end of input: data[skip:skip+n] has no terminator
	candTooLong             // no terminator within max bytes of data[skip]
	inputEnd                // at end of input, nothing but padding remains
)

// frame finds the next item in data, which begins right after the previous
// item. skip is the number of padding bytes before it (valid for every kind,
// so a stream can drop them). For candTooLong, n is limit. The decision only
// depends on data[:skip+n] (or on all of data for needMore and the end
// kinds), so a stream and a mapping of the same bytes frame identically.
//
// The first searched bytes of data are known to hold no record terminator
// (a hint from an earlier call on a shorter window); it changes no result.
func frame(data []byte, atEOF bool, limit, searched int) (skip, n int, k kind) {
	for skip < len(data) && isPad(data[skip]) {
		skip++
	}
	if skip == len(data) {
		if atEOF {
			return skip, 0, inputEnd
		}
		// Keep trailing spaces: they may begin the next leader.
		for skip > 0 && data[skip-1] == ' ' {
			skip--
		}
		return skip, 0, needMore
	}
	// Spaces right before the item stay with it: they are padding, or the
	// start of a leader whose length is not numeric; decide decides.
	for skip > 0 && data[skip-1] == ' ' {
		skip--
	}
	rest := data[skip:]
	window := rest
	if len(window) > limit {
		window = window[:limit]
	}
	from := min(max(searched-skip, 0), len(window))
	if t := bytes.IndexByte(window[from:], view.RecordTerminator); t >= 0 {
		return skip, from + t + 1, candRecord
	}
	if len(rest) >= limit {
		return skip, limit, candTooLong
	}
	if !atEOF {
		return skip, 0, needMore
	}
	n = len(rest)
	for n > 0 && isPad(rest[n-1]) {
		n--
	}
	return skip, n, candTail
}

// leadingSpaces returns how many of the spaces cand starts with are padding
// rather than the start of a leader: all of them, unless the record only
// parses with them (a leader whose length begins with blanks, which lenient
// mode repairs).
func leadingSpaces(cand []byte, lenient bool) int {
	k := 0
	for k < len(cand) && cand[k] == ' ' {
		k++
	}
	if k == 0 || !lenient {
		return k
	}
	if _, err := view.Parse(cand[k:]); err == nil {
		return k
	}
	if _, err := view.ParseLenient(cand); err == nil {
		return 0
	}
	return k
}

// innerStart looks inside a candidate that failed to parse for a
// well-formed record that ends with it: the case of a record that lost its
// terminator, or of garbage, followed by a good record. It returns the start
// of that record, or -1.
func innerStart(cand []byte) int {
	c := len(cand)
	for p := 1; p+view.LeaderLen+2 <= c; p++ {
		if cand[p] < '0' || cand[p] > '9' {
			continue
		}
		if (*view.Leader)(cand[p:p+view.LeaderLen]).RecordLength() != c-p {
			continue
		}
		if _, err := view.Parse(cand[p:]); err == nil {
			return p
		}
	}
	return -1
}
