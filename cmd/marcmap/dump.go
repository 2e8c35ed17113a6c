package main

import (
	"context"
	"errors"
	"flag"

	"github.com/marcmap/marcmap/encode/mrk"
)

var cmdDump = command{
	name: "dump", args: "[flags] [-raw] FILE...",
	summary: "print records as MARCMaker (.mrk) text: =LDR, =245  10$a..., \\ for blanks; MARC-8 records in UTF-8 unless -raw",
	flags: func(fs *flag.FlagSet, o *opts) {
		fs.BoolVar(&o.raw, "raw", false, "print MARC-8 records in MARC-8, without converting to UTF-8: bytes outside ASCII as MARCBreaker mnemonics ({acute}, {esc}, {XX})")
	},
	check: func(o *opts) error {
		if o.raw && o.strict {
			return errors.New("-raw and -strict exclude each other: -raw does not decode MARC-8")
		}
		return nil
	},
	run: runDump,
}

func runDump(ctx context.Context, d *driver) error {
	if err := d.checkOutputs(); err != nil {
		return err
	}
	if _, err := d.encodeAll(ctx, d.stdout, mrk.Options{Strict: d.strict, Raw: d.raw}, nil); err != nil {
		return err
	}
	return d.status()
}
