package marcbeam

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/marcmap/marcmap/internal/marctest"
)

func TestMain(m *testing.M) {
	// Each prism run leaves a file in TMPDIR: keep them in a directory of
	// the tests' own.
	dir, err := os.MkdirTemp("", "marcbeam-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("TMPDIR", dir)
	code := ptest.MainRet(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

func init() {
	register.Function2x1[string, int, string](kvLine)
	register.Function1x1[string, bool](rejectLineOK)
}

func kvLine(k string, n int) string { return fmt.Sprintf("%s=%d", k, n) }

func rejectLineOK(l string) bool {
	return strings.Contains(l, "broken.mrc: marc: offset ")
}

// TestPipeline runs Read, CountByType, Convert and Filter on the prism
// runner over files split into small byte ranges, and checks them against
// a sequential scan.
func TestPipeline(t *testing.T) {
	dir := t.TempDir()
	sample := marctest.Sample()
	big := bytes.Repeat(sample, 40)
	broken, err := os.ReadFile("../../testdata/bad-directory-among-good.mrc")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "big.mrc"), big, 0o644)
	os.WriteFile(filepath.Join(dir, "broken.mrc"), broken, 0o644)
	os.WriteFile(filepath.Join(dir, "empty.mrc"), nil, 0o644)

	good, bad := 0, 0
	types := map[string]int{}
	zauberberg := 0
	for _, data := range [][]byte{big, broken} {
		for _, it := range sequential(data) {
			if it.Err != "" {
				bad++
				continue
			}
			good++
			types[string(it.Raw[6:7])]++
			if bytes.Contains(it.Raw, []byte("Zauberberg")) {
				zauberberg++
			}
		}
	}
	var wantTypes []any
	for k, n := range types {
		wantTypes = append(wantTypes, kvLine(k, n))
	}

	p, s := beam.NewPipelineWithRoot()
	records, rejects := Read(s, filepath.Join(dir, "*.mrc"), Options{BlockSize: 4096}) // many ranges per file
	passert.Count(s, records, "records", good)
	passert.Count(s, rejects, "rejects", bad)
	passert.Equals(s, beam.ParDo(s, kvLine, CountByType(s, records)), wantTypes...)
	enc, encRejects := Convert(s, "mij", records)
	passert.Count(s, enc, "encoded", good)
	passert.Empty(s, encRejects)
	passert.Count(s, Filter(s, "245a~zauberberg", records), "filtered", zauberberg)
	lines := RejectLines(s, rejects)
	passert.True(s, lines, rejectLineOK)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	if good < 200 || bad == 0 || zauberberg == 0 {
		t.Fatalf("test input too small: %d good, %d bad, %d matches", good, bad, zauberberg)
	}
}
