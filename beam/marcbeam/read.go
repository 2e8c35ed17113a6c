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

// BlockSize is the size of the byte ranges a file is first split into
// (runners may split them further while they are read).
var BlockSize int64 = 64 << 20

// Read reads the ISO 2709 files matching glob (any file system Beam
// knows: local paths, gs:// with its package imported) as records and
// rejects (bad records), in parallel over byte ranges of each file.
func Read(s beam.Scope, glob string) (records, rejects beam.PCollection) {
	s = s.Scope("marcbeam.Read")
	matches := fileio.MatchFiles(s, glob, fileio.MatchEmptyAllow())
	return ReadFiles(s, fileio.ReadMatches(s, matches, fileio.ReadUncompressed()))
}

// ReadFiles reads a PCollection of fileio.ReadableFile as Read does.
func ReadFiles(s beam.Scope, files beam.PCollection) (records, rejects beam.PCollection) {
	s = s.Scope("marcbeam.ReadFiles")
	return beam.ParDo2(s, &readFn{BlockSize: BlockSize}, files)
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
		size = BlockSize
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
	finish := func() { rt.TryClaim(rest.End) } // a range must be claimed to its end
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
	name := file.Metadata.Path
	claim := func(off int64) bool { return rt.TryClaim(off) }
	err = readRange(r, rest.Start, rest.End, scan.Options{}, claim, func(it Item) {
		if it.Err != "" {
			reject(Reject{File: name, Offset: it.Offset, Err: it.Err, Raw: it.Raw})
		} else {
			emit(Record{File: name, Offset: it.Offset, Raw: it.Raw})
		}
	})
	if err != nil {
		return fmt.Errorf("marcbeam: %s: %w", name, err)
	}
	finish()
	return nil
}
