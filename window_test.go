package marcmap_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/marcmap/marcmap"
	"github.com/marcmap/marcmap/encode/mrk"
	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/parallel"
)

// TestWindow: Offset and Limit select items by index (a bad record counts)
// on every path and every format, and reading stops at the limit.
func TestWindow(t *testing.T) {
	var iso bytes.Buffer
	for _, id := range []string{"r0", "r1", "r2", "r3", "r4"} {
		iso.Write(marctest.Book(id, "Title "+id, "Author"))
		if id == "r1" {
			iso.WriteString("00026garbage\x1e\x1d") // item 2: a bad record
		}
	}
	var text bytes.Buffer
	enc := mrk.NewEncoder(&text, mrk.Options{})
	for r, err := range must(marcmap.NewReader(bytes.NewReader(iso.Bytes()), marcmap.Options{})).Records() {
		if err == nil {
			enc.Encode(r)
		}
	}
	enc.Close()
	ids := func(rd *marcmap.Reader) (got []string) {
		for r, err := range rd.Records() {
			if err != nil {
				got = append(got, "bad")
				continue
			}
			f, _ := r.Field("001")
			got = append(got, string(f.Data()))
		}
		return got
	}
	cases := []struct {
		in            []byte
		offset, limit int
		want          string
	}{
		{iso.Bytes(), 0, 0, "r0 r1 bad r2 r3 r4"},
		{iso.Bytes(), 2, 2, "bad r2"},
		{iso.Bytes(), 3, 1, "r2"},
		{iso.Bytes(), 5, 0, "r4"},
		{iso.Bytes(), 9, 0, ""},
		{text.Bytes(), 1, 2, "r1 r2"},
	}
	for _, c := range cases {
		o := marcmap.Options{Offset: c.offset, Limit: c.limit}
		got := ids(must(marcmap.NewReader(bytes.NewReader(c.in), o)))
		if s := join(got); s != c.want {
			t.Errorf("offset %d limit %d: %q, want %q", c.offset, c.limit, s, c.want)
		}
		if c.offset == 0 && c.limit == 0 {
			continue // ForEach is parallel then: records and bad records interleave in any order
		}
		// ForEach sees the same window, in order (it reads on one goroutine).
		var each []string
		rd := must(marcmap.NewReader(bytes.NewReader(c.in), o))
		err := rd.ForEach(context.Background(), parallel.Options{BadRecord: func(error, []byte) error { each = append(each, "bad"); return nil }},
			func(_ int, r marcmap.Record) error {
				f, _ := r.Field("001")
				each = append(each, string(f.Data()))
				return nil
			})
		if err != nil || join(each) != c.want {
			t.Errorf("ForEach offset %d limit %d: %q %v", c.offset, c.limit, each, err)
		}
	}
}

func must(rd *marcmap.Reader, err error) *marcmap.Reader {
	if err != nil {
		panic(err)
	}
	return rd
}

func join(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}
