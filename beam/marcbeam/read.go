package marcbeam

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/sdf"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local" // local paths; import .../filesystem/gcs for gs://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/rtrackers/offsetrange"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/marcmap/marcmap/scan"
)

// Record is a good record as it flows between workers: its ISO 2709
// bytes, where it comes from.
type Record struct {
	File   string
	Offset int64
	Raw    []byte
}

// Reject is a bad record: where it is, why, and its bytes.
type Reject struct {
	File   string
	Offset int64
	Err    string
	Raw    []byte
}

func init() {
	beam.RegisterType(reflect.TypeOf((*Record)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Reject)(nil)).Elem())
	register.DoFn5x1[context.Context, *sdf.LockRTracker, fileio.ReadableFile, func(Record), func(Reject), error](&readFn{})
	register.Emitter1[Record]()
	register.Emitter1[Reject]()
}

// Options configure Read and ReadFiles. The zero value is the default.
type Options struct {
	// BlockSize is the size of the byte ranges a file is first split into
	// (runners may split them further while they are read); default
	// DefaultBlockSize.
	BlockSize int64
}

// DefaultBlockSize is the default of Options.BlockSize.
const DefaultBlockSize = 64 << 20

// Read reads the MARC files matching glob — ISO 2709, MARCXML or
// MARC-in-JSON (one record per line, as marcmap and pymarc write it), told
// apart by their first bytes — on any file system Beam knows (local
// paths; gs:// with its package imported) as records (ISO 2709 bytes) and
// rejects (bad records), in parallel over byte ranges of each file: a
// range reads the ISO 2709 records that start in it (scan.Boundary), the
// lines that start in it, or the MARCXML record elements whose start tag
// does.
func Read(s beam.Scope, glob string, o Options) (records, rejects beam.PCollection) {
	s = s.Scope("marcbeam.Read")
	matches := fileio.MatchFiles(s, glob, fileio.MatchEmptyAllow())
	return ReadFiles(s, fileio.ReadMatches(s, matches, fileio.ReadUncompressed()), o)
}

// ReadFiles reads a PCollection of fileio.ReadableFile as Read does.
func ReadFiles(s beam.Scope, files beam.PCollection, o Options) (records, rejects beam.PCollection) {
	s = s.Scope("marcbeam.ReadFiles")
	size := o.BlockSize
	if size <= 0 {
		size = DefaultBlockSize
	}
	return beam.ParDo2(s, &readFn{BlockSize: size}, files)
}

// readFn is the splittable DoFn: its restriction is a byte range of the
// file, and it reads the records that start in it (scan.Boundary).
type readFn struct {
	BlockSize int64
}

func (fn *readFn) CreateInitialRestriction(file fileio.ReadableFile) offsetrange.Restriction {
	return offsetrange.Restriction{Start: 0, End: file.Metadata.Size}
}

func (fn *readFn) SplitRestriction(_ fileio.ReadableFile, rest offsetrange.Restriction) []offsetrange.Restriction {
	size := fn.BlockSize
	if size <= 0 {
		size = DefaultBlockSize
	}
	return rest.SizedSplits(size)
}

func (fn *readFn) RestrictionSize(_ fileio.ReadableFile, rest offsetrange.Restriction) float64 {
	return rest.Size()
}

func (fn *readFn) CreateTracker(rest offsetrange.Restriction) *sdf.LockRTracker {
	return sdf.NewLockRTracker(offsetrange.NewTracker(rest))
}

func (fn *readFn) ProcessElement(ctx context.Context, rt *sdf.LockRTracker, file fileio.ReadableFile, emit func(Record), reject func(Reject)) error {
	rest := rt.GetRestriction().(offsetrange.Restriction)
	// A range must be claimed to its end, unless a claim was refused (the
	// runner split the range): claiming again would then be an error.
	refused := false
	finish := func() {
		if !refused {
			rt.TryClaim(rest.End)
		}
	}
	name := file.Metadata.Path
	head, err := readHead(ctx, file)
	if err != nil {
		return fmt.Errorf("marcbeam: %s: %w", name, err)
	}
	k := sniff(head)
	rc, err := file.Open(ctx)
	if err != nil {
		return err
	}
	defer rc.Close()
	r := bufio.NewReaderSize(rc, 256<<10)
	if rest.Start > 1 {
		if _, err := r.Discard(int(rest.Start - 1)); err != nil {
			if err == io.EOF {
				finish()
				return nil
			}
			return fmt.Errorf("marcbeam: %s: %w", file.Metadata.Path, err)
		}
	}
	claim := func(off int64) bool {
		ok := rt.TryClaim(off)
		refused = refused || !ok
		return ok
	}
	out := func(it Item) {
		if it.Err != "" {
			reject(Reject{File: name, Offset: it.Offset, Err: it.Err, Raw: it.Raw})
		} else {
			emit(Record{File: name, Offset: it.Offset, Raw: it.Raw})
		}
	}
	switch k {
	case kindMARCXML:
		ts := &textSource{xml: true}
		ts.root, ts.rootEnd = xmlRoot(head)
		err = ts.readRange(r, rest.Start, rest.End, claim, out)
	case kindMIJ:
		if ndjson(head) {
			err = (&textSource{}).readRange(r, rest.Start, rest.End, claim, out)
		} else {
			err = readWhole(r, rest.Start, claim, out)
		}
	default:
		err = readRange(r, rest.Start, rest.End, scan.Options{}, claim, out)
	}
	if err != nil {
		return fmt.Errorf("marcbeam: %s: %w", name, err)
	}
	finish()
	return nil
}

// readHead reads the first 64 KB of a file (to tell its format and find a
// MARCXML document's root).
func readHead(ctx context.Context, file fileio.ReadableFile) ([]byte, error) {
	rc, err := file.Open(ctx)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(rc, head)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return head[:n], err
}
