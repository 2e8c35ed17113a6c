package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/view"
)

var cmdValidate = command{
	name: "validate", args: "[flags] [-rejects FILE] FILE...",
	summary: "print one line per bad or repaired record, and per record whose character data is broken (index, position, reason); exit status 1 if any",
	flags: func(fs *flag.FlagSet, o *opts) {
		fs.StringVar(&o.rejects, "rejects", "", "write the raw bytes of each bad record to this file (ISO 2709 input)")
		fs.BoolVar(&o.noCharset, "no-charset", false, "skip the character-set check (invalid UTF-8, undecodable MARC-8), for speed")
	},
	run: runValidate,
}

func runValidate(ctx context.Context, d *driver) error {
	if err := d.checkOutputs(d.rejects); err != nil {
		return err
	}
	if err := d.checkInputs(); err != nil {
		return err
	}
	rejects, err := d.openRejects()
	if err != nil {
		return d.fail(d.rejects, err)
	}
	var records, bad, repaired, charset, both, flagged atomic.Int64
	err = d.each(ctx, func(_ int, name string, r *marcmap.Reader) error {
		prefix := ""
		if len(d.files) > 1 {
			prefix = name + "\t"
		}
		// The lines on standard output report bad records; BadRecord only
		// saves them aside.
		o := d.parallelOptions(name, nil)
		o.BadRecord = rejects.add
		return r.EncodeItems(ctx, d.stdout, o, func(dst []byte, it *marcmap.Item) ([]byte, error) {
			records.Add(1)
			d.progressRecord(r, len(it.Raw))
			if it.Err != nil {
				bad.Add(1)
				dst = appendWhere(append(dst, prefix...), it)
				return append(append(dst, "\trejected: "...), rejectReason(it.Err)...), nil
			}
			isFlagged := false
			if rp := it.Record.Repairs(); rp != 0 {
				repaired.Add(1)
				isFlagged = true
				dst = appendWhere(append(dst, prefix...), it)
				dst = append(append(dst, "\trepaired: "...), repairText(rp, it.Repair)+"\n"...)
			}
			if !d.noCharset {
				if cerr := iso2709.CheckCharset(it.Record); cerr != nil {
					var re *view.RecordError
					if errors.As(cerr, &re) {
						re.Index, re.Offset, re.Line = it.Index, it.Offset, it.Line
						if d.strict {
							re.Stop = true
							return dst, cerr
						}
					}
					charset.Add(1)
					if isFlagged {
						both.Add(1)
					}
					isFlagged = true
					dst = appendWhere(append(dst, prefix...), it)
					dst = append(append(dst, "\tcharset: "...), rejectReason(cerr)...)
				}
			}
			if isFlagged {
				flagged.Add(1)
			}
			return dst, nil
		})
	})
	// A run that stopped (-strict, an error, a signal) leaves no rejects
	// file: it would not account for the input.
	if ferr := rejects.finish(err == nil); ferr != nil && err == nil {
		err = d.fail(d.rejects, ferr)
	}
	if err != nil {
		return err
	}
	n, b, rp, cs := records.Load(), bad.Load(), repaired.Load(), charset.Load()
	also := ""
	if x := both.Load(); x > 0 {
		also = fmt.Sprintf(" (%d of them also repaired)", x)
	}
	fmt.Fprintf(d.stdout, "%d records: %d well-formed, %d repaired, %d rejected, %d with bad character data%s\n", n, n-b-flagged.Load(), rp, b, cs, also)
	if b+rp+cs > 0 {
		return exitInvalid
	}
	return d.status()
}

// appendWhere appends "record N<TAB>offset O" (or "line L" for text
// formats).
func appendWhere(dst []byte, it *marcmap.Item) []byte {
	dst = append(dst, "record "...)
	dst = strconv.AppendInt(dst, int64(it.Index), 10)
	if it.Line > 0 {
		dst = append(dst, "\tline "...)
		return strconv.AppendInt(dst, int64(it.Line), 10)
	}
	dst = append(dst, "\toffset "...)
	return strconv.AppendInt(dst, it.Offset, 10)
}

// rejectReason says why a record was rejected, with a newline.
func rejectReason(err error) string {
	var re *view.RecordError
	if !errors.As(err, &re) {
		return message(err) + "\n"
	}
	reason := re.Err.Error()
	if re.Tag != (view.Tag{}) {
		reason = "field " + re.Tag.String() + ": " + reason
	}
	if re.Pos >= 0 {
		reason += " (at record byte " + strconv.Itoa(re.Pos) + ")"
	}
	return reason + "\n"
}

func repairText(r view.Repair, text string) string {
	var parts []string
	if r&view.RepairLength != 0 {
		parts = append(parts, "leader length disagrees with the record terminator")
	}
	if r&view.RepairTerminator != 0 {
		parts = append(parts, "record terminator missing")
	}
	if r&view.RepairBaseAddress != 0 {
		parts = append(parts, "base address does not follow the directory, or the directory does not end with a field terminator")
	}
	if r&view.RepairFields != 0 {
		parts = append(parts, "directory lengths or starts disagree with the field terminators")
	}
	if r&view.RepairDirectory != 0 {
		parts = append(parts, "directory entries wider than 12 bytes (five-digit lengths or six-digit starts): read by the field terminators")
	}
	if r&view.RepairText != 0 && text != "" {
		parts = append(parts, text)
	}
	if r&view.RepairLeader != 0 {
		parts = append(parts, `leader/10-11 or 20-23 not digits, or a leader byte not printable ASCII (read and written as MARC 21 fixes them: "22", "4500", blank)`)
	}
	return strings.Join(parts, "; ")
}
