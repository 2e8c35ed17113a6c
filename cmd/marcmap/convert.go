package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/encode/dublincore"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mods"
	"github.com/marcmap/marcmap/encode/mrk"
)

var cmdConvert = command{
	name: "convert", args: "[flags] [-to FORMAT] [-to-utf8|-to-marc8] [-array] [-schema-valid] [-rejects FILE] [-o OUT] IN... (or IN OUT)",
	summary: "convert records between formats and character encodings",
	flags: func(fs *flag.FlagSet, o *opts) {
		formatFlags(fs, o)
		fs.StringVar(&o.output, "o", "", "output file (default: standard output)")
		fs.StringVar(&o.rejects, "rejects", "", "write the raw bytes of each bad record to this file (ISO 2709 input)")
	},
	check: checkFormat,
	run:   runConvert,
}

// formatFlags are the output flags of convert, filter and split.
func formatFlags(fs *flag.FlagSet, o *opts) {
	fs.StringVar(&o.to, "to", "iso2709", "output format: "+outputFormatNames)
	fs.BoolVar(&o.toUTF8, "to-utf8", false, "with -to iso2709: write UTF-8, converting MARC-8 records")
	fs.BoolVar(&o.toMARC8, "to-marc8", false, "with -to iso2709: write MARC-8, converting UTF-8 records")
	fs.BoolVar(&o.array, "array", false, "with -to mij: write one JSON array")
	fs.BoolVar(&o.valid, "schema-valid", false, "with -to marcxml: fit indicators (capitals lowercased, other invalid bytes blanked) and leaders to MARC21slim.xsd")
	fs.Func("set-leader", "write CHARS at leader position POS (5-9, 17-19), as yaz's -l: 9=a; repeat for several", func(v string) error {
		p, err := parseLeaderPatch(v)
		if err == nil {
			o.setLeader = append(o.setLeader, p)
		}
		return err
	})
}

// checkFormat checks the output flags.
func checkFormat(o *opts) error {
	var err error
	switch strings.ToLower(o.to) {
	case "dc", "dublincore", "oai_dc":
		o.crosswalk = "dc"
	case "mods":
		o.crosswalk = "mods"
	}
	if o.crosswalk != "" {
		o.toFormat = marcmap.MARCXML // an XML document: a collection of records
	} else if o.toFormat, err = marcmap.ParseFormat(o.to); err != nil || o.toFormat == marcmap.FormatAuto {
		return fmt.Errorf("-to: unknown output format %q (want %s)", o.to, outputFormatNames)
	}
	switch {
	case o.crosswalk != "" && (o.toUTF8 || o.toMARC8 || o.array || o.valid):
		return fmt.Errorf("-to-utf8, -to-marc8, -array and -schema-valid do not apply to -to %s", o.to)
	case o.toUTF8 && o.toMARC8:
		return errors.New("-to-utf8 and -to-marc8 exclude each other")
	case (o.toUTF8 || o.toMARC8) && o.toFormat != marcmap.ISO2709:
		return fmt.Errorf("-to-utf8 and -to-marc8 need -to iso2709: %s output is always UTF-8", o.toFormat)
	case o.array && o.toFormat != marcmap.MARCJSON:
		return errors.New("-array needs -to mij")
	case o.valid && o.toFormat != marcmap.MARCXML:
		return errors.New("-schema-valid needs -to marcxml")
	}
	return nil
}

// outputFormat is the encoder the flags ask for, with the leader patches
// of -set-leader.
func (o *opts) outputFormat() encode.Format {
	f := o.baseFormat()
	if len(o.setLeader) > 0 {
		return leaderPatched{f, o.setLeader}
	}
	return f
}

// outputFormatNames lists the output formats, for messages.
const outputFormatNames = marcmap.FormatNames + ", dc (OAI Dublin Core), mods (MODS 3.7)"

func (o *opts) baseFormat() encode.Format {
	switch o.crosswalk {
	case "dc":
		return dublincore.Options{Strict: o.strict}
	case "mods":
		return mods.Options{Strict: o.strict}
	}
	switch o.toFormat {
	case marcmap.MARCXML:
		return marcxml.Options{Strict: o.strict, SchemaValid: o.valid}
	case marcmap.MARCJSON:
		return marcjson.Options{Strict: o.strict, Array: o.array}
	case marcmap.MRK:
		return mrk.Options{Strict: o.strict}
	}
	cs := iso2709.AsStored
	if o.toUTF8 {
		cs = iso2709.UTF8
	} else if o.toMARC8 {
		cs = iso2709.MARC8
	}
	return iso2709.Options{Strict: o.strict, Charset: cs}
}

func runConvert(ctx context.Context, d *driver) (err error) {
	if err := d.checkOutputs(d.output, d.rejects); err != nil {
		return err
	}
	if err := d.checkInputs(); err != nil {
		return err
	}
	var n int64
	bad := 0
	err = d.withOutput(func(w io.Writer, rejected func(error, []byte) error) (err error) {
		n, err = d.encodeAll(ctx, w, d.outputFormat(), func(e error, raw []byte) error {
			bad++
			return rejected(e, raw)
		})
		return err
	})
	if err != nil {
		return err
	}
	if !d.quiet {
		fmt.Fprintf(d.stderr, "marcmap: converted %d records, skipped %d\n", n, bad)
	}
	return d.status()
}
