package marcbeam

import (
	"bytes"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/marcmap/marcmap/internal/malformed"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
)

// sequential is what a sequential scan of data gives, as items.
func sequential(data []byte) []Item {
	var out []Item
	s := scan.NewChunk(scan.Chunk{Data: data, Index: -1}, scan.Options{})
	for s.Scan() {
		emitItem(s, func(it Item) { out = append(out, it) })
	}
	return out
}

// inRanges reads data as byte ranges cut at cuts (sorted, 0 and len(data)
// included); splitAt, when not negative, makes the claim of the first
// range fail from that offset on, and the rest is read as a range of its
// own, as after a runner's dynamic split.
func inRanges(t *testing.T, data []byte, cuts []int, splitAt int) []Item {
	t.Helper()
	var out []Item
	read := func(start, end int) {
		claimed := int64(-1)
		claim := func(off int64) bool {
			if off <= claimed || off < int64(start) && start > 0 {
				t.Fatalf("claim %d after %d in [%d, %d)", off, claimed, start, end)
			}
			claimed = off
			return splitAt < 0 || off < int64(splitAt)
		}
		base := max(start-1, 0)
		err := readRange(bytes.NewReader(data[base:]), int64(start), int64(end), scan.Options{}, claim, func(it Item) { out = append(out, it) })
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i+1 < len(cuts); i++ {
		if splitAt >= 0 && i == 0 {
			read(cuts[0], cuts[1])
			s := splitAt
			splitAt = -1
			if s < cuts[1] {
				read(s, cuts[1])
			}
			continue
		}
		read(cuts[i], cuts[i+1])
	}
	return out
}

func inputs(t *testing.T) map[string][]byte {
	in := map[string][]byte{"sample": marctest.Sample()}
	for _, c := range malformed.Cases(3) {
		in["malformed/"+c.Name] = c.Data
	}
	// Broken records glued together, with stray terminators and padding.
	var gen []byte
	for i, c := range malformed.Cases(1) {
		gen = append(gen, c.Data...)
		if i%3 == 0 {
			gen = append(gen, "\x1dstray\x1d\n\n"...)
		}
		if len(gen) > 1<<20 {
			break
		}
	}
	in["generated"] = gen
	for _, cf := range marctest.Corpus(t, "iso2709") {
		if b, err := os.ReadFile(cf.Path); err == nil {
			in[cf.Name] = b
		}
	}
	return in
}

// TestRangesReadEachItemOnce: for random split points (and a dynamic
// split inside the first range), the union of the ranges' items is the
// sequential scan's, in order, with no duplicate and no loss: on the
// corpus, the malformed cases and a generated file of broken records.
func TestRangesReadEachItemOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	files, items := 0, 0
	for name, data := range inputs(t) {
		want := sequential(data)
		files++
		items += len(want)
		for trial := range 12 {
			cuts := []int{0, len(data)}
			for range trial % 6 {
				cuts = append(cuts, rng.IntN(len(data)+1))
			}
			slices.Sort(cuts)
			splitAt := -1
			if trial%3 == 2 && cuts[1] > 0 {
				splitAt = rng.IntN(cuts[1] + 1)
			}
			got := inRanges(t, data, cuts, splitAt)
			if len(got) != len(want) {
				t.Fatalf("%s cut at %v (split at %d): %d items, want %d", name, cuts, splitAt, len(got), len(want))
			}
			for i := range want {
				if got[i].Offset != want[i].Offset || got[i].Err != want[i].Err || !bytes.Equal(got[i].Raw, want[i].Raw) {
					t.Fatalf("%s cut at %v (split at %d), item %d:\n got  %d %q\n want %d %q", name, cuts, splitAt, i, got[i].Offset, got[i].Err, want[i].Offset, want[i].Err)
				}
			}
		}
	}
	t.Logf("%d inputs, %d items, each read once whatever the split points", files, items)
}

// TestRangeReadsLittlePastItsEnd: a range reads at most a little past its
// end.
func TestRangeReadsLittlePastItsEnd(t *testing.T) {
	data := bytes.Repeat(marctest.Sample(), 200)
	var r countingReader
	r.r = bytes.NewReader(data)
	err := readRange(&r, 0, 1000, scan.Options{}, func(int64) bool { return true }, func(Item) {})
	if err != nil {
		t.Fatal(err)
	}
	if r.n > 1000+200<<10 {
		t.Errorf("read %d bytes for a range of 1000", r.n)
	}
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
