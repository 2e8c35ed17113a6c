package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/marcmap/marcmap/encode/mrk"
)

var cmdDump = command{
	name: "dump", args: "[flags] [-raw] [-index N] FILE...",
	summary: "print records as MARCMaker (.mrk) text: =LDR, =245  10$a..., \\ for blanks; MARC-8 records in UTF-8 unless -raw",
	flags: func(fs *flag.FlagSet, o *opts) {
		fs.IntVar(&o.index, "index", -1, "print only record N (the number validate prints): -offset N -limit 1")
		fs.BoolVar(&o.raw, "raw", false, "print MARC-8 records in MARC-8, without converting to UTF-8: bytes outside ASCII as MARCBreaker mnemonics ({acute}, {esc}, {XX})")
	},
	check: func(o *opts) error {
		if o.raw && o.strict {
			return errors.New("-raw and -strict exclude each other: -raw does not decode MARC-8")
		}
		if o.set["index"] {
			if o.set["offset"] || o.set["limit"] {
				return errors.New("-index excludes -offset and -limit")
			}
			if o.index < 0 {
				return errors.New("-index must be 0 or more")
			}
			o.offset, o.limit = o.index, 1
		}
		return nil
	},
	run: runDump,
}

func runDump(ctx context.Context, d *driver) error {
	if err := d.checkOutputs(); err != nil {
		return err
	}
	bad := 0
	n, err := d.encodeAll(ctx, d.stdout, mrk.Options{Strict: d.strict, Raw: d.raw}, func(error, []byte) error { bad++; return nil })
	if err != nil {
		return err
	}
	if d.set["index"] && n == 0 && bad == 0 {
		fmt.Fprintf(d.stderr, "marcmap dump: no record %d: the input has fewer records\n", d.index)
		return exitInvalid
	}
	if d.set["index"] && bad > 0 {
		return exitInvalid // the record is bad: reported above
	}
	return d.status()
}
