package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
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

// TestTemplatesPreviewPDFArabic makes the review PDFs of the Persian and
// Arabic templates for the built-in example: the translation is drawn in
// Noto Naskh Arabic, embedded as a subset, and pdftotext gives back its
// words (the case's texts, which the example has in both languages) on
// the page of the English piece.
func TestTemplatesPreviewPDFArabic(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	for _, tc := range []struct {
		lang  string
		pairs [][2]string
	}{
		{"fa", [][2]string{
			{"Release Dana Serikova and Arman Tulegenov immediately and unconditionally.", "دانا سریکووا و آرمان تولگنوف فوراً و بدون قید و شرط آزاد شوند."},
			{"Until then, ensure that both can see their lawyers in private.", "تا آن زمان، امکان دیدار خصوصی هر دو با وکلایشان فراهم شود."},
			{"Arman Tulegenov has not been allowed to see his own lawyer", "از زمان بازداشت آرمان تولگنوف تاکنون به او اجازهٔ دیدار با وکیلش داده نشده است."},
		}},
		{"ar", [][2]string{
			{"Release Dana Serikova and Arman Tulegenov immediately and unconditionally.", "الإفراج عن دانا سيريكوفا وأرمان توليغينوف فورًا ودون قيد أو شرط."},
			{"Until then, ensure that both can see their lawyers in private.", "ضمان تمكين كل منهما، إلى حين الإفراج عنهما، من لقاء محاميه على انفراد."},
			{"Arman Tulegenov has not been allowed to see his own lawyer", "ولم يُسمح لأرمان توليغينوف بمقابلة محاميه منذ اعتقاله."},
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "preview-"+tc.lang+".pdf")
			var stderr bytes.Buffer
			if code := Main([]string{"templates", "preview", "--lang", tc.lang, "--format", "pdf", "-o", out}, Build{}, nil, &bytes.Buffer{}, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			pdftest.Check(t, out)
			naskh := false
			for _, f := range pdftest.Fonts(t, out) {
				if !f.Embedded {
					t.Errorf("font %s is not embedded", f.Name)
				}
				naskh = naskh || strings.HasSuffix(f.Name, "+NotoNaskhArabic-Regular")
			}
			if !naskh {
				t.Errorf("Noto Naskh Arabic is not embedded as a subset: %v", pdftest.Fonts(t, out))
			}
			found := make([]bool, len(tc.pairs))
			for page := 1; page <= pdftest.Pages(t, out); page++ {
				text := pdftest.Text(t, out, page, page)
				tokens := pdftest.Tokens(text)
				for i, p := range tc.pairs {
					en, tr := strings.Contains(oneSpace(text), p[0]), true
					// On a page mostly left to right, pdftotext orders the
					// parts of a right-to-left line between its commas left
					// to right: each part's words, in logical order.
					for part := range strings.SplitSeq(p[1], "،") {
						tr = tr && containsRun(tokens, pdftest.Tokens(part))
					}
					if en != tr {
						t.Errorf("page %d: %q and %q are not on the same page", page, p[0], p[1])
					}
					found[i] = found[i] || en && tr
				}
			}
			for i, p := range tc.pairs {
				if !found[i] {
					t.Errorf("%q / %q not found in the PDF", p[0], p[1])
				}
			}
		})
	}
}

// containsRun reports whether want is a run of got.
func containsRun(got, want []string) bool {
	for i := 0; i+len(want) <= len(got); i++ {
		if slices.Equal(got[i:i+len(want)], want) {
			return true
		}
	}
	return false
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
