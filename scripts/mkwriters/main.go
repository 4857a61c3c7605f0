// Command mkwriters writes a writers file of N fictional writers to
// standard output, for benchmarks: go run ./scripts/mkwriters 2500 > writers.csv
// (Kazakh names in Kazakhstan); with -fa, Persian names in Germany.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"appeal/internal/writers/writerstest"
)

func main() {
	fa := flag.Bool("fa", false, "Persian names (in Arabic script) living in Germany")
	flag.Parse()
	n := 2500
	if flag.NArg() > 0 {
		var err error
		if n, err = strconv.Atoi(flag.Arg(0)); err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "usage: mkwriters [-fa] N")
			os.Exit(2)
		}
	}
	write := writerstest.CSV
	if *fa {
		write = writerstest.CSVPersian
	}
	if err := write(os.Stdout, n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
