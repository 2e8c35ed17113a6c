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

// Chunks cuts data into about n chunks. Each cut is placed just after the
// first record terminator at or after an even cut point, so a chunk never
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
			cut := max(len(data)*i/n, start)
			if t := indexRT(data[cut:]); t >= 0 {
				end = cut + t + 1
			}
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
