package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode"
)

var cmdSplit = command{
	name: "split", args: "[flags] -n N [-prefix P] [-to FORMAT] FILE...",
	summary: "write every N records to a new numbered file: P0001.mrc, P0002.mrc ...",
	flags: func(fs *flag.FlagSet, o *opts) {
		formatFlags(fs, o)
		fs.IntVar(&o.every, "n", 0, "records per output file")
		fs.StringVar(&o.prefix, "prefix", "", "output names: PREFIX0001.EXT ... (default: the first input's name without its extension, then -)")
	},
	check: func(o *opts) error {
		if o.every <= 0 {
			return errors.New("give -n N, the records per output file (1 or more)")
		}
		return checkFormat(o)
	},
	run: runSplit,
}

var extensions = map[marcmap.Format]string{marcmap.ISO2709: ".mrc", marcmap.MARCXML: ".xml", marcmap.MARCJSON: ".json", marcmap.MRK: ".mrk"}

func runSplit(ctx context.Context, d *driver) error {
	prefix := d.prefix
	if prefix == "" {
		base := filepath.Base(d.files[0])
		if d.files[0] == "-" {
			base = "split"
		}
		prefix = strings.TrimSuffix(base, filepath.Ext(base)) + "-"
	}
	if err := d.checkInputs(); err != nil {
		return err
	}
	f := d.outputFormat()
	// Every part is written under a temporary name and closed; the parts
	// are renamed to their names only when the whole input is split, so a
	// failed or interrupted split leaves no part behind.
	var (
		parts []*output
		out   *output
		enc   *encode.Encoder
		n     int
	)
	finish := func() error {
		if out == nil {
			return nil
		}
		err := enc.Close()
		if cerr := out.close(); err == nil {
			err = cerr
		}
		out = nil
		return err
	}
	err := d.each(ctx, func(_ int, name string, r *marcmap.Reader) error {
		for r.Scan() {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := r.Err(); err != nil {
				d.report(name, err)
				continue
			}
			if n%d.every == 0 {
				if err := finish(); err != nil {
					return err
				}
				path := fmt.Sprintf("%s%04d%s", prefix, len(parts)+1, extensions[d.toFormat])
				if err := d.checkOutputs(path); err != nil {
					return err
				}
				var err error
				if out, err = d.create(path); err != nil {
					return err
				}
				parts = append(parts, out)
				enc = encode.NewEncoder(out.w, f)
			}
			rec := r.Record()
			d.progressRecord(r, rec.Len())
			if err := enc.Encode(rec); err != nil {
				var re *marcmap.RecordError
				if errors.As(err, &re) && !d.strict {
					re.Index, re.Offset = r.Index(), r.Offset()
					d.report(name, err)
					continue
				}
				return err
			}
			n++
		}
		return r.Err()
	})
	if err == nil {
		err = finish()
	}
	if err == nil {
		err = ctx.Err()
	}
	for _, p := range parts {
		if err != nil {
			p.abort()
			continue
		}
		err = p.publish()
	}
	if err != nil {
		for _, p := range parts {
			p.abort() // the ones not yet renamed
		}
		return err
	}
	if !d.quiet {
		fmt.Fprintf(d.stderr, "marcmap: wrote %d records to %d files (%s0001%s ...)\n", n, len(parts), prefix, extensions[d.toFormat])
	}
	return d.status()
}
