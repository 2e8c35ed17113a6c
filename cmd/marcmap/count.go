package main

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/view"
)

var cmdCount = command{
	name: "count", args: "[flags] FILE...",
	summary: "count records, fields, bytes, record types (leader/06) and bad records; exit status 1 if any record was rejected",
	run:     runCount,
}

func runCount(ctx context.Context, d *driver) error {
	if err := d.checkOutputs(); err != nil {
		return err
	}
	var records, repaired, fields atomic.Int64
	var types [256]atomic.Int64
	bad := 0 // BadRecord is called from one goroutine
	err := d.each(ctx, func(_ int, name string, r *marcmap.Reader) error {
		o := d.parallelOptions(name, func(error, []byte) error { bad++; return nil })
		return r.ForEach(ctx, o, func(_ int, rec view.Record) error {
			d.progressRecord(r, rec.Len())
			records.Add(1)
			fields.Add(int64(rec.NumFields()))
			if rec.Repairs() != 0 {
				repaired.Add(1)
			}
			types[rec.Leader().Type()].Add(1)
			return nil
		})
	})
	if err != nil {
		return err
	}
	w := d.stdout
	fmt.Fprintf(w, "records\t%d\n", records.Load())
	fmt.Fprintf(w, "repaired\t%d\n", repaired.Load())
	fmt.Fprintf(w, "bad\t%d\n", bad)
	fmt.Fprintf(w, "fields\t%d\n", fields.Load())
	fmt.Fprintf(w, "bytes\t%d\n", d.done)
	for i := range types {
		if n := types[i].Load(); n > 0 {
			fmt.Fprintf(w, "type %s\t%d\n", typeName(byte(i)), n)
		}
	}
	if bad > 0 {
		return exitInvalid
	}
	return d.status()
}

func typeName(b byte) string {
	if b == ' ' {
		return `\`
	}
	if b < 0x20 || b >= 0x7F {
		return fmt.Sprintf("0x%02X", b)
	}
	return string(b)
}
