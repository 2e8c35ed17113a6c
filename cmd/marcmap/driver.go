package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/view"
)

// driver is what every command runs on: the inputs, one at a time, the
// outputs, written safely, and one way to report bad records and errors.
type driver struct {
	*opts
	cmd          string
	files        []string
	stdin        io.Reader
	stdout       *bufio.Writer
	rawStdout    io.Writer // stdout before buffering, to compare with the inputs
	stderr       io.Writer
	showProgress bool
	prog         *progress
	done         int64 // bytes of the inputs finished, for progress
}

// open opens one input with the command's options. Records come as
// stored (MARC-8 stays MARC-8): the encoders convert as asked.
func (d *driver) open(name string) (*marcmap.Reader, error) {
	o := marcmap.Options{Format: d.fromFormat, Strict: d.strict, Raw: true}
	if name == "-" {
		return marcmap.NewReader(d.stdin, o)
	}
	return marcmap.Open(name, o)
}

// each calls fn for every input in turn, with progress drawn across them.
func (d *driver) each(ctx context.Context, fn func(i int, name string, r *marcmap.Reader) error) error {
	if d.showProgress {
		var total int64
		for _, f := range d.files {
			if st, err := os.Stat(f); err == nil && f != "-" {
				total += st.Size()
			}
		}
		d.prog = startProgress(d.stderr, true, total)
		defer d.prog.finish()
	}
	for i, name := range d.files {
		r, err := d.open(name)
		if err != nil {
			fmt.Fprintf(d.stderr, "marcmap: %v\n", err)
			return exitInvalid
		}
		err = fn(i, name, r)
		if size := r.Size(); size >= 0 {
			d.done += size
		} else {
			d.done += r.Pos()
		}
		r.Close()
		if err != nil {
			return d.fail(name, err)
		}
	}
	return nil
}

// fail turns the error that stopped a command into its message and exit
// status.
func (d *driver) fail(name string, err error) error {
	var ee exitError
	if errors.As(err, &ee) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintf(d.stderr, "marcmap: %s: %s\n", displayName(name), message(err))
	return exitInvalid
}

// report prints one bad record.
func (d *driver) report(name string, err error) {
	fmt.Fprintf(d.stderr, "marcmap: %s: %s\n", displayName(name), message(err))
}

// message is err's text without the library's "marc: " prefix.
func message(err error) string {
	return strings.TrimPrefix(err.Error(), "marc: ")
}

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// parallelOptions are the options of the parallel work on one input, with
// bad records reported (in input order) and passed to also.
func (d *driver) parallelOptions(name string, also func(err error, raw []byte) error) parallel.Options {
	return parallel.Options{Workers: d.workers, BadRecord: func(err error, raw []byte) error {
		d.report(name, err)
		if also != nil {
			return also(err, raw)
		}
		return nil
	}}
}

// progress reports a record of n bytes of input, or, for a text format
// read on one goroutine, the reader's position.
func (d *driver) progressRecord(r *marcmap.Reader, n int) {
	if d.prog == nil {
		return
	}
	if r.Format() == marcmap.ISO2709 {
		d.prog.add(n)
		return
	}
	d.prog.records.Add(1)
	d.prog.bytes.Store(d.done + r.Pos())
}

// checkOutputs refuses outputs that are inputs: writing one would destroy
// the input (a mapped input is read while the output is written).
func (d *driver) checkOutputs(outputs ...string) error {
	type file struct {
		name string
		st   os.FileInfo
	}
	var ins []file
	for _, f := range d.files {
		if f == "-" {
			if sf, ok := d.stdin.(*os.File); ok {
				if st, err := sf.Stat(); err == nil && st.Mode().IsRegular() {
					ins = append(ins, file{"standard input", st})
				}
			}
			continue
		}
		if st, err := os.Stat(f); err == nil {
			ins = append(ins, file{f, st})
		}
	}
	var outs []file
	for _, o := range outputs {
		if o == "" || o == "-" {
			continue
		}
		if st, err := os.Stat(o); err == nil {
			outs = append(outs, file{o, st})
		}
	}
	if sf, ok := d.rawStdout.(*os.File); ok {
		if st, err := sf.Stat(); err == nil && st.Mode().IsRegular() {
			outs = append(outs, file{"standard output", st})
		}
	}
	for i, o := range outs {
		for _, in := range ins {
			if os.SameFile(o.st, in.st) {
				fmt.Fprintf(d.stderr, "marcmap %s: %s is the input %s: refusing to overwrite an input\n", d.cmd, o.name, in.name)
				return exitUsage
			}
		}
		for _, p := range outs[:i] {
			if os.SameFile(o.st, p.st) {
				fmt.Fprintf(d.stderr, "marcmap %s: %s and %s are the same file: give two outputs\n", d.cmd, p.name, o.name)
				return exitUsage
			}
		}
	}
	if len(outputs) == 2 && outputs[0] != "" && outputs[0] != "-" && filepath.Clean(outputs[0]) == filepath.Clean(outputs[1]) {
		fmt.Fprintf(d.stderr, "marcmap %s: the output and -rejects are both %s: give two files\n", d.cmd, outputs[0])
		return exitUsage
	}
	return nil
}

// output is a file written under a temporary name in its directory and
// renamed to its name on success, so a failed or interrupted command
// leaves no partial file under the final name (and the old file, if any,
// as it was).
type output struct {
	f     *os.File
	w     *bufio.Writer
	final string
}

// create opens the output path; "" and "-" are standard output.
func (d *driver) create(path string) (*output, error) {
	if path == "" || path == "-" {
		return &output{w: d.stdout}, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, err
	}
	// CreateTemp makes the file 0600; give it the old file's permissions,
	// or those of a new file (0644 under the usual umask).
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	f.Chmod(mode)
	return &output{f: f, w: bufio.NewWriterSize(f, 256<<10), final: path}, nil
}

// commit flushes and renames the output into place.
func (o *output) commit() error {
	err := o.w.Flush()
	if o.f == nil {
		return err
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.f.Name(), o.final)
	}
	if err != nil {
		os.Remove(o.f.Name())
	}
	return err
}

// abort removes a file output; standard output is flushed as far as it
// got.
func (o *output) abort() {
	if o.f == nil {
		o.w.Flush()
		return
	}
	o.f.Close()
	os.Remove(o.f.Name())
}

// counted wraps an output format to count records, draw progress, and
// write one document over several inputs: the header with the first, the
// footer with the last.
type counted struct {
	encode.Format
	d           *driver
	r           *marcmap.Reader
	n           *atomic.Int64
	first, last bool
}

func (c counted) Append(dst []byte, rec view.Record) ([]byte, error) {
	out, err := c.Format.Append(dst, rec)
	if err == nil {
		c.n.Add(1)
		c.d.progressRecord(c.r, rec.Len())
	}
	return out, err
}

func (c counted) AppendHeader(dst []byte) []byte {
	if !c.first {
		return dst
	}
	return c.Format.AppendHeader(dst)
}

func (c counted) AppendFooter(dst []byte) []byte {
	if !c.last {
		return dst
	}
	return c.Format.AppendFooter(dst)
}

// sepWriter writes a separator before the first bytes it is given: the
// separator between the last record of one input and the first of the
// next.
type sepWriter struct {
	w   io.Writer
	sep string
}

func (s *sepWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if s.sep != "" {
		if _, err := io.WriteString(s.w, s.sep); err != nil {
			return 0, err
		}
		s.sep = ""
	}
	return s.w.Write(p)
}

// encodeAll writes the records of every input to w in format f.
func (d *driver) encodeAll(ctx context.Context, w io.Writer, f encode.Format, bad func(err error, raw []byte) error) (written int64, err error) {
	var n atomic.Int64
	err = d.each(ctx, func(i int, name string, r *marcmap.Reader) error {
		if bad != nil && d.rejects != "" && r.Format() != marcmap.ISO2709 {
			fmt.Fprintf(d.stderr, "marcmap %s: -rejects needs ISO 2709 input; %s is %s\n", d.cmd, displayName(name), r.Format())
			return exitUsage
		}
		c := counted{Format: f, d: d, r: r, n: &n, first: i == 0, last: i == len(d.files)-1}
		out := io.Writer(w)
		if n.Load() > 0 {
			out = &sepWriter{w: w, sep: f.Separator()}
		}
		return r.Encode(ctx, out, d.parallelOptions(name, bad), c)
	})
	return n.Load(), err
}

// rejectsFile collects the raw bytes of bad records.
type rejectsFile struct {
	out *output
	n   int
}

func (d *driver) openRejects() (*rejectsFile, error) {
	if d.rejects == "" {
		return nil, nil
	}
	out, err := d.create(d.rejects)
	if err != nil {
		return nil, err
	}
	return &rejectsFile{out: out}, nil
}

func (rf *rejectsFile) add(_ error, raw []byte) error {
	if rf == nil {
		return nil
	}
	rf.n++
	_, err := rf.out.w.Write(raw)
	return err
}

func (rf *rejectsFile) finish(ok bool) error {
	if rf == nil {
		return nil
	}
	if !ok {
		rf.out.abort()
		return nil
	}
	return rf.out.commit()
}
