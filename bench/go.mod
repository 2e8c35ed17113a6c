module github.com/marcmap/marcmap/bench

go 1.24.9

require (
	github.com/boutros/marc v0.0.0-20160831123328-64fcc1df0ed8
	github.com/gsiems/go-marc21 v0.0.0-20200109043943-0b870fe83c91
	github.com/hectorcorrea/marcli v1.1.0
	github.com/marcmap/marcmap v0.0.0
	github.com/miku/marc21 v0.0.1-e3881fde7
	github.com/mitlibraries/fml v0.0.0-20210401134007-2909b0d5b37e
	github.com/valyala/bytebufferpool v1.0.0
	golang.org/x/exp v0.0.0-20250819193227-8b4c13bb791b
)

require (
	github.com/edsrzf/mmap-go v1.2.0 // indirect
	golang.org/x/sys v0.38.0 // indirect
	golang.org/x/text v0.34.0 // indirect
)

replace github.com/marcmap/marcmap => ../
