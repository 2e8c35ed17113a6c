//go:build !nommap && (linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package mmapio

const mmapBuilt = true
