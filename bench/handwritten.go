package bench

import (
	"bytes"

	"github.com/marcmap/marcmap/mmapio"
)

// HandwrittenWalk is the baseline of issue 14's walk target: a walk of
// every field and subfield of an ISO 2709 file written with no library,
// as a programmer would for speed (no checks beyond what keeps it in
// bounds, no repairs). It returns the records and the same sum walkView
// computes (control fields: data length; data fields: each subfield's
// code byte plus its length).
func HandwrittenWalk(data []byte) (records, sum int) {
	for len(data) >= 24 {
		end := bytes.IndexByte(data, 0x1D)
		if end < 0 {
			break
		}
		rec := data[:end+1]
		data = data[end+1:]
		if len(rec) < 25 {
			continue
		}
		base := num(rec[12:17])
		if base <= 24 || base > len(rec) {
			continue
		}
		records++
		dir := rec[24 : base-1]
		for len(dir) >= 12 {
			tag, ln, st := dir[:3], num(dir[3:7]), num(dir[7:12])
			dir = dir[12:]
			s, e := base+st, base+st+ln
			if s < base || e > len(rec) || ln < 1 {
				continue
			}
			field := rec[s : e-1] // without the field terminator
			if tag[0] == '0' && tag[1] == '0' {
				sum += len(field)
				continue
			}
			if len(field) < 2 {
				continue
			}
			sub := field[2:]
			for len(sub) > 0 {
				if sub[0] != 0x1F {
					k := bytes.IndexByte(sub, 0x1F)
					if k < 0 {
						break
					}
					sub = sub[k:]
				}
				k := bytes.IndexByte(sub[1:], 0x1F)
				var v []byte
				if k < 0 {
					v, sub = sub[1:], nil
				} else {
					v, sub = sub[1:k+1], sub[k+1:]
				}
				if len(v) == 0 {
					continue
				}
				sum += int(v[0]) + len(v) - 1
			}
		}
	}
	return records, sum
}

func num(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// handwrittenFile maps a file, as marcmap's mapped reader does, and
// counts its records (walk false: their terminators) or walks them.
func handwrittenFile(path string, walk bool) (records, sum int, err error) {
	m, err := mmapio.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer m.Close()
	if !walk {
		return bytes.Count(m.Bytes(), []byte{0x1D}), 0, nil
	}
	r, s := HandwrittenWalk(m.Bytes())
	return r, s, nil
}
