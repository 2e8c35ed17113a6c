package main

import (
	"context"
	"flag"
	"strconv"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

var cmdFields = command{
	name: "fields", args: "[flags] [-sep S] FILE SPEC...",
	summary: "print one tab-separated line per record: its number, then the values of each field spec (245abc, 100a:700a, 6XX, 008[35-37], LDR[6], 650a~history)",
	flags: func(fs *flag.FlagSet, o *opts) {
		fs.StringVar(&o.sep, "sep", "|", "separator between the values of one spec")
	},
	run: runFields,
}

func runFields(ctx context.Context, d *driver) error {
	if err := d.checkOutputs(); err != nil {
		return err
	}
	err := d.each(ctx, func(_ int, name string, r *marcmap.Reader) error {
		return r.EncodeItems(ctx, d.stdout, d.parallelOptions(name, nil), func(dst []byte, it *marcmap.Item) ([]byte, error) {
			d.progressRecord(r, len(it.Raw))
			if it.Err != nil {
				return dst, nil // reported by BadRecord
			}
			var err error
			line := func(rec view.Record) { dst = d.appendFieldsLine(dst, it.Index, rec) }
			if l := it.Record.Leader(); l.IsUnicode() {
				line(it.Record)
			} else {
				err = iso2709.WithUTF8(it.Record, d.strict, line)
			}
			return dst, err
		})
	})
	if err != nil {
		return err
	}
	return d.status()
}

// appendFieldsLine appends "INDEX<TAB>values<TAB>values\n": each spec's
// values, one per field, joined by -sep; tabs and line breaks in the
// values become spaces so that a line stays a line.
func (d *driver) appendFieldsLine(dst []byte, index int, rec view.Record) []byte {
	dst = strconv.AppendInt(dst, int64(index), 10)
	for _, sp := range d.specs {
		dst = append(dst, '\t')
		start := len(dst)
		dst = sp.AppendValues(dst, rec, " ", d.sep)
		for i := start; i < len(dst); i++ {
			if c := dst[i]; c == '\t' || c == '\n' || c == '\r' {
				dst[i] = ' '
			}
		}
	}
	return append(dst, '\n')
}
