package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/marcmap/marcmap/encode/marcjson"
	"github.com/marcmap/marcmap/encode/marcxml"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/mmapio"
	"github.com/marcmap/marcmap/scan"
	"github.com/marcmap/marcmap/view"
)

// Formats the tool reads and writes.
const (
	fmtISO2709 = "iso2709"
	fmtMARCXML = "marcxml"
	fmtMIJ     = "mij"
	fmtMRK     = "mrk"
)

var formats = []string{fmtISO2709, fmtMARCXML, fmtMIJ, fmtMRK}

func validFormat(f string) bool {
	for _, g := range formats {
		if f == g {
			return true
		}
	}
	return false
}

// source is what every reader offers: records (or bad records, in lenient
// mode) one at a time.
type source interface {
	Scan() bool
	Record() view.Record
	Err() error
	Index() int
}

// input is an open source with what it needs to close and to say where a
// record is.
type input struct {
	source
	format string
	where  func() string // position of the current record, for messages
	size   func() int64  // bytes read so far (all of them at the end)
	pos    func() int64  // how far into the input the reading is, for progress
	close  func() error
}

// formatByName guesses a format from a file name's extension.
func formatByName(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xml", ".marcxml":
		return fmtMARCXML
	case ".json", ".ndjson", ".jsonl", ".ndj", ".mij":
		return fmtMIJ
	case ".mrk", ".mrk8":
		return fmtMRK
	}
	return ""
}

// formatBySniff guesses a format from the first bytes of the input.
func formatBySniff(p []byte) string {
	p = []byte(strings.TrimLeft(strings.TrimPrefix(string(p), "\xef\xbb\xbf"), " \t\r\n"))
	if len(p) == 0 {
		return fmtISO2709
	}
	switch p[0] {
	case '<':
		return fmtMARCXML
	case '{', '[':
		return fmtMIJ
	case '=':
		return fmtMRK
	}
	return fmtISO2709
}

// openInput opens e.input (a path or - for stdin) in the format given by
// -from, or guessed from the name, then from the content.
func openInput(e *env) (*input, error) {
	format := e.from
	var r io.Reader
	var closer func() error = func() error { return nil }
	cr := &countingReader{}
	if e.input == "-" {
		cr.r = e.stdin
	} else {
		if format == "" {
			format = formatByName(e.input)
		}
		if format == "" || format == fmtISO2709 {
			m, err := mmapio.Open(e.input)
			if err != nil {
				return nil, err
			}
			data := m.Bytes()
			if format == "" {
				format = formatBySniff(data[:min(len(data), 512)])
			}
			if format == fmtISO2709 {
				s := scan.New(data, scan.Options{Strict: e.strict})
				return &input{
					source: s, format: format,
					where: func() string { return "offset " + strconv.FormatInt(s.Offset(), 10) },
					size:  func() int64 { return int64(len(data)) },
					pos:   s.Offset,
					close: m.Close,
				}, nil
			}
			m.Close()
		}
		f, err := os.Open(e.input)
		if err != nil {
			return nil, err
		}
		cr.r, closer = f, f.Close
	}
	br := bufio.NewReaderSize(cr, 64<<10)
	r = br
	if format == "" {
		head, _ := br.Peek(512)
		format = formatBySniff(head)
	}
	in := &input{format: format, size: func() int64 { return cr.n }, pos: func() int64 { return cr.n }, close: closer}
	switch format {
	case fmtISO2709:
		s := scan.NewReader(r, scan.Options{Strict: e.strict})
		in.source = s
		in.where = func() string { return "offset " + strconv.FormatInt(s.Offset(), 10) }
	case fmtMARCXML:
		x := marcxml.NewReader(r)
		x.Strict = e.strict
		in.source = x
		in.where = func() string { return "line " + strconv.Itoa(x.Line()) }
	case fmtMIJ:
		j := marcjson.NewReader(r)
		j.Strict = e.strict
		in.source = j
		in.where = func() string { return "offset " + strconv.FormatInt(j.Offset(), 10) }
	case fmtMRK:
		k := mrk.NewReader(r)
		k.Strict = e.strict
		in.source = k
		in.where = func() string { return "line " + strconv.Itoa(k.Line()) }
	default:
		closer()
		return nil, fmt.Errorf("unknown input format %q", format)
	}
	return in, nil
}

// mappedISO maps the input when it can go to the parallel path: a file (not
// stdin) in ISO 2709, with more than one worker. It returns nil otherwise.
func mappedISO(e *env) (*mmapio.Mapping, error) {
	if e.workers == 1 || e.input == "-" || (e.from != "" && e.from != fmtISO2709) {
		return nil, nil
	}
	if f := formatByName(e.input); f != "" && f != fmtISO2709 {
		return nil, nil
	}
	m, err := mmapio.Open(e.input)
	if err != nil {
		return nil, err
	}
	data := m.Bytes()
	if formatBySniff(data[:min(len(data), 512)]) != fmtISO2709 {
		m.Close()
		return nil, nil
	}
	return m, nil
}

// isRecordError reports whether err is about one record (recoverable)
// rather than the input as a whole.
func isRecordError(err error) bool {
	var a *view.RecordError
	var b *marcxml.RecordError
	var c *marcjson.RecordError
	var d *mrk.RecordError
	return errors.As(err, &a) || errors.As(err, &b) || errors.As(err, &c) || errors.As(err, &d)
}

// rejectWriter collects the raw bytes of bad records.
type rejectWriter struct {
	f *os.File
	w *bufio.Writer
	n int
}

func openRejects(e *env, in *input) (*rejectWriter, error) {
	if e.rejects == "" {
		return nil, nil
	}
	if _, ok := in.source.(interface{ Raw() []byte }); !ok {
		return nil, fmt.Errorf("-rejects needs ISO 2709 input (this input is %s)", in.format)
	}
	f, err := os.Create(e.rejects)
	if err != nil {
		return nil, err
	}
	return &rejectWriter{f: f, w: bufio.NewWriter(f)}, nil
}

// add writes the current item's bytes if it is a bad record.
func (rw *rejectWriter) add(in *input) error {
	if rw == nil || in.Err() == nil {
		return nil
	}
	rw.n++
	_, err := rw.w.Write(in.source.(interface{ Raw() []byte }).Raw())
	return err
}

func (rw *rejectWriter) close() error {
	if rw == nil {
		return nil
	}
	err := rw.w.Flush()
	if cerr := rw.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// eachRecord opens the input and calls fn for every item; fn sees the
// source positioned on the item (s.Err() is non-nil for a bad record in
// lenient mode). A strict-mode stop on a bad record is reported and gives
// exit status 1.
func eachRecord(ctx context.Context, e *env, fn func(in *input) error) (err error) {
	in, err := openInput(e)
	if err != nil {
		return err
	}
	defer func() {
		e.inputSize = in.size()
		in.close()
	}()
	rejects, err := openRejects(e, in)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := rejects.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	// Progress is counted in records and in input bytes read so far.
	var prog *progress
	if e.showProgress {
		total := int64(0)
		if e.input != "-" {
			if st, err := os.Stat(e.input); err == nil {
				total = st.Size()
			}
		}
		prog = startProgress(e.stderr, true, total)
		defer prog.finish()
	}
	// A mapped input truncated under us faults; Guard makes that an error.
	var loopErr error
	if ferr := mmapio.Guard(func() {
		for n := 0; in.Scan(); n++ {
			if n&1023 == 0 {
				if loopErr = ctx.Err(); loopErr != nil {
					return
				}
			}
			if loopErr = rejects.add(in); loopErr != nil {
				return
			}
			if loopErr = fn(in); loopErr != nil {
				return
			}
			if prog != nil {
				prog.records.Add(1)
				if n&63 == 0 {
					prog.bytes.Store(in.pos())
				}
			}
		}
	}); ferr != nil {
		return fmt.Errorf("%s: %w", e.input, ferr)
	}
	if loopErr != nil {
		return loopErr
	}
	if prog != nil {
		prog.bytes.Store(in.size())
	}
	if err := in.Err(); err != nil {
		if isRecordError(err) {
			fmt.Fprintf(e.stderr, "marcmap: %v\n", err)
			return exitInvalid
		}
		return err
	}
	return nil
}
