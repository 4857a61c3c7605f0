// Command appeal writes human-rights appeal letters from a case file.
package main

import (
	"os"

	"appeal/internal/cli"
)

// Set by the Makefile through -ldflags; empty values fall back to the
// build information Go records.
var (
	version string
	commit  string
	date    string
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Build{Version: version, Commit: commit, Date: date}, os.Stdin, os.Stdout, os.Stderr))
}
