package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes pins the exit status of each class of outcome, with the
// numbers written out: they are a contract with scripts, not constants to
// rename. 0: done; 1: failed (the input was fine, something else went
// wrong); 2: bad usage or invalid input.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	kz := "../../cases/ua-115-16.yaml"
	bad := write("bad.yaml", "reference: UA 1\nprisoners: nope\n")
	notYAML := write("not.yaml", "reference: [\n")
	// A folder where the letters' folder should go: writing fails.
	blocked := write("blocked", "a file, not a folder")
	tests := []struct {
		name   string
		args   []string
		want   int
		stderr string // must appear in stderr
	}{
		{"validate ok", []string{"validate", kz}, 0, ""},
		{"generate text to stdout", []string{"generate", kz, "--lang", "en", "--format", "text", "--out", "-", "-q"}, 0, ""},
		{"version", []string{"version"}, 0, ""},
		{"help", []string{"--help"}, 0, ""},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"command typo", []string{"generat", kz}, 2, `did you mean "generate"?`},
		{"unknown flag", []string{"generate", kz, "--bogus"}, 2, "unknown flag: --bogus"},
		{"flag typo", []string{"generate", kz, "--lagn", "ru"}, 2, "did you mean --lang?"},
		{"no case file", []string{"generate"}, 2, "generate needs one case file"},
		{"missing file", []string{"validate", filepath.Join(dir, "none.yaml")}, 2, "no such file"},
		{"invalid case", []string{"validate", bad}, 2, "prisoners: expected a list"},
		{"not YAML", []string{"validate", notYAML}, 2, "not valid YAML"},
		{"bad --format", []string{"generate", kz, "--format", "docx"}, 2, `--format "docx"`},
		{"bad --date", []string{"generate", kz, "--date", "2026-13-01"}, 2, "13 is not a month"},
		{"--lang not offered", []string{"generate", kz, "--lang", "tlh"}, 2, `no letter templates in "tlh"`},
		{"templates typo", []string{"templates", "lst"}, 2, `templates has no command "lst"; did you mean "list"?`},
		{"po typo", []string{"templates", "po", "exprt"}, 2, `did you mean "export"?`},
		{"po export, not a tag", []string{"templates", "po", "export", "--lang", "kz", "-o", "-"}, 2, `--lang "kz" is not a language tag`},
		{"--lang not a tag", []string{"generate", kz, "--lang", "english!"}, 2, "is not a language tag"},
		{"writing fails", []string{"generate", kz, "--lang", "en", "--format", "text", "--out", blocked, "-q"}, 1, "appeal: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			got := Main(tt.args, Build{Version: "v0.0.0-test"}, strings.NewReader(""), &stdout, &stderr)
			if got != tt.want {
				t.Errorf("exit %d, want %d\nstderr: %s", got, tt.want, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
			if strings.Contains(stderr.String(), "appeal: appeal ") || strings.Contains(stderr.String(), "pdf: ") {
				t.Errorf("stderr repeats the command name or an internal prefix: %q", stderr.String())
			}
		})
	}
}
