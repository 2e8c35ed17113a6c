package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// Input returns the path of the benchmark input, making it when needed:
// $MARCMAP_BENCH_FILE if set (a real dump), else a file of
// $MARCMAP_BENCH_MB megabytes (default 100) in dir, made by cycling the
// well-formed UTF-8 records of seed with their 001 changed to a running
// number, so every record is distinct.
func Input(dir string, seed []byte) (string, error) {
	if p := os.Getenv("MARCMAP_BENCH_FILE"); p != "" {
		return p, nil
	}
	return MakeInput(dir, seed, false)
}

// MakeInput makes (or finds) the file Input describes, of UTF-8 records
// only, or with mixed true of every well-formed record of seed, MARC-8
// ones too (bench-mixed-100MB.mrc), for the paths that convert MARC-8.
func MakeInput(dir string, seed []byte, mixed bool) (string, error) {
	mb := 100
	if s := os.Getenv("MARCMAP_BENCH_MB"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			return "", fmt.Errorf("MARCMAP_BENCH_MB=%q", s)
		}
		mb = v
	}
	name := "bench"
	if mixed {
		name = "bench-mixed"
	}
	p := filepath.Join(dir, fmt.Sprintf("%s-%dMB.mrc", name, mb))
	if st, err := os.Stat(p); err == nil && st.Size() >= int64(mb)<<20 {
		return p, nil
	}
	var recs []view.Record
	for r, err := range scan.New(seed, scan.Options{}).Records() {
		if l := r.Leader(); err == nil && r.Repairs() == 0 && (mixed || l.IsUnicode()) {
			recs = append(recs, r)
		}
	}
	if len(recs) == 0 {
		return "", fmt.Errorf("no usable seed records")
	}
	var out bytes.Buffer
	var b iso2709.Builder
	for n := 0; out.Len() < mb<<20; n++ {
		b.ResetFrom(recs[n%len(recs)])
		id := []byte(fmt.Sprintf("bench%09d", n))
		found := false
		for i := 0; i < b.NumFields(); i++ {
			if b.Field(i).Tag().Is("001") {
				b.SetField(i, "001", id)
				found = true
				break
			}
		}
		if !found {
			b.AddField("001", id)
		}
		rec, err := b.Append(nil)
		if err != nil {
			continue
		}
		out.Write(rec)
	}
	return p, os.WriteFile(p, out.Bytes(), 0o644)
}

// Seed returns the corpus's ISO 2709 files joined ($MARCMAP_CORPUS, else
// ../../shared/corpus from bench/), or the bundled sample when the corpus
// is absent.
func Seed() []byte {
	dir := os.Getenv("MARCMAP_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.mrc"))
	var seed []byte
	for _, p := range files {
		if d, err := os.ReadFile(p); err == nil {
			seed = append(seed, d...)
		}
	}
	if len(seed) == 0 {
		return marctest.Sample()
	}
	return seed
}
