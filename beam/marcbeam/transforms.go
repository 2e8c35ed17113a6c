package marcbeam

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/dublincore"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mods"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/spec"
	"github.com/marcmap/marcmap/view"
)

// Encoded is one record in an output format, with where it comes from
// (to put a file's records back in order: Offset).
type Encoded struct {
	File   string
	Offset int64
	Data   []byte
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Encoded)(nil)).Elem())
	register.DoFn3x1[Record, func(Encoded), func(Reject), error](&convertFn{})
	register.Emitter1[Encoded]()
	register.DoFn2x1[Record, func(Record), error](&filterFn{})
	register.Function1x1[Record, string](recordType)
	register.Function1x1[Reject, string](RejectLine)
}

// FormatNamed returns the encoder of a format name: iso2709 (records as
// stored), utf8 (ISO 2709, MARC-8 converted), marcxml, mij, mrk, dc or
// mods.
func FormatNamed(name string) (encode.Format, error) {
	switch strings.ToLower(name) {
	case "iso2709", "marc", "mrc":
		return iso2709.Options{}, nil
	case "utf8", "iso2709-utf8":
		return iso2709.Options{Charset: iso2709.UTF8}, nil
	case "marcxml", "xml":
		return marcxml.Options{}, nil
	case "mij", "json", "marcjson":
		return marcjson.Options{}, nil
	case "mrk":
		return mrk.Options{}, nil
	case "dc", "oai_dc":
		return dublincore.Options{}, nil
	case "mods":
		return mods.Options{}, nil
	}
	return nil, fmt.Errorf("marcbeam: unknown format %q (want iso2709, utf8, marcxml, mij, mrk, dc or mods)", name)
}

// Convert encodes each record in the named format (see FormatNamed).
// Records the format cannot write go to rejects.
func Convert(s beam.Scope, format string, records beam.PCollection) (encoded, rejects beam.PCollection) {
	if _, err := FormatNamed(format); err != nil {
		panic(err)
	}
	s = s.Scope("marcbeam.Convert")
	return beam.ParDo2(s, &convertFn{Format: format}, records)
}

type convertFn struct {
	Format string
	f      encode.Format
}

func (fn *convertFn) ProcessElement(r Record, emit func(Encoded), reject func(Reject)) error {
	if fn.f == nil {
		f, err := FormatNamed(fn.Format)
		if err != nil {
			return err
		}
		fn.f = f
	}
	rec, err := parse(r.Raw)
	var out []byte
	if err == nil {
		out, err = fn.f.Append(nil, rec)
	}
	if err != nil {
		reject(Reject{File: r.File, Offset: r.Offset, Err: err.Error(), Raw: r.Raw})
		return nil
	}
	emit(Encoded{File: r.File, Offset: r.Offset, Data: out})
	return nil
}

// Filter keeps the records a field spec selects anything in (package spec:
// 650a~whaling, 245|1*|a, LDR[6]=a), matched on the records in UTF-8.
func Filter(s beam.Scope, where string, records beam.PCollection) beam.PCollection {
	if _, err := spec.Compile(where); err != nil {
		panic(err)
	}
	s = s.Scope("marcbeam.Filter")
	return beam.ParDo(s, &filterFn{Where: where}, records)
}

type filterFn struct {
	Where string
	sp    *spec.Spec
}

func (fn *filterFn) ProcessElement(r Record, emit func(Record)) error {
	if fn.sp == nil {
		sp, err := spec.Compile(fn.Where)
		if err != nil {
			return err
		}
		fn.sp = sp
	}
	rec, err := parse(r.Raw)
	if err != nil {
		return nil // Read let it through; a reader of the same bytes refuses it now: leave it out
	}
	match := false
	if err := iso2709.WithUTF8(rec, false, func(u view.Record) { match = fn.sp.Match(u) }); err != nil {
		return nil
	}
	if match {
		emit(r)
	}
	return nil
}

// CountByType counts the records by type of record (leader/06: a
// language material, c notated music, z authority, u-y holdings ...),
// as KV<string, int>.
func CountByType(s beam.Scope, records beam.PCollection) beam.PCollection {
	s = s.Scope("marcbeam.CountByType")
	return stats.Count(s, beam.ParDo(s, recordType, records))
}

func recordType(r Record) string {
	if len(r.Raw) < view.LeaderLen {
		return "?"
	}
	return string(r.Raw[6:7])
}

// RejectLine formats a reject as one line: file, then the error (which
// names the byte offset).
func RejectLine(r Reject) string { return r.File + ": " + r.Err }

// RejectLines formats rejects for a text file (textio.Write).
func RejectLines(s beam.Scope, rejects beam.PCollection) beam.PCollection {
	return beam.ParDo(s.Scope("marcbeam.RejectLines"), RejectLine, rejects)
}
