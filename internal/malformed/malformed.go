package malformed

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"github.com/marcmap/marcmap/internal/marctest"
)

// Case is one malformed input.
type Case struct {
	Name         string
	Data         []byte
	First, Last  []byte // the undamaged neighbours, as they appear in Data
	MiddleOffset int    // where the damaged part starts
}

// mutation damages one record.
type mutation struct {
	name string
	do   func(r *rand.Rand, rec []byte) []byte
}

var mutations = []mutation{
	{"truncate", func(r *rand.Rand, rec []byte) []byte { return rec[:r.IntN(len(rec))] }},
	{"flip-length-digit", func(r *rand.Rand, rec []byte) []byte {
		rec[r.IntN(5)] = byte('0' + r.IntN(10))
		return rec
	}},
	{"length-not-numeric", func(r *rand.Rand, rec []byte) []byte {
		rec[r.IntN(5)] = " x-/"[r.IntN(4)]
		return rec
	}},
	{"corrupt-directory", func(r *rand.Rand, rec []byte) []byte {
		base := 24 + 12*((len(rec)/60)%3)
		i := base + r.IntN(12)
		if i < len(rec) {
			rec[i] = "0123456789Xx \x1e\x1f\x1d"[r.IntN(16)]
		}
		return rec
	}},
	{"drop-field-terminator", func(r *rand.Rand, rec []byte) []byte {
		idx := indexes(rec, 0x1e)
		i := idx[r.IntN(len(idx))]
		return append(rec[:i:i], rec[i+1:]...)
	}},
	{"duplicate-field-terminator", func(r *rand.Rand, rec []byte) []byte {
		idx := indexes(rec, 0x1e)
		i := idx[r.IntN(len(idx))]
		return append(rec[:i+1:i+1], rec[i:]...)
	}},
	{"drop-record-terminator", func(r *rand.Rand, rec []byte) []byte { return rec[:len(rec)-1] }},
	{"duplicate-record-terminator", func(r *rand.Rand, rec []byte) []byte { return append(rec, 0x1d) }},
	{"overlong-field-length", func(r *rand.Rand, rec []byte) []byte {
		i := 24 + 12*r.IntN(3) + 3
		copy(rec[i:], "9999")
		return rec
	}},
	{"bad-base-address", func(r *rand.Rand, rec []byte) []byte {
		copy(rec[12:], fmt.Sprintf("%05d", r.IntN(100000)))
		return rec
	}},
	{"garbage-before", func(r *rand.Rand, rec []byte) []byte {
		g := make([]byte, 1+r.IntN(40))
		for i := range g {
			g[i] = byte(r.IntN(256))
		}
		return append(g, rec...)
	}},
	{"invalid-utf8", func(r *rand.Rand, rec []byte) []byte {
		idx := indexes(rec, 0x1f)
		i := idx[r.IntN(len(idx))] + 2
		rec[i] = []byte{0xff, 0xc3, 0xe2, 0x80}[r.IntN(4)]
		return rec
	}},
	{"broken-marc8-escape", func(r *rand.Rand, rec []byte) []byte {
		rec[9] = ' ' // now it claims MARC-8
		idx := indexes(rec, 0x1f)
		i := idx[r.IntN(len(idx))] + 2
		esc := [][]byte{{0x1b}, {0x1b, '$'}, {0x1b, '(', 'Z'}, {0x1b, '$', '1', '!'}, {0xe1}, {0x1b, ')', '!'}}[r.IntN(6)]
		copy(rec[i:], esc)
		return rec
	}},
	{"flip-bytes", func(r *rand.Rand, rec []byte) []byte {
		for range 1 + r.IntN(5) {
			rec[r.IntN(len(rec))] = byte(r.IntN(256))
		}
		return rec
	}},
}

func indexes(b []byte, c byte) []int {
	var out []int
	for i, x := range b {
		if x == c {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		out = append(out, len(b)-1)
	}
	return out
}

// Cases returns perKind cases for each kind of damage, the same every
// time.
func Cases(perKind int) []Case {
	var recs [][]byte
	data := marctest.Sample()
	for len(data) > 0 {
		i := bytes.IndexByte(data, 0x1d)
		recs = append(recs, data[:i+1])
		data = data[i+1:]
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	var out []Case
	for _, m := range mutations {
		for k := range perKind {
			first := recs[rng.IntN(len(recs))]
			last := recs[rng.IntN(len(recs))]
			mid := m.do(rng, bytes.Clone(recs[rng.IntN(len(recs))]))
			// A damaged record may now end in something that glues onto
			// the next record's leader; that is part of the test.
			buf := append(append(append([]byte{}, first...), mid...), last...)
			out = append(out, Case{
				Name:         fmt.Sprintf("%s-%03d", m.name, k),
				Data:         buf,
				First:        buf[:len(first)],
				Last:         buf[len(buf)-len(last):],
				MiddleOffset: len(first),
			})
		}
	}
	return out
}
