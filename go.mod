module github.com/marcmap/marcmap

go 1.24.0

require (
	github.com/edsrzf/mmap-go v1.2.0
	github.com/google/go-cmp v0.7.0
	golang.org/x/text v0.34.0
)

require golang.org/x/sys v0.0.0-20211216021012-1d35b9e2eb4e // indirect
