package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/spec"
	"github.com/marcmap/marcmap/view"
)

var cmdFilter = command{
	name: "filter", args: "[flags] -where SPEC [-not] [-to FORMAT] [-o OUT] FILE...",
	summary: "write the records a field spec matches (-where 650a~history; -not for the others), in any output format",
	flags: func(fs *flag.FlagSet, o *opts) {
		formatFlags(fs, o)
		fs.StringVar(&o.output, "o", "", "output file (default: standard output)")
		fs.Func("where", "a field spec the record must match, e.g. 650a~history (repeat: all must match)", func(v string) error {
			sp, err := spec.Compile(v)
			if err != nil {
				return err
			}
			o.where = append(o.where, sp)
			return nil
		})
		fs.BoolVar(&o.not, "not", false, "keep the records that do not match")
	},
	check: func(o *opts) error {
		if len(o.where) == 0 {
			return errors.New("give -where SPEC, e.g. -where 650a~history")
		}
		return checkFormat(o)
	},
	run: runFilter,
}

// filtered leaves out (encode.ErrSkip) the records that do not match.
type filtered struct {
	encode.Format
	where  []*spec.Spec
	not    bool
	strict bool
}

func (f filtered) match(r view.Record) bool {
	for _, sp := range f.where {
		if !sp.Match(r) {
			return false
		}
	}
	return true
}

func (f filtered) Append(dst []byte, r view.Record) ([]byte, error) {
	m := false
	if l := r.Leader(); l.IsUnicode() {
		m = f.match(r)
	} else if err := iso2709.WithUTF8(r, f.strict, func(u view.Record) { m = f.match(u) }); err != nil {
		return dst, err
	}
	if m == f.not {
		return dst, encode.ErrSkip
	}
	return f.Format.Append(dst, r)
}

func runFilter(ctx context.Context, d *driver) error {
	if err := d.checkOutputs(d.output); err != nil {
		return err
	}
	if err := d.checkInputs(); err != nil {
		return err
	}
	out, err := d.create(d.output)
	if err != nil {
		return d.fail(d.output, err)
	}
	bad := 0
	n, err := d.encodeAll(ctx, out.w, filtered{d.outputFormat(), d.where, d.not, d.strict}, func(error, []byte) error { bad++; return nil })
	if err != nil {
		out.abort()
		return err
	}
	if err := out.commit(); err != nil {
		return d.fail(d.output, err)
	}
	if !d.quiet {
		fmt.Fprintf(d.stderr, "marcmap: kept %d records, skipped %d bad\n", n, bad)
	}
	return d.status()
}
