package scan

// Chunk is a piece of a larger input that starts and ends on record
// boundaries, for scanning in parallel. Offset is the input offset of
// Data[0]; Index is the index of its first item in a sequential scan of the
// whole input (set by the caller once the items before it are counted).
type Chunk struct {
	Data   []byte
	Offset int64
	Index  int
}

// Chunks cuts data into about n chunks. Each cut is a Boundary: just
// after a record terminator, before a plausible leader, so a chunk never
// splits a record, and scanning the chunks one after the other gives
// exactly the items (records, bad records, offsets) of scanning data
// whole: the sequential scanner also ends an item at every terminator.
// Index is left 0; see Count.
func Chunks(data []byte, n int) []Chunk {
	if n < 1 {
		n = 1
	}
	var out []Chunk
	start := 0
	for i := 1; i <= n && start < len(data); i++ {
		end := len(data)
		if i < n {
			end = Boundary(data, max(len(data)*i/n, start))
		}
		if end <= start {
			continue
		}
		out = append(out, Chunk{Data: data[start:end:end], Offset: int64(start)})
		start = end
	}
	return out
}

// Count returns the number of items a scan of c would report.
func Count(c Chunk, opts Options) int {
	s := NewChunk(c, opts)
	n := 0
	for s.Scan() {
		n++
	}
	if s.Err() != nil { // a strict-mode stop is an item too
		n++
	}
	return n
}

// NewChunk returns a Scanner over a chunk whose offsets and indexes are
// those of the whole input. When c.Index is negative (not counted), Index
// and the errors' Index are -1 for every item.
func NewChunk(c Chunk, opts Options) *Scanner {
	s := New(c.Data, opts)
	s.base = c.Offset
	if c.Index < 0 {
		s.noIndex = true
	} else {
		s.idx = c.Index - 1
	}
	return s
}

// Boundary returns where the first item that starts at or after offset at
// begins, for cutting data into pieces that are scanned apart (Chunks, and
// the byte ranges of a distributed reader): 0 for at <= 0, else the
// position right after a record terminator, at or after at, that is
// followed by a plausible leader (five digits, after any padding) or by
// the end of data; len(data) when there is none. A terminator followed by
// something else (a stray 0x1D inside a field) is passed over. Every
// piece [Boundary(data, a), Boundary(data, b)) scanned with NewChunk gives
// the items of a sequential scan that start in it: the sequential scanner
// ends an item at every terminator, so any of them is a clean cut, and
// neighbours computing the boundary between them agree on it.
func Boundary(data []byte, at int) int {
	if at <= 0 {
		return 0
	}
	if at >= len(data) {
		return len(data)
	}
	for p := at - 1; p < len(data); {
		t := indexRT(data[p:])
		if t < 0 {
			return len(data)
		}
		start := p + t + 1
		if plausibleStart(data[start:]) {
			return start
		}
		p = start
	}
	return len(data)
}

// BoundaryDecided reports whether Boundary(data, at) = b holds for any
// input that data is only the beginning of: b is before the end of data
// and a leader's five digits follow it (after any padding) inside data.
// A reader of a byte range of a file reads on until it does (or the file
// ends), so that neighbouring ranges agree on the boundary between them.
func BoundaryDecided(data []byte, b int) bool {
	if b <= 0 {
		return b == 0
	}
	if b >= len(data) {
		return false
	}
	i := b
	for i < len(data) && isPad(data[i]) {
		i++
	}
	return len(data)-i >= 5
}

// plausibleStart reports whether b (what follows a record terminator)
// starts, after padding, with five digits (a record length) or is only
// padding.
func plausibleStart(b []byte) bool {
	i := 0
	for i < len(b) && isPad(b[i]) {
		i++
	}
	b = b[i:]
	if len(b) == 0 {
		return true
	}
	if len(b) < 5 {
		return false
	}
	for _, c := range b[:5] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
