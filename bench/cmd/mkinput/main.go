// Command mkinput makes the benchmark inputs bench/run.sh times: the
// UTF-8 file the reader benchmarks use and, with -mixed, one of every
// well-formed corpus record, MARC-8 ones too. It prints the file's path.
//
//	go run ./cmd/mkinput [-mixed] [-dir DIR]   # size: $MARCMAP_BENCH_MB (100)
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/marcmap/marcmap/bench"
)

func main() {
	mixed := flag.Bool("mixed", false, "MARC-8 and UTF-8 records (default: UTF-8 only)")
	dir := flag.String("dir", os.TempDir(), "directory of the file")
	flag.Parse()
	p, err := bench.MakeInput(*dir, bench.Seed(), *mixed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkinput:", err)
		os.Exit(1)
	}
	fmt.Println(p)
}
