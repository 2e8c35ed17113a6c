package spec

import (
	"testing"

	"github.com/marcmap/marcmap/internal/marctest"
	"github.com/marcmap/marcmap/view"
)

// FuzzCompile: any spec compiles or gives an *Error inside the spec, and
// a compiled one evaluates without panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{"245abc", "100a:700a", "600-699", "6XX|_0|a~x", "008[35-37]", "LDR[6]=a", "650a~/^H/", "999a~a\\:b"} {
		f.Add(s)
	}
	r, err := view.Parse(marctest.Build("00000cam a2200000 a 4500", "008", "850101s1985", "245", "10$aT$bS", "650", " 0$aH"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := Compile(s)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Pos < 0 || e.Pos > len(s) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		sp.Values(r)
		sp.Match(r)
		sp.AppendValues(nil, r, " ", ";")
	})
}
