package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTemplatesPOImportChecks: what templates check finds in the imported
// templates fails the import with exit status 2, at the PO file's entry,
// and nothing is written.
func TestTemplatesPOImportChecks(t *testing.T) {
	dir := t.TempDir()
	poFile := filepath.Join(dir, "ru.po")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"templates", "po", "export", "--lang", "ru", "-o", poFile}, Build{}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("export: %d %s", code, stderr.String())
	}
	data, _ := os.ReadFile(poFile)
	// subject-2 that prints nothing for most letters
	old := "msgstr \"О положении {{template \\\"prisoners\\\" .}}: {{.Names}}\""
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("no %s in\n%s", old, data)
	}
	data = bytes.Replace(data, []byte(old), []byte(`msgstr "{{if eq .Names \"x\"}}{{.Names}}{{end}}"`), 1)
	line := 1 + strings.Count(string(data[:bytes.Index(data, []byte(`msgctxt "subject-2"`))]), "\n")
	os.WriteFile(poFile, data, 0o644)
	out := filepath.Join(dir, "mine")
	stderr.Reset()
	code := Main([]string{"templates", "po", "import", poFile, "--templates", out}, Build{}, nil, &stdout, &stderr)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	want := poFile + ":" + strconv.Itoa(line) + ": subject-2: prints nothing for 1 prisoner(s)"
	if !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "nothing written") {
		t.Errorf("stderr:\n%s\nwant %s", stderr.String(), want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written", out)
	}
}
