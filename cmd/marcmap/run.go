package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// exitError ends the program with a status and no further message (what
// went wrong was already printed).
type exitError int

func (e exitError) Error() string { return "exit status " + strconv.Itoa(int(e)) }

const (
	exitInvalid = exitError(1) // validate found bad records; strict mode stopped
	exitUsage   = exitError(2)
)

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, env *env) error
}

// env is what a subcommand gets: its parsed options and the I/O.
type env struct {
	strict  bool
	raw     bool // dump: MARC-8 bytes as they are
	toUTF8  bool // convert
	toMARC8 bool // convert
	output  string
	input   string
	stdin   io.Reader
	stdout  *bufio.Writer
	stderr  io.Writer

	inputSize int64 // bytes read from the input, set by scanInput
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

var commands = []command{
	{name: "count", args: "[-strict] FILE", summary: "count records, fields, bytes, record types (leader/06) and bad records", run: runCount},
	{name: "dump", args: "[-strict] [-raw] FILE", summary: "print records as MARCMaker (.mrk) text: =LDR, =245  10$a..., \\ for blanks; MARC-8 records shown in UTF-8 unless -raw", run: runDump},
	{name: "validate", args: "[-strict] FILE", summary: "print one line per bad or repaired record (index, offset, reason); exit status 1 if any", run: runValidate},
	{name: "convert", args: "[-strict] -to-utf8|-to-marc8 IN OUT", summary: "write IN's records to OUT (ISO 2709) in UTF-8 (leader/09 'a') or MARC-8 (leader/09 blank)", run: runConvert},
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `usage: marcmap COMMAND [flags] FILE

FILE is a path, or - for standard input.

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n            %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintf(w, `
Flags (every command):
  -strict   stop at the first bad record (exit status 1) instead of
            reporting it and going on
  -h        show this help
Flags of dump:
  -raw      print MARC-8 records' bytes as they are (default: in UTF-8)
Flags of convert (exactly one):
  -to-utf8  convert MARC-8 records to UTF-8 (leader/09 'a')
  -to-marc8 convert UTF-8 records to MARC-8 (leader/09 blank); characters
            MARC-8 lacks become &#xXXXX; references
OUT may be - for standard output.

Records are read leniently by default: broken records are reported on
standard error and skipped, records whose lengths or directory disagree
with their terminators are repaired (see "go doc github.com/marcmap/marcmap/scan").
`)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return nil
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "marcmap: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	fs := flag.NewFlagSet("marcmap "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	e := &env{stdin: stdin, stderr: stderr}
	fs.BoolVar(&e.strict, "strict", false, "stop at the first bad record")
	nargs := 1
	switch cmd.name {
	case "dump":
		fs.BoolVar(&e.raw, "raw", false, "print MARC-8 records' bytes as they are, without converting to UTF-8")
	case "convert":
		fs.BoolVar(&e.toUTF8, "to-utf8", false, "convert MARC-8 records to UTF-8")
		fs.BoolVar(&e.toMARC8, "to-marc8", false, "convert UTF-8 records to MARC-8")
		nargs = 2
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: marcmap %s %s\n  %s\n", cmd.name, cmd.args, cmd.summary)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitUsage
	}
	if fs.NArg() != nargs {
		fmt.Fprintf(stderr, "marcmap %s: want %d file arguments (or -), got %d\n", cmd.name, nargs, fs.NArg())
		fs.Usage()
		return exitUsage
	}
	if cmd.name == "convert" && e.toUTF8 == e.toMARC8 {
		fmt.Fprintf(stderr, "marcmap convert: give exactly one of -to-utf8 and -to-marc8\n")
		fs.Usage()
		return exitUsage
	}
	e.input = fs.Arg(0)
	if nargs == 2 {
		e.output = fs.Arg(1)
	}
	bw := bufio.NewWriterSize(stdout, 64<<10)
	e.stdout = bw
	err := cmd.run(ctx, e)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// scanInput opens the input and calls fn for every item; fn sees the
// scanner positioned on the item. A closed input returns the scan's fatal
// error; ctx cancellation stops the scan.
func scanInput(ctx context.Context, e *env, fn func(s *scan.Scanner) error) error {
	opts := scan.Options{Strict: e.strict}
	var s *scan.Scanner
	if e.input == "-" {
		cr := &countingReader{r: e.stdin}
		s = scan.NewReader(cr, opts)
		defer func() { e.inputSize = cr.n }()
	} else {
		m, err := mmapio.Open(e.input)
		if err != nil {
			return err
		}
		defer m.Close()
		e.inputSize = int64(m.Len())
		s = scan.New(m.Bytes(), opts)
	}
	for n := 0; s.Scan(); n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	if err := s.Err(); err != nil {
		var re *view.RecordError
		if errors.As(err, &re) {
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return exitInvalid
		}
		return err
	}
	return nil
}

func runCount(ctx context.Context, e *env) error {
	var records, bad, repaired, fields int
	types := map[byte]int{}
	err := scanInput(ctx, e, func(s *scan.Scanner) error {
		if err := s.Err(); err != nil {
			bad++
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return nil
		}
		r := s.Record()
		if r.Repairs() != 0 {
			repaired++
		}
		records++
		fields += r.NumFields()
		l := r.Leader()
		types[l.Type()]++
		return nil
	})
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "records\t%d\n", records)
	fmt.Fprintf(w, "repaired\t%d\n", repaired)
	fmt.Fprintf(w, "bad\t%d\n", bad)
	fmt.Fprintf(w, "fields\t%d\n", fields)
	fmt.Fprintf(w, "bytes\t%d\n", e.inputSize)
	keys := make([]int, 0, len(types))
	for k := range types {
		keys = append(keys, int(k))
	}
	sort.Ints(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "type %s\t%d\n", typeName(byte(k)), types[byte(k)])
	}
	return nil
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

func runDump(ctx context.Context, e *env) error {
	var buf, conv []byte
	var dec marc8.Decoder
	return scanInput(ctx, e, func(s *scan.Scanner) error {
		if err := s.Err(); err != nil {
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return nil
		}
		r := s.Record()
		if l := r.Leader(); !l.IsUnicode() && !e.raw {
			var err error
			conv, err = dec.AppendRecordUTF8(conv[:0], r)
			if err == nil {
				r, err = view.Parse(conv)
			}
			if err != nil {
				fmt.Fprintf(e.stderr, "marcmap: record %d at offset %d: converting to UTF-8: %v\n", s.Index(), s.Offset(), err)
				r = s.Record()
			}
		}
		buf = appendMRK(buf[:0], r)
		_, err := e.stdout.Write(buf)
		return err
	})
}

// appendMRK writes a record as MARCMaker text, as MarcEdit does: blanks in
// the leader, control fields and indicators as '\', the subfield delimiter
// as '$', a literal '$' as {dollar}, and a blank line after the record.
func appendMRK(dst []byte, r view.Record) []byte {
	l := r.Leader()
	dst = append(dst, "=LDR  "...)
	dst = appendBlanks(dst, l[:])
	dst = append(dst, '\n')
	for f := range r.Fields() {
		dst = append(dst, '=')
		dst = append(dst, f.Tag().String()...)
		dst = append(dst, "  "...)
		if f.IsControl() {
			dst = appendBlanks(dst, f.Data())
			dst = append(dst, '\n')
			continue
		}
		dst = appendBlanks(dst, []byte{f.Ind1(), f.Ind2()})
		for code, v := range f.Subfields() {
			if code != 0 || (len(v) == 0) {
				dst = append(dst, '$')
				if code != 0 {
					dst = append(dst, code)
				}
			}
			dst = appendDollar(dst, v)
		}
		dst = append(dst, '\n')
	}
	return append(dst, '\n')
}

func appendBlanks(dst, p []byte) []byte {
	for _, c := range p {
		if c == ' ' {
			c = '\\'
		}
		dst = append(dst, c)
	}
	return dst
}

func appendDollar(dst, p []byte) []byte {
	for {
		i := bytes.IndexByte(p, '$')
		if i < 0 {
			return append(dst, p...)
		}
		dst = append(dst, p[:i]...)
		dst = append(dst, "{dollar}"...)
		p = p[i+1:]
	}
}

func runValidate(ctx context.Context, e *env) error {
	var records, bad, repaired int
	err := scanInput(ctx, e, func(s *scan.Scanner) error {
		records++
		if err := s.Err(); err != nil {
			bad++
			var re *view.RecordError
			reason := err.Error()
			if errors.As(err, &re) {
				reason = re.Err.Error()
				if re.Tag != (view.Tag{}) {
					reason = "field " + re.Tag.String() + ": " + reason
				}
				reason += " (at record byte " + strconv.Itoa(re.Pos) + ")"
			}
			fmt.Fprintf(e.stdout, "record %d\toffset %d\trejected: %s\n", s.Index(), s.Offset(), reason)
			return nil
		}
		if rp := s.Record().Repairs(); rp != 0 {
			repaired++
			fmt.Fprintf(e.stdout, "record %d\toffset %d\trepaired: %s\n", s.Index(), s.Offset(), repairText(rp))
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d records: %d well-formed, %d repaired, %d rejected\n", records, records-bad-repaired, repaired, bad)
	if bad+repaired > 0 {
		return exitInvalid
	}
	return nil
}

func repairText(r view.Repair) string {
	var parts []string
	if r&view.RepairLength != 0 {
		parts = append(parts, "leader length disagrees with the record terminator")
	}
	if r&view.RepairTerminator != 0 {
		parts = append(parts, "record terminator missing")
	}
	if r&view.RepairBaseAddress != 0 {
		parts = append(parts, "base address does not follow the directory")
	}
	if r&view.RepairFields != 0 {
		parts = append(parts, "directory lengths or starts disagree with the field terminators")
	}
	return strings.Join(parts, "; ")
}

func runConvert(ctx context.Context, e *env) error {
	var out io.Writer = e.stdout
	if e.output != "-" {
		f, err := os.Create(e.output)
		if err != nil {
			return err
		}
		defer f.Close()
		bw := bufio.NewWriterSize(f, 256<<10)
		defer bw.Flush()
		out = bw
	}
	dec := marc8.Decoder{Strict: e.strict}
	var enc marc8.Encoder
	var buf []byte
	var n, bad int
	err := scanInput(ctx, e, func(s *scan.Scanner) error {
		if err := s.Err(); err != nil {
			bad++
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return nil
		}
		var err error
		if e.toUTF8 {
			buf, err = dec.AppendRecordUTF8(buf[:0], s.Record())
		} else {
			buf, err = enc.AppendRecordMARC8(buf[:0], s.Record())
		}
		if err != nil {
			var re *view.RecordError
			if errors.As(err, &re) {
				re.Index, re.Offset = s.Index(), s.Offset()
			}
			if e.strict {
				fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
				return exitInvalid
			}
			bad++
			fmt.Fprintf(e.stderr, "marcmap: skipped: %v\n", err)
			return nil
		}
		n++
		_, err = out.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "marcmap: converted %d records, skipped %d\n", n, bad)
	return nil
}
