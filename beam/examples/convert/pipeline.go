package main

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/marcmap/marcmap/beam/marcbeam"
)

func init() {
	register.Function1x2[marcbeam.Encoded, string, marcbeam.Encoded](byFile)
	beam.RegisterType(reflect.TypeOf((*writeFn)(nil)).Elem())
	register.DoFn3x1[context.Context, string, func(*marcbeam.Encoded) bool, error](&writeFn{})
	register.Iter1[marcbeam.Encoded]()
}

// pipeline builds the conversion of the files matching input to format
// to, written to the directory output.
func pipeline(input, output, to string, o marcbeam.Options) (*beam.Pipeline, error) {
	if _, err := marcbeam.FormatNamed(to); err != nil {
		return nil, err
	}
	p, s := beam.NewPipelineWithRoot()
	records, rejects := marcbeam.Read(s, input, o)
	encoded, unwritable := marcbeam.Convert(s, to, records)
	grouped := beam.GroupByKey(s, beam.ParDo(s, byFile, encoded))
	beam.ParDo0(s, &writeFn{Dir: output, Format: to, Prefix: globPrefix(input)}, grouped)
	lines := beam.Flatten(s, marcbeam.RejectLines(s, rejects), marcbeam.RejectLines(s, unwritable))
	textio.Write(s, path.Join(output, "rejects.txt"), lines)
	return p, nil
}

func byFile(e marcbeam.Encoded) (string, marcbeam.Encoded) { return e.File, e }

// globPrefix is the directory part of a glob before its first wildcard:
// "data/*/*.mrc" gives "data/".
func globPrefix(glob string) string {
	if i := strings.IndexAny(glob, "*?["); i >= 0 {
		glob = glob[:i]
	}
	if i := strings.LastIndexByte(glob, '/'); i >= 0 {
		return glob[:i+1]
	}
	return ""
}

// outputName is the output file of an input: its path under the glob's
// prefix, in dir, with the format's extension added (data/a/x.mrc ->
// DIR/a/x.mrc.xml), so that inputs of one name in different directories,
// or x.mrc and x.xml, do not write one file.
func outputName(dir, prefix, input, format string) string {
	rel := path.Base(input)
	if prefix != "" && strings.HasPrefix(input, prefix) {
		rel = strings.TrimPrefix(input, prefix)
	}
	ext := map[string]string{"marcxml": ".xml", "xml": ".xml", "mij": ".json", "json": ".json", "marcjson": ".json",
		"mrk": ".mrk", "dc": ".dc.xml", "oai_dc": ".dc.xml", "mods": ".mods.xml"}[strings.ToLower(format)]
	if ext == "" {
		ext = ".mrc"
	}
	return path.Join(dir, rel+ext)
}

// writeFn writes one input file's records, in input order, between the
// format's header and footer.
type writeFn struct {
	Dir    string
	Format string
	Prefix string // the input glob's directory part
}

func (fn *writeFn) ProcessElement(ctx context.Context, file string, values func(*marcbeam.Encoded) bool) error {
	f, err := marcbeam.FormatNamed(fn.Format)
	if err != nil {
		return err
	}
	var recs []marcbeam.Encoded
	var e marcbeam.Encoded
	for values(&e) {
		recs = append(recs, e)
	}
	slices.SortFunc(recs, func(a, b marcbeam.Encoded) int { return cmp.Compare(a.Offset, b.Offset) })
	name := outputName(fn.Dir, fn.Prefix, file, fn.Format)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	buf := f.AppendHeader(nil)
	for i, r := range recs {
		if i > 0 {
			buf = append(buf, f.Separator()...)
		}
		buf = append(buf, r.Data...)
		if len(buf) > 1<<20 {
			if _, err := w.Write(buf); err != nil {
				w.Close()
				return err
			}
			buf = buf[:0]
		}
	}
	buf = f.AppendFooter(buf)
	if _, err := w.Write(buf); err != nil {
		w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("convert: %s: %w", name, err)
	}
	return nil
}
