package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/spec"
	"github.com/marcmap/marcmap/table"
)

// exitError ends the program with a status and no further message (what
// went wrong was already printed).
type exitError int

func (e exitError) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// Exit statuses; usage() documents them.
const (
	exitInvalid = exitError(1) // bad records found (count, validate), -strict stopped, or an error
	exitUsage   = exitError(2) // bad command line, or an output that is an input

	exitInterrupted = exitError(130) // a signal (interrupt, terminate, hang-up) stopped the command
)

// command is one subcommand: its flags are added to the common ones by
// flags, and run does the work over the driver.
type command struct {
	name, args, summary string
	flags               func(fs *flag.FlagSet, o *opts)
	check               func(o *opts) error // flag combinations, after parsing
	run                 func(ctx context.Context, d *driver) error
}

// opts are the parsed flags of every command.
type opts struct {
	strict     bool
	from       string
	quiet      bool
	workers    int
	raw        bool   // dump
	to         string // convert
	toUTF8     bool
	toMARC8    bool
	array      bool
	valid      bool
	rejects    string // validate, convert
	noCharset  bool   // validate
	output     string // convert
	set        map[string]bool
	fromFormat marcmap.Format
	toFormat   marcmap.Format
	offset     int           // every command
	limit      int           // every command
	index      int           // dump
	setLeader  []leaderPatch // convert, filter, split
	specs      []*spec.Spec  // fields
	sep        string        // fields
	where      []*spec.Spec  // filter
	not        bool          // filter
	crosswalk  string        // "dc" for -to dc, "mods" for -to mods
	every      int           // split
	prefix     string        // split

	tableFormat string        // table
	rules       []string      // table
	rowGroup    int           // table
	compression string        // table
	kind        string        // table
	tableSchema *table.Schema // table
}

var commands = []command{cmdCount, cmdDump, cmdValidate, cmdConvert, cmdFields, cmdFilter, cmdSplit, cmdTable}

func usage(w io.Writer) {
	fmt.Fprintf(w, `usage: marcmap COMMAND [flags] FILE...

FILE is a path, or - for standard input. Flags may come before or after
the files.

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n            %s\n", c.name, c.args, c.summary)
	}
	fmt.Fprintf(w, `
Flags (every command):
  -strict   stop at the first bad record (exit status 1) instead of
            reporting it and going on; a record whose character data is
            broken (invalid UTF-8, MARC-8 that cannot be decoded) is then
            a bad record too
  -from F   input format: %s;
            default: detected from the content, then the file name
  -q        quiet: no progress line and no summary; errors are still printed
            (a progress line is drawn on standard error when it is a
            terminal: records, MB, MB/s, time left)
  -workers N
            goroutines (default 0: one per core; 1: one): ISO 2709 input
            is cut into chunks read on all of them, and so are MARCXML and
            MARC-in-JSON files; convert, filter and dump also spread other
            text input (MARCXML and MARC-in-JSON records are found on one
            goroutine and built and encoded on the others, MRK records read
            on one and encoded on the others); the output and the messages
            are the same for every N
  -h        show this help
  -offset N skip the first N records of each input (good or bad: the
            numbers validate prints); -limit N reads at most N after them
            and stops reading there (yaz-marcdump's -O and -L). With either,
            the input is read on one goroutine, as split always reads it
Flags of validate:
  -no-charset
            skip the character-set check (bytes that are not UTF-8 in a
            UTF-8 record, MARC-8 that cannot be decoded, a record declared
            MARC-8 whose text is UTF-8), for speed
Flags of validate, convert and table:
  -rejects FILE
            write the raw bytes of every bad record of ISO 2709 input to
            FILE, so that good and rejected records account for the whole
            input (apart from padding between records)
Flags of dump:
  -raw      print MARC-8 records in MARC-8, bytes outside ASCII as mnemonics
            ({acute}, {XX}) as MARCBreaker does (default: in UTF-8)
  -index N  print only record N (the number validate prints): -offset N
            -limit 1
Flags of fields:
  SPEC      a field spec (go doc github.com/marcmap/marcmap/spec): 245abc,
            100a:700a, 600-699, 6XX, 245|1*|a, 008[35-37], LDR[6],
            650a~history, 650a=Whaling., 650a~/^Whal/
  -sep S    between the values of one spec (default "|"); the subfields of
            one field are joined by a space. Tabs and line breaks inside
            values are written as spaces
Flags of filter:
  -where SPEC
            keep the records the spec selects anything in (usually with a
            condition: 650a~history); repeat for records that satisfy all
  -not      keep the records that do not match instead
Flags of split:
  -n N      records per output file (required)
  -prefix P output names: P0001.EXT, P0002.EXT ... (default: the input's
            name without its extension, then "-")
Flags of table:
  -format F parquet, csv, tsv or jsonl (required); -o OUT is required
  -rule SPEC
            a field spec (as for fields) giving one column per subfield
            code: -rule 245a -rule 650av -rule 500 -rule 'LDR[6]' make
            F245a, F650a, F650v, F500, FLDR_6. Without rules: one column
            per field of the -kind definitions (FLDR, F001 ... F887) and
            Fother, the undefined and local fields as MRK lines. A column
            is a list when the LoC definitions say its field or subfield
            repeats (or it may select several fields); in CSV and TSV a
            list is a JSON array; a repeated non-repeatable field keeps
            every value, joined by a line break. Columns record (index in
            the input, from 0) and byte_offset (empty when the input
            format has none) lead back to the record; file too with
            several inputs
  -kind K   the MARC 21 definitions the columns come from: bibliographic
            (default), authority or holdings
  -row-group N, -compression C
            with -format parquet: rows per row group (default 10000) and
            zstd (default), snappy, gzip or none
Flags of convert, filter and split:
  -to F     output format: iso2709 (default), marcxml (xml), mij (json), mrk,
            dc (or oai_dc: OAI Dublin Core as the LoC stylesheet
            MARC21slim2OAIDC.xsl), mods (MODS 3.7 as MARC21slim2MODS3-7.xsl)
  -to-utf8  with -to iso2709: write UTF-8 (leader/09 'a'), converting MARC-8
  -to-marc8 with -to iso2709: write MARC-8 (leader/09 blank); characters
            MARC-8 lacks become &#xXXXX; references
  -array    with -to mij: one JSON array instead of one object per line
  -schema-valid
            with -to marcxml: make indicators and leaders fit the LoC schema
            (capital letters lowercased, other invalid bytes blanked,
            leader/10-11 "22" and 20-23 "4500"); by default they are written
            as the records have them
  -set-leader POS=CHARS
            write CHARS at leader position POS (5-9, 17-19), as yaz's -l:
            -set-leader 9=a, -set-leader 17=7; repeat for several. 9=a on
            a record whose data is not UTF-8 reports the record (use
            -to-utf8 to convert MARC-8)
  -o OUT    output file of convert and filter; - or none for standard
            output. With exactly two files and no -o, the second is OUT
            (convert). split writes its own files (-prefix)
MARCXML, MARC-in-JSON and MRK output is always UTF-8. An output file is
written under a temporary name in its directory and renamed when the
command succeeds; an output or -rejects file that is one of the inputs is
refused.

Records are read leniently by default: broken records are reported on
standard error and skipped; ISO 2709 records whose lengths or directory
disagree with their terminators are repaired (see "go doc
github.com/marcmap/marcmap/scan").

XML or JSON that stops being well-formed ends that input with an error;
what was read before it is kept and the other inputs are read (-strict
stops instead).

Exit status: 0 success; 1 bad records were found by count or validate
(validate: also repaired ones), an input could not be read to its end,
-strict stopped at a bad record, or an error occurred; 2 the command
line is wrong, or an output is an input; 130 interrupted (SIGINT, SIGTERM
or SIGHUP: no output file is left behind; a second signal kills at once).
`, marcmap.FormatNames)
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
	o := &opts{}
	fs.BoolVar(&o.strict, "strict", false, "stop at the first bad record")
	fs.StringVar(&o.from, "from", "", "input format: "+marcmap.FormatNames+" (default: detected)")
	fs.BoolVar(&o.quiet, "q", false, "no progress line and no summary; errors are still printed")
	fs.IntVar(&o.workers, "workers", 0, "goroutines (0: one per core)")
	fs.IntVar(&o.offset, "offset", 0, "skip the first N records of each input (good or bad, numbered as validate numbers them)")
	fs.IntVar(&o.limit, "limit", 0, "read at most N records of each input, after -offset (0: all)")
	if cmd.flags != nil {
		cmd.flags(fs, o)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: marcmap %s %s\n  %s\n", cmd.name, cmd.args, cmd.summary)
		fs.PrintDefaults()
		fmt.Fprintf(fs.Output(), "Run \"marcmap -h\" for the exit statuses and the other commands.\n")
	}
	reordered, missing := interspersed(fs, args[1:])
	if missing != "" {
		fmt.Fprintf(stderr, "marcmap %s: flag needs an argument: %s\n", cmd.name, missing)
		fs.Usage()
		return exitUsage
	}
	if err := fs.Parse(reordered); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitUsage
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	bad := func(format string, a ...any) error {
		fmt.Fprintf(stderr, "marcmap %s: "+format+"\n", append([]any{cmd.name}, a...)...)
		fs.Usage()
		return exitUsage
	}
	files := fs.Args()
	if cmd.name == "convert" && len(files) == 2 && !o.set["o"] {
		o.output, files = files[1], files[:1]
	}
	if cmd.name == "fields" {
		if len(files) < 2 {
			return bad("give one input and at least one spec: marcmap fields FILE 245a 100a:700a ...")
		}
		for _, a := range files[1:] {
			sp, err := spec.Compile(a)
			if err != nil {
				return bad("%v", err)
			}
			o.specs = append(o.specs, sp)
		}
		files = files[:1]
	}
	if o.offset < 0 || o.limit < 0 {
		return bad("-offset and -limit must be 0 or more")
	}
	if len(files) == 0 {
		return bad("no input file (give a path, or - for standard input)")
	}
	if o.rejects == "-" {
		return bad("-rejects needs a file, not standard output (-)")
	}
	if o.workers < 0 {
		return bad("-workers must be 0 (one per core) or more, not %d", o.workers)
	}
	var err error
	if o.fromFormat, err = marcmap.ParseFormat(o.from); err != nil {
		return bad("-from: %v", err)
	}
	if cmd.check != nil {
		if err := cmd.check(o); err != nil {
			return bad("%v", err)
		}
	}
	bw := bufio.NewWriterSize(stdout, 64<<10)
	d := &driver{opts: o, cmd: cmd.name, files: files, stdin: stdin, stdout: bw, rawStdout: stdout, stderr: stderr}
	d.showProgress = !o.quiet && isTerminal(stderr)
	err = cmd.run(ctx, d)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// interspersed moves the flags in args before the other arguments, so
// that "count f.mrc -q" works as "count -q f.mrc". A flag that takes a
// value takes the next argument unless written -flag=value; "--" ends the
// flags; "-" alone is standard input, not a flag.
//
// A value-taking flag with nothing after it is returned as missing.
func interspersed(fs *flag.FlagSet, args []string) (reordered []string, missing string) {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // flag.Parse reports it
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 >= len(args) {
			return nil, a
		}
		i++
		flags = append(flags, args[i])
	}
	return append(append(flags, "--"), rest...), ""
}
