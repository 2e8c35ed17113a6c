package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/marcmap/marcmap/encode/iso2709"
	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/marc8"
	"github.com/marcmap/marcmap/parallel"
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
	strict       bool
	from         string // input format, "" to guess
	raw          bool   // dump: MARC-8 bytes as they are
	to           string // convert: output format
	toUTF8       bool   // convert
	toMARC8      bool   // convert
	array        bool   // convert -to mij: a JSON array
	valid        bool   // convert -to marcxml: schema-valid indicators
	rejects      string // validate, convert: file for the raw bytes of bad records
	workers      int    // count, convert: goroutines for mapped ISO 2709 input (0: all cores)
	quiet        bool   // no progress line
	showProgress bool   // draw progress on stderr (a terminal, and not -q)
	output       string
	input        string
	stdin        io.Reader
	stdout       *bufio.Writer
	stderr       io.Writer

	inputSize int64 // bytes read from the input, set by eachRecord
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
	{name: "count", args: "[flags] FILE", summary: "count records, fields, bytes, record types (leader/06) and bad records", run: runCount},
	{name: "dump", args: "[flags] [-raw] FILE", summary: "print records as MARCMaker (.mrk) text: =LDR, =245  10$a..., \\ for blanks; MARC-8 records in UTF-8 unless -raw", run: runDump},
	{name: "validate", args: "[flags] FILE", summary: "print one line per bad or repaired record (index, position, reason); exit status 1 if any", run: runValidate},
	{name: "convert", args: "[flags] [-to FORMAT] [-to-utf8|-to-marc8] [-array] [-o OUT] IN [OUT]", summary: "convert records between formats and character encodings", run: runConvert},
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
  -from F   input format: iso2709, marcxml, mij (MARC-in-JSON) or mrk
            (MARCMaker); default: guessed from the file name, then the content
  -q        no progress line (one is drawn on standard error when it is a
            terminal: records, MB, MB/s, time left)
  -workers N
            goroutines for ISO 2709 files (default 0: one per core; 1:
            sequential); standard input and other formats are read by one
  -h        show this help
Flags of validate and convert:
  -rejects FILE
            write the raw bytes of every bad record of ISO 2709 input to
            FILE, so that good and rejected records account for the whole
            input (apart from padding between records)
Flags of dump:
  -raw      print MARC-8 records' bytes as they are (default: in UTF-8)
Flags of convert:
  -to F     output format: iso2709 (default), marcxml, mij or mrk
  -to-utf8  write ISO 2709 records in UTF-8 (leader/09 'a'), converting MARC-8
  -to-marc8 write ISO 2709 records in MARC-8 (leader/09 blank); characters
            MARC-8 lacks become &#xXXXX; references
  -array    with -to mij: one JSON array instead of one object per line
  -schema-valid
            with -to marcxml: make indicators fit the LoC schema (capital
            letters lowercased, other invalid bytes blanked); by default
            indicators are written as they are
  -o OUT    output file (or give OUT after IN); - or none for standard output
MARCXML, MARC-in-JSON and MRK output is always UTF-8.

Records are read leniently by default: broken records are reported on
standard error and skipped; ISO 2709 records whose lengths or directory
disagree with their terminators are repaired (see "go doc
github.com/marcmap/marcmap/scan").
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
	fs.StringVar(&e.from, "from", "", "input format: "+strings.Join(formats, ", ")+" (default: guessed)")
	fs.BoolVar(&e.quiet, "q", false, "no progress line on standard error")
	minArgs, maxArgs := 1, 1
	if cmd.name == "validate" || cmd.name == "convert" {
		fs.StringVar(&e.rejects, "rejects", "", "write the raw bytes of each bad record to this file (ISO 2709 input)")
	}
	if cmd.name != "help" {
		fs.IntVar(&e.workers, "workers", 0, "goroutines for ISO 2709 files (0: one per core; 1: sequential)")
	}
	switch cmd.name {
	case "dump":
		fs.BoolVar(&e.raw, "raw", false, "print MARC-8 records' bytes as they are, without converting to UTF-8")
	case "convert":
		fs.StringVar(&e.to, "to", fmtISO2709, "output format: "+strings.Join(formats, ", "))
		fs.BoolVar(&e.toUTF8, "to-utf8", false, "write ISO 2709 in UTF-8, converting MARC-8 records")
		fs.BoolVar(&e.toMARC8, "to-marc8", false, "write ISO 2709 in MARC-8, converting UTF-8 records")
		fs.BoolVar(&e.array, "array", false, "with -to mij: write one JSON array")
		fs.BoolVar(&e.valid, "schema-valid", false, "with -to marcxml: lowercase capital indicators and blank other invalid ones, so the output validates against MARC21slim.xsd")
		fs.StringVar(&e.output, "o", "", "output file (default: standard output)")
		maxArgs = 2
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
	bad := func(format string, a ...any) error {
		fmt.Fprintf(stderr, "marcmap %s: "+format+"\n", append([]any{cmd.name}, a...)...)
		fs.Usage()
		return exitUsage
	}
	if fs.NArg() < minArgs || fs.NArg() > maxArgs {
		return bad("want %d to %d file arguments (- for standard input), got %d", minArgs, maxArgs, fs.NArg())
	}
	e.input = fs.Arg(0)
	if fs.NArg() == 2 {
		if e.output != "" {
			return bad("give the output either with -o or after the input, not both")
		}
		e.output = fs.Arg(1)
	}
	if e.from != "" && !validFormat(e.from) {
		return bad("unknown input format %q", e.from)
	}
	if cmd.name == "convert" {
		if !validFormat(e.to) {
			return bad("unknown output format %q", e.to)
		}
		if e.toUTF8 && e.toMARC8 {
			return bad("-to-utf8 and -to-marc8 exclude each other")
		}
		if e.toMARC8 && e.to != fmtISO2709 {
			return bad("-to-marc8 needs -to iso2709: %s output is always UTF-8", e.to)
		}
	}
	e.showProgress = !e.quiet && isTerminal(stderr)
	bw := bufio.NewWriterSize(stdout, 64<<10)
	e.stdout = bw
	err := cmd.run(ctx, e)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

func runCount(ctx context.Context, e *env) error {
	var records, bad, repaired, fields int
	types := map[byte]int{}
	m, err := mappedISO(e)
	if err != nil {
		return err
	}
	if m != nil {
		defer m.Close()
		var nRec, nBad, nRep, nFields atomic.Int64
		var nTypes [256]atomic.Int64
		var mu sync.Mutex
		prog := startProgress(e.stderr, e.showProgress, int64(m.Len()))
		defer prog.finish()
		// Counting needs no record numbers, so skip the pass that computes
		// them, except in strict mode, whose error names the record.
		err := parallel.ForEach(ctx, m.Bytes(), parallel.Options{Workers: e.workers, Scan: scan.Options{Strict: e.strict}, NoIndex: !e.strict,
			BadRecord: func(err error, _ []byte) error {
				nBad.Add(1)
				mu.Lock()
				fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
				mu.Unlock()
				return nil
			}},
			func(_ int, r view.Record) error {
				prog.add(r.Len())
				nRec.Add(1)
				nFields.Add(int64(r.NumFields()))
				if r.Repairs() != 0 {
					nRep.Add(1)
				}
				l := r.Leader()
				nTypes[l.Type()].Add(1)
				return nil
			})
		if err != nil {
			if isRecordError(err) {
				fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
				return exitInvalid
			}
			return err
		}
		records, bad, repaired, fields = int(nRec.Load()), int(nBad.Load()), int(nRep.Load()), int(nFields.Load())
		for i := range nTypes {
			if n := nTypes[i].Load(); n > 0 {
				types[byte(i)] = int(n)
			}
		}
		e.inputSize = int64(m.Len())
		return printCount(e, records, repaired, bad, fields, types)
	}
	err = eachRecord(ctx, e, func(in *input) error {
		if err := in.Err(); err != nil {
			bad++
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return nil
		}
		r := in.Record()
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
	return printCount(e, records, repaired, bad, fields, types)
}

func printCount(e *env, records, repaired, bad, fields int, types map[byte]int) error {
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
	m, err := mappedISO(e)
	if err != nil {
		return err
	}
	if m != nil {
		defer m.Close()
		appendFn := mrk.Append // converts MARC-8 records to UTF-8
		if e.raw {
			appendFn = func(dst []byte, r view.Record) ([]byte, error) { return mrk.AppendRaw(dst, r), nil }
		}
		var mu sync.Mutex
		prog := startProgress(e.stderr, e.showProgress, int64(m.Len()))
		defer prog.finish()
		err := parallel.Encode(ctx, e.stdout, m.Bytes(), parallel.Options{Workers: e.workers, Scan: scan.Options{Strict: e.strict},
			BadRecord: func(err error, _ []byte) error {
				mu.Lock()
				fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
				mu.Unlock()
				return nil
			}},
			func(dst []byte, r view.Record) ([]byte, error) {
				prog.add(r.Len())
				out, err := appendFn(dst, r)
				if err != nil { // a record MARC-8 cannot convert: show it as it is
					return mrk.AppendRaw(dst, r), nil
				}
				return out, nil
			})
		if err != nil && isRecordError(err) {
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return exitInvalid
		}
		return err
	}
	var buf, conv []byte
	var dec marc8.Decoder
	return eachRecord(ctx, e, func(in *input) error {
		if err := in.Err(); err != nil {
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return nil
		}
		r := in.Record()
		if l := r.Leader(); !l.IsUnicode() && !e.raw {
			u, c, err := dec.UTF8(conv, r)
			conv = c
			if err != nil {
				fmt.Fprintf(e.stderr, "marcmap: record %d at %s: converting to UTF-8: %v\n", in.Index(), in.where(), err)
			} else {
				r = u
			}
		}
		buf = mrk.AppendRaw(buf[:0], r)
		_, err := e.stdout.Write(buf)
		return err
	})
}

// rejectReason says why a record was rejected.
func rejectReason(err error) string {
	var re *view.RecordError
	reason := err.Error()
	if errors.As(err, &re) {
		reason = re.Err.Error()
		if re.Tag != (view.Tag{}) {
			reason = "field " + re.Tag.String() + ": " + reason
		}
		reason += " (at record byte " + strconv.Itoa(re.Pos) + ")"
	}
	return reason
}

func runValidate(ctx context.Context, e *env) error {
	var records, bad, repaired int
	m, err := mappedISO(e)
	if err != nil {
		return err
	}
	if m != nil && e.rejects == "" {
		defer m.Close()
		var nRec, nBad, nRep atomic.Int64
		prog := startProgress(e.stderr, e.showProgress, int64(m.Len()))
		defer prog.finish()
		err := parallel.EncodeItems(ctx, e.stdout, m.Bytes(), parallel.Options{Workers: e.workers, Scan: scan.Options{Strict: e.strict}},
			func(dst []byte, s *scan.Scanner) ([]byte, error) {
				nRec.Add(1)
				prog.add(len(s.Raw()))
				if err := s.Err(); err != nil {
					nBad.Add(1)
					return fmt.Appendf(dst, "record %d\toffset %d\trejected: %s\n", s.Index(), s.Offset(), rejectReason(err)), nil
				}
				if rp := s.Record().Repairs(); rp != 0 {
					nRep.Add(1)
					return fmt.Appendf(dst, "record %d\toffset %d\trepaired: %s\n", s.Index(), s.Offset(), repairText(rp)), nil
				}
				return dst, nil
			})
		if err != nil {
			if isRecordError(err) {
				fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
				return exitInvalid
			}
			return err
		}
		records, bad, repaired = int(nRec.Load()), int(nBad.Load()), int(nRep.Load())
	} else {
		if m != nil {
			m.Close()
		}
		err = eachRecord(ctx, e, func(in *input) error {
			records++
			if err := in.Err(); err != nil {
				bad++
				fmt.Fprintf(e.stdout, "record %d\t%s\trejected: %s\n", in.Index(), in.where(), rejectReason(err))
				return nil
			}
			if rp := in.Record().Repairs(); rp != 0 {
				repaired++
				fmt.Fprintf(e.stdout, "record %d\t%s\trepaired: %s\n", in.Index(), in.where(), repairText(rp))
			}
			return nil
		})
		if err != nil {
			return err
		}
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

// sink writes records in one output format.
type sink interface {
	Encode(view.Record) error
	Close() error
}

// isoSink writes ISO 2709, converting the character encoding on request.
type isoSink struct {
	w       *bufio.Writer
	toUTF8  bool
	toMARC8 bool
	dec     marc8.Decoder
	enc     marc8.Encoder
	buf     []byte
}

func (s *isoSink) Encode(r view.Record) error {
	var err error
	switch {
	case s.toUTF8:
		s.buf, err = s.dec.AppendRecordUTF8(s.buf[:0], r)
	case s.toMARC8:
		s.buf, err = s.enc.AppendRecordMARC8(s.buf[:0], r)
	default:
		s.buf, err = iso2709.Append(s.buf[:0], r)
	}
	if err != nil {
		return err
	}
	_, err = s.w.Write(s.buf)
	return err
}

func (s *isoSink) Close() error { return s.w.Flush() }

func openSink(e *env, w io.Writer) sink {
	switch e.to {
	case fmtMARCXML:
		enc := marcxml.NewEncoder(w)
		enc.SchemaValid = e.valid
		return enc
	case fmtMIJ:
		enc := marcjson.NewEncoder(w)
		enc.Array = e.array
		return enc
	case fmtMRK:
		return mrk.NewEncoder(w)
	}
	s := &isoSink{w: bufio.NewWriterSize(w, 256<<10), toUTF8: e.toUTF8, toMARC8: e.toMARC8}
	s.dec.Strict = e.strict
	return s
}

func runConvert(ctx context.Context, e *env) (err error) {
	var out io.Writer = e.stdout
	if e.output != "" && e.output != "-" {
		f, err := os.Create(e.output)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
		out = f
	}
	if done, err := convertParallel(ctx, e, out); done || err != nil {
		return err
	}
	snk := openSink(e, out)
	var n, bad int
	err = eachRecord(ctx, e, func(in *input) error {
		if err := in.Err(); err != nil {
			bad++
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return nil
		}
		if err := snk.Encode(in.Record()); err != nil {
			if !isRecordError(err) {
				return err
			}
			var re *view.RecordError
			if errors.As(err, &re) {
				re.Index = in.Index()
			}
			if e.strict {
				fmt.Fprintf(e.stderr, "marcmap: record %d at %s: %v\n", in.Index(), in.where(), err)
				return exitInvalid
			}
			bad++
			fmt.Fprintf(e.stderr, "marcmap: skipped record %d at %s: %v\n", in.Index(), in.where(), err)
			return nil
		}
		n++
		return nil
	})
	if cerr := snk.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "marcmap: converted %d records, skipped %d\n", n, bad)
	return nil
}

// convertParallel converts a mapped ISO 2709 file on all cores, when the
// output allows it (no rejects file, no JSON array, no schema fixing). It
// reports whether it did the work.
func convertParallel(ctx context.Context, e *env, out io.Writer) (bool, error) {
	if e.rejects != "" || (e.to == fmtMIJ && e.array) || e.valid {
		return false, nil
	}
	m, err := mappedISO(e)
	if err != nil || m == nil {
		return false, err
	}
	defer m.Close()
	var appendFn parallel.AppendFunc
	decoders := sync.Pool{New: func() any { return &marc8.Decoder{Strict: e.strict} }}
	encoders := sync.Pool{New: func() any { return new(marc8.Encoder) }}
	switch {
	case e.to == fmtMARCXML:
		appendFn = marcxml.Append
	case e.to == fmtMIJ:
		appendFn = func(dst []byte, r view.Record) ([]byte, error) {
			dst, err := marcjson.Append(dst, r)
			return append(dst, '\n'), err
		}
	case e.to == fmtMRK:
		appendFn = mrk.Append
	case e.toUTF8:
		appendFn = func(dst []byte, r view.Record) ([]byte, error) {
			d := decoders.Get().(*marc8.Decoder)
			defer decoders.Put(d)
			return d.AppendRecordUTF8(dst, r)
		}
	case e.toMARC8:
		appendFn = func(dst []byte, r view.Record) ([]byte, error) {
			c := encoders.Get().(*marc8.Encoder)
			defer encoders.Put(c)
			return c.AppendRecordMARC8(dst, r)
		}
	default:
		appendFn = iso2709.Append
	}
	var n, bad atomic.Int64
	var mu sync.Mutex
	prog := startProgress(e.stderr, e.showProgress, int64(m.Len()))
	defer prog.finish()
	counted := func(dst []byte, r view.Record) ([]byte, error) {
		prog.add(r.Len())
		out, err := appendFn(dst, r)
		if err != nil && isRecordError(err) && !e.strict {
			bad.Add(1)
			mu.Lock()
			fmt.Fprintf(e.stderr, "marcmap: skipped: %v\n", err)
			mu.Unlock()
			return dst, nil
		}
		if err == nil {
			n.Add(1)
		}
		return out, err
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	if e.to == fmtMARCXML {
		bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"" + marcxml.Namespace + "\">\n")
	}
	err = parallel.Encode(ctx, bw, m.Bytes(), parallel.Options{Workers: e.workers, Scan: scan.Options{Strict: e.strict},
		BadRecord: func(err error, _ []byte) error {
			bad.Add(1)
			mu.Lock()
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			mu.Unlock()
			return nil
		}}, counted)
	if err != nil {
		bw.Flush()
		if isRecordError(err) {
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return true, exitInvalid
		}
		return true, err
	}
	if e.to == fmtMARCXML {
		bw.WriteString("</collection>\n")
	}
	if err := bw.Flush(); err != nil {
		return true, err
	}
	fmt.Fprintf(e.stderr, "marcmap: converted %d records, skipped %d\n", n.Load(), bad.Load())
	return true, nil
}
