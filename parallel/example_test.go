package parallel_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sync/atomic"

	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/parallel"
	"github.com/marcmap/marcmap/view"
)

func ExampleForEach() {
	data := bytes.Repeat(marctest.Sample(), 1000) // 5,000 records
	var fields atomic.Int64
	err := parallel.ForEach(context.Background(), parallel.Bytes(data), parallel.Options{},
		func(index int, r view.Record) error {
			fields.Add(int64(r.NumFields()))
			return nil
		})
	fmt.Println(fields.Load(), err)
	// Output:
	// 62000 <nil>
}

func ExampleEncode() {
	data := marctest.Build(marctest.Leader, "001", "a", "245", "10$aFirst") // one record
	data = append(data, "00099 this is not a record\x1d"...)
	data = append(data, marctest.Build(marctest.Leader, "001", "b", "245", "10$aSecond")...)
	o := parallel.Options{Workers: 4, BadRecord: func(err error, raw []byte) error {
		fmt.Println("skipped:", err)
		return nil
	}}
	err := parallel.Encode(context.Background(), os.Stdout, parallel.Bytes(data), o, mrk.Options{})
	fmt.Println(err)
	// Output:
	// =LDR  00062nam\a2200049\a\4500
	// =001  a
	// =245  10$aFirst
	//
	// skipped: marc: record 1 at offset 62, byte 0: record length mismatch: leader says 99, record has 27
	// =LDR  00063nam\a2200049\a\4500
	// =001  b
	// =245  10$aSecond
	//
	// <nil>
}
