package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/beam/marcbeam"
	"github.com/marcmap/marcmap/encode"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "marcbeam-convert-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("TMPDIR", dir) // prism leaves a file per run there
	code := ptest.MainRet(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// sequential is what `marcmap convert -to format` writes for one input.
func sequential(t *testing.T, in, format string) []byte {
	f, err := marcbeam.FormatNamed(format)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := marcmap.Open(in, marcmap.Options{Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var out bytes.Buffer
	enc := encode.NewEncoder(&out, f)
	for r, err := range rd.Records() {
		if err == nil {
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestConvertEqualsSequential runs the example pipeline on the prism
// runner over small files cut into 2 KB ranges and compares each output
// with a sequential conversion, in MARCXML and MARC-in-JSON.
func TestConvertEqualsSequential(t *testing.T) {
	in := t.TempDir()
	copyFile := func(src, name string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Skip("input absent:", err)
		}
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("../../../testdata/sample.mrc", "sample.mrc")
	copyFile("../../../testdata/bad-directory-among-good.mrc", "broken.mrc")
	sample, _ := os.ReadFile(filepath.Join(in, "sample.mrc"))
	os.WriteFile(filepath.Join(in, "many.mrc"), bytes.Repeat(sample, 30), 0o644)

	for _, format := range []string{"marcxml", "mij"} {
		out := t.TempDir()
		glob := filepath.Join(in, "*.mrc")
		p, err := pipeline(glob, out, format, marcbeam.Options{BlockSize: 2048})
		if err != nil {
			t.Fatal(err)
		}
		if err := ptest.Run(p); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"sample.mrc", "broken.mrc", "many.mrc"} {
			src := filepath.Join(in, name)
			got, err := os.ReadFile(outputName(out, globPrefix(glob), src, format))
			if err != nil {
				t.Fatal(err)
			}
			if want := sequential(t, src, format); !bytes.Equal(got, want) {
				t.Errorf("%s, %s: the pipeline's output (%d bytes) differs from a sequential conversion (%d bytes)", name, format, len(got), len(want))
			}
		}
		rejects, _ := filepath.Glob(filepath.Join(out, "rejects.txt*"))
		var all []byte
		for _, r := range rejects {
			b, _ := os.ReadFile(r)
			all = append(all, b...)
		}
		if !strings.Contains(string(all), "broken.mrc: marc: offset 228") {
			t.Errorf("rejects: %q", all)
		}
	}
}

func TestOutputName(t *testing.T) {
	for _, c := range []struct{ glob, input, want string }{
		{"data/*/*.mrc", "data/a/x.mrc", "out/a/x.mrc.xml"},
		{"data/*/*.mrc", "data/b/x.mrc", "out/b/x.mrc.xml"},
		{"data/*", "data/x.xml", "out/x.xml.xml"},
		{"x.mrc", "x.mrc", "out/x.mrc.xml"},
	} {
		if got := outputName("out", globPrefix(c.glob), c.input, "marcxml"); got != c.want {
			t.Errorf("%s %s: %s, want %s", c.glob, c.input, got, c.want)
		}
	}
}
