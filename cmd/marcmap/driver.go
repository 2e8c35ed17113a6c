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
	"github.com/marcmap/marcmap/mmapio"
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
	inputFailed  bool  // an input could not be read to its end (lenient mode went on)
}

// open opens one input with the command's options. Records come as
// stored (MARC-8 stays MARC-8): the encoders convert as asked.
func (d *driver) open(name string) (*marcmap.Reader, error) {
	o := marcmap.Options{Format: d.fromFormat, Strict: d.strict, NoCharsetCheck: d.noCharset, Raw: true, Offset: d.offset, Limit: d.limit}
	var r *marcmap.Reader
	var err error
	if name == "-" {
		r, err = marcmap.NewReader(d.stdin, o)
	} else {
		r, err = marcmap.Open(name, o)
	}
	if err != nil {
		fmt.Fprintf(d.stderr, "marcmap: %v\n", err)
		return nil, exitInvalid
	}
	if d.rejects != "" && r.Format() != marcmap.ISO2709 {
		r.Close()
		fmt.Fprintf(d.stderr, "marcmap %s: -rejects needs ISO 2709 input; %s is %s\n", d.cmd, displayName(name), r.Format())
		return nil, exitUsage
	}
	return r, nil
}

// checkInputs opens every named input once before any work, so that an
// input that cannot be read, or -rejects with an input that is not ISO
// 2709, stops the command before it has written anything.
func (d *driver) checkInputs() error {
	for _, name := range d.files {
		if name == "-" {
			continue
		}
		r, err := d.open(name)
		if err != nil {
			return err
		}
		r.Close()
	}
	return nil
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
			return err
		}
		err = fn(i, name, r)
		if size := r.Size(); size >= 0 {
			d.done += size
		} else {
			d.done += r.Pos()
		}
		r.Close()
		if err != nil && !d.strict && unreadable(err) {
			// Lenient: what was read is kept, the other inputs are read,
			// and the exit status says that this one was not read whole.
			d.report(name, err)
			d.inputFailed = true
			continue
		}
		if err != nil {
			return d.fail(name, err)
		}
	}
	return nil
}

// unreadable reports whether err means the input could not be read
// further (XML or JSON that is not well-formed, a mapped file truncated
// under us), rather than a failure of the command itself.
func unreadable(err error) bool {
	var re *view.RecordError
	return errors.As(err, &re) && re.Fatal() || errors.Is(err, mmapio.ErrFault)
}

// status is the exit status of a command that went to the end: 1 when an
// input could not be read whole.
func (d *driver) status() error {
	if d.inputFailed {
		return exitInvalid
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
		fmt.Fprintf(d.stderr, "marcmap: interrupted\n")
		return exitInterrupted
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
	if len(outputs) == 2 && outputs[0] != "" && outputs[0] != "-" && outputs[1] != "" && samePath(outputs[0], outputs[1]) {
		fmt.Fprintf(d.stderr, "marcmap %s: the output %s and -rejects %s are the same file: give two files\n", d.cmd, outputs[0], outputs[1])
		return exitUsage
	}
	return nil
}

// samePath reports whether two paths name the same file, whether it exists
// yet or not: their directories are resolved (symbolic links followed) and
// the names compared.
func samePath(a, b string) bool {
	resolve := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		if t, err := filepath.EvalSymlinks(abs); err == nil {
			return t
		}
		dir, base := filepath.Split(abs)
		if t, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(t, base)
		}
		return abs
	}
	return resolve(a) == resolve(b)
}

// output is a file written under a temporary name in its directory and
// renamed to its name on success, so a failed or interrupted command
// leaves no partial file under the final name (and the old file, if any,
// as it was).
type output struct {
	f      *os.File
	w      *bufio.Writer
	final  string
	direct bool // a pipe, a device or a dangling link: no temporary file
}

// create opens the output path; "" and "-" are standard output. A regular
// file (or a new one) is written under a temporary name in its directory
// and renamed on success; a symbolic link is followed to its target; a
// named pipe or a device is written directly.
func (d *driver) create(path string) (*output, error) {
	if path == "" || path == "-" {
		return &output{w: d.stdout}, nil
	}
	if st, err := os.Lstat(path); err == nil && st.Mode()&os.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(path); err == nil {
			path = target
		} else { // a dangling link: create its target through it
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
			if err != nil {
				return nil, err
			}
			return &output{f: f, w: bufio.NewWriterSize(f, 256<<10), direct: true}, nil
		}
	}
	mode := os.FileMode(0o644) // a new file's, under the usual umask
	st, err := os.Stat(path)
	if err == nil {
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return nil, err
			}
			return &output{f: f, w: bufio.NewWriterSize(f, 256<<10), direct: true}, nil
		}
		// Replacing the file must not do what writing to it could not.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		f.Close()
		mode = st.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = &os.PathError{Op: "create", Path: path, Err: pe.Err}
		}
		return nil, err
	}
	// CreateTemp makes the file 0600: give it the old file's mode, and
	// owner where we may.
	f.Chmod(mode)
	if st != nil {
		keepOwner(f, st)
	}
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
	if o.direct {
		return err
	}
	if err == nil {
		err = os.Rename(o.f.Name(), o.final)
	}
	if err != nil {
		os.Remove(o.f.Name())
	}
	return err
}

// close flushes and closes a file output, leaving it under its temporary
// name for publish (split writes every part before it renames any).
func (o *output) close() error {
	err := o.w.Flush()
	if o.f != nil {
		if cerr := o.f.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// publish renames an output that close closed to its name.
func (o *output) publish() error {
	if o.f == nil || o.direct {
		return nil
	}
	err := os.Rename(o.f.Name(), o.final)
	if err != nil {
		os.Remove(o.f.Name())
	}
	return err
}

// abort removes a file output; standard output is flushed as far as it
// got.
func (o *output) abort() {
	if o.f == nil || o.direct {
		o.w.Flush()
		if o.f != nil {
			o.f.Close()
		}
		return
	}
	o.f.Close()
	os.Remove(o.f.Name())
}

// counted wraps an output format to draw progress.
type counted struct {
	encode.Format
	d *driver
	r *marcmap.Reader
}

func (c counted) Append(dst []byte, rec view.Record) ([]byte, error) {
	out, err := c.Format.Append(dst, rec)
	if err == nil {
		c.d.progressRecord(c.r, rec.Len())
	}
	return out, err
}

// encodeAll writes the records of every input to w in format f, as one
// document.
func (d *driver) encodeAll(ctx context.Context, w io.Writer, f encode.Format, bad func(err error, raw []byte) error) (written int64, err error) {
	var n atomic.Int64
	doc := encode.NewDocument(w, f)
	err = d.each(ctx, func(_ int, name string, r *marcmap.Reader) error {
		pw, pf := doc.Part()
		o := d.parallelOptions(name, bad)
		o.Written = func(k int) { n.Add(int64(k)) } // what was written: not what workers encoded ahead of a stop
		return r.Encode(ctx, pw, o, counted{Format: pf, d: d, r: r})
	})
	if err == nil {
		err = doc.Close()
	}
	return n.Load(), err
}

// withOutput runs work with the output file (-o) and the rejects file
// (-rejects), each written under a temporary name: both are removed when
// work fails, and renamed into place when it succeeds (the output first:
// should the rejects file then fail, the output stays).
func (d *driver) withOutput(work func(w io.Writer, rejected func(error, []byte) error) error) error {
	out, err := d.create(d.output)
	if err != nil {
		return d.fail(d.output, err)
	}
	rejects, err := d.openRejects()
	if err != nil {
		out.abort()
		return d.fail(d.rejects, err)
	}
	if err := work(out.w, rejects.add); err != nil {
		out.abort()
		rejects.finish(false)
		return err
	}
	if err := out.commit(); err != nil {
		rejects.finish(false)
		return d.fail(d.output, err)
	}
	if err := rejects.finish(true); err != nil {
		return d.fail(d.rejects, err)
	}
	return nil
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
