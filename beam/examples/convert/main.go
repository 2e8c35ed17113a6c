// Command convert converts every MARC file matching --input (ISO 2709,
// MARCXML or MARC-in-JSON) to MARCXML, MARC-in-JSON or another marcmap
// format with Apache Beam: one output file per input file in --output
// (its path under the glob's directory with the format's extension added:
// data/a/x.mrc -> OUT/a/x.mrc.xml), with the records in their input
// order, as `marcmap convert` writes it; the bad records of all inputs go
// to --output/rejects.txt (file, byte offset, why).
//
// Locally, in process (the prism runner):
//
//	go run ./examples/convert --input '../testdata/*.mrc' --output /tmp/out --to marcxml
//
// On a cluster, import the runner (for example
// github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow, and
// .../io/filesystem/gcs for gs:// paths) and pass its flags:
//
//	--runner dataflow --project P --region R --staging_location gs://B/staging \
//	--input 'gs://B/marc/*.mrc' --output gs://B/out
//
// Each output file is assembled by one worker (its records are grouped by
// input file and sorted by offset), so an input file's output must fit in
// a worker's memory; the reading and converting are spread over byte
// ranges of every file. An input without a good record gets no output
// file (marcmap convert would write an empty document).
package main

import (
	"context"
	"flag"
	"log"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/marcmap/marcmap/beam/marcbeam"
)

var (
	input  = flag.String("input", "", "ISO 2709 files to convert (a glob)")
	output = flag.String("output", "", "directory for the converted files and rejects.txt")
	to     = flag.String("to", "marcxml", "output format: marcxml, mij, mrk, utf8 (ISO 2709 in UTF-8), iso2709, dc or mods")
)

func main() {
	flag.Parse()
	beam.Init()
	if *input == "" || *output == "" {
		log.Fatal("convert: --input and --output are required")
	}
	p, err := pipeline(*input, *output, *to, marcbeam.Options{})
	if err != nil {
		log.Fatal(err)
	}
	// --runner is Beam's common flag; prism (in this process) by default.
	runner := *runners.Runner
	if runner == "" {
		runner = "prism"
	}
	if _, err := beam.Run(context.Background(), runner, p); err != nil {
		log.Fatalf("convert: %v", err)
	}
}
