package cli

import (
	"appeal/internal/writers/writerstest"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	// The resume test runs the test binary itself as appeal, to kill it.
	if os.Getenv("APPEAL_RUN_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], Build{}, os.Stdin, os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"appeal": func() { os.Exit(Main(os.Args[1:], Build{Version: "v0.0.0-test"}, os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the transcripts in testdata/script: one file per
// behaviour of the command line. $CASES is the repository's cases/ folder.
func TestScript(t *testing.T) {
	cases, err := filepath.Abs("../../cases")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("CASES", cases)
			e.Setenv("HOME", e.WorkDir)
			e.Setenv("XDG_CONFIG_HOME", "")
			e.Setenv("SOURCE_DATE_EPOCH", "1486684800") // 2017-02-10
			e.Setenv("APPEAL_NO_SYSTEM_FONTS", "1")     // no fallback font unless a script names one
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkbig": mkbig,
		},
		RequireExplicitExec: true,
	})
}

// mkbig FILE MB writes a valid-looking case file padded with comments to MB megabytes.
func mkbig(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkbig FILE MB")
	}
	mb, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("%v", err)
	}
	var b strings.Builder
	b.WriteString("reference: UA 1\n")
	line := "# " + strings.Repeat("padding ", 12) + "\n"
	for b.Len() < mb<<20 {
		b.WriteString(line)
	}
	if err := os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644); err != nil {
		ts.Fatalf("%v", err)
	}
}

// writeWriters writes a writers file of n writers in Kazakhstan.
func writeWriters(t *testing.T, dir string, n int) string {
	t.Helper()
	var csvData bytes.Buffer
	if err := writerstest.CSV(&csvData, n); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "writers.csv")
	if err := os.WriteFile(p, csvData.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
