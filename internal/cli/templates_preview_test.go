package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"appeal/internal/pdftest"
)

// TestTemplatesPreviewPDF makes the two-column review PDF of the Russian
// templates and reads it with independent tools: both languages' text of
// a piece on the same page, the fonts embedded, qpdf --check passing, and
// every page labelled.
func TestTemplatesPreviewPDF(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	out := filepath.Join(t.TempDir(), "ru.pdf")
	var stderr bytes.Buffer
	if code := Main([]string{"templates", "preview", "--lang", "ru", "--format", "pdf", "-o", out}, Build{}, nil, &bytes.Buffer{}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	pdftest.Check(t, out)
	for _, f := range pdftest.Fonts(t, out) {
		if !f.Embedded {
			t.Errorf("font %s is not embedded", f.Name)
		}
	}
	n := pdftest.Pages(t, out)
	if n < 2 {
		t.Fatalf("%d pages; the preview of every piece takes several", n)
	}
	pairs := [][2]string{
		{"Appeal on behalf of Dana Serikova", "Обращение в защиту заключенных: Дана Серикова"},
		{"I respectfully urge you to", "Настоятельно прошу Вас"},
		{"Yours sincerely,", "С уважением,"},
	}
	found := make([]bool, len(pairs))
	for page := 1; page <= n; page++ {
		text := oneSpace(pdftest.Text(t, out, page, page))
		if want := fmt.Sprintf("Page %d of %d", page, n); !strings.Contains(text, want) {
			t.Errorf("page %d: no label %q", page, want)
		}
		for i, p := range pairs {
			en, ru := strings.Contains(text, p[0]), strings.Contains(text, p[1])
			if en != ru {
				t.Errorf("page %d: %q and %q are not on the same page", page, p[0], p[1])
			}
			found[i] = found[i] || en && ru
		}
	}
	for i, p := range pairs {
		if !found[i] {
			t.Errorf("%q / %q not found in the PDF", p[0], p[1])
		}
	}
}

// oneSpace folds the white space of pdftotext -layout's columns.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestTemplatesPreviewBadInput pins exit status 2 for what the user got
// wrong.
func TestTemplatesPreviewBadInput(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown --lang", []string{"--lang", "tlh"}, `no letter templates in "tlh"`},
		{"--against is --lang", []string{"--lang", "ru", "--against", "ru"}, "--against ru is the language under review"},
		{"no --lang", nil, "preview needs --lang"},
		{"missing case", []string{"nosuch.yaml", "--lang", "ru"}, "nosuch.yaml: no such file"},
		{"case is a folder", []string{t.TempDir(), "--lang", "ru"}, "is a folder; give the case file"},
		{"bad --format", []string{"--lang", "ru", "--format", "docx"}, `unknown format "docx"`},
		{"two cases", []string{"a.yaml", "b.yaml", "--lang", "ru"}, "at most one case file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			args := append([]string{"templates", "preview"}, tt.args...)
			if got := Main(args, Build{}, strings.NewReader(""), &bytes.Buffer{}, &stderr); got != 2 {
				t.Errorf("exit %d, want 2\nstderr: %s", got, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
		})
	}
}
