package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// progress draws one status line on a terminal: records, megabytes, MB/s
// and the time left. It is hand-written (a carriage return and a line of
// text) rather than a progress-bar library, which would bring half a dozen
// modules for this one line.
type progress struct {
	w       io.Writer
	total   int64 // bytes, 0 when unknown (a pipe)
	bytes   atomic.Int64
	records atomic.Int64
	start   time.Time
	stop    chan struct{}
	done    chan struct{}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// startProgress starts drawing when enabled; a nil *progress is a no-op.
func startProgress(w io.Writer, enabled bool, total int64) *progress {
	if !enabled {
		return nil
	}
	p := &progress{w: w, total: total, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				fmt.Fprintf(p.w, "\r%s\n", p.line(time.Since(p.start)))
				return
			case <-t.C:
				fmt.Fprintf(p.w, "\r%s", p.line(time.Since(p.start)))
			}
		}
	}()
	return p
}

// line formats the status after elapsed time.
func (p *progress) line(elapsed time.Duration) string {
	b, n := p.bytes.Load(), p.records.Load()
	secs := max(elapsed.Seconds(), 1e-9)
	rate := float64(b) / secs / 1e6
	s := fmt.Sprintf("%d records  %.1f MB  %.1f MB/s", n, float64(b)/1e6, rate)
	if p.total > 0 {
		pct := 100 * float64(b) / float64(p.total)
		s += fmt.Sprintf("  %3.0f%%", pct)
		if rate > 0 && b < p.total {
			left := time.Duration(float64(p.total-b) / (rate * 1e6) * float64(time.Second))
			s += "  ETA " + left.Round(time.Second).String()
		}
	}
	return s + "   "
}

// add counts one record of n bytes.
func (p *progress) add(n int) {
	if p != nil {
		p.records.Add(1)
		p.bytes.Add(int64(n))
	}
}

// finish draws the last line.
func (p *progress) finish() {
	if p != nil {
		close(p.stop)
		<-p.done
	}
}
