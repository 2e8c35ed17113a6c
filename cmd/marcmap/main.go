package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	// The first interrupt, terminate or hang-up cancels the work, which
	// removes unfinished output files; after it the default handling is
	// back, so a second signal kills at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	context.AfterFunc(ctx, stop)
	endProfile := startProfile()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	endProfile()
	var ee exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		os.Exit(int(ee))
	default:
		fmt.Fprintln(os.Stderr, "marcmap:", message(err))
		os.Exit(1)
	}
}

// startProfile writes a CPU profile to $MARCMAP_CPUPROFILE when it is set
// (for PERFORMANCE.md's measurements: go tool pprof FILE), and returns the
// function that ends it.
func startProfile() func() {
	path := os.Getenv("MARCMAP_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "marcmap: MARCMAP_CPUPROFILE:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
