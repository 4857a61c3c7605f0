package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appeal/internal/casefile"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// TestShippedCasesAsPDF generates every shipped case in every language it
// offers, on both papers, as PDF and as text, and reads the PDFs back with
// independent tools: pdftotext must give back every line of the text
// letter, pdffonts must show every font embedded, qpdf --check must pass,
// and the recipient's address must lie inside the envelope window.
func TestShippedCasesAsPDF(t *testing.T) {
	t.Parallel() // reads only the shipped cases; writes to its own folders
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	files, _ := filepath.Glob("../../cases/*.yaml")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	sender := filepath.Join(t.TempDir(), "sender.yaml")
	if err := os.WriteFile(sender, []byte("name: Jane Doe\naddress: [12 Example Street]\npostcode: M1 1AA\ncity: Manchester\ncountry: GB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		c, err := casefile.LoadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range c.Offered() {
			for _, paper := range []pdf.Paper{pdf.A4, pdf.Letter} {
				t.Run(filepath.Base(file)+"/"+lang+"/"+paper.String(), func(t *testing.T) {
					out := t.TempDir()
					for _, format := range []string{"pdf", "text"} {
						var stderr bytes.Buffer
						args := []string{"generate", file, "--lang", lang, "--sender", sender, "--paper", paper.String(), "--format", format, "--out", out, "--date", "2017-02-10"}
						if code := Main(args, Build{}, nil, &bytes.Buffer{}, &stderr); code != 0 {
							t.Fatalf("exit %d: %s", code, stderr.String())
						}
						if strings.Contains(stderr.String(), "pages") {
							t.Errorf("a letter runs over one page: %s", stderr.String())
						}
					}
					pdfs, _ := filepath.Glob(filepath.Join(out, "*", lang, "*.pdf"))
					if len(pdfs) != len(c.Recipients) {
						t.Fatalf("%d PDFs for %d recipients", len(pdfs), len(c.Recipients))
					}
					for _, p := range pdfs {
						checkPDF(t, p, strings.TrimSuffix(p, ".pdf")+".txt", paper)
					}
				})
			}
		}
	}
}

func checkPDF(t *testing.T, pdfPath, textPath string, paper pdf.Paper) {
	t.Helper()
	name := filepath.Base(pdfPath)
	want, err := os.ReadFile(textPath)
	if err != nil {
		t.Fatal(err)
	}
	got := pdftest.Tokens(pdftest.Text(t, pdfPath, 0, 0))
	gotSet := map[string]int{}
	for _, w := range got {
		gotSet[w]++
	}
	for i, line := range strings.Split(string(want), "\n") {
		for _, w := range pdftest.Tokens(line) {
			if gotSet[w] == 0 {
				t.Errorf("%s: word %q of line %d of the text letter is not in the PDF's text", name, w, i+1)
			}
		}
	}
	// The recipient block is the third part of the text letter.
	parts := strings.Split(string(want), "\n\n")
	address := strings.Split(parts[2], "\n")
	x, y, w, h := pdf.Window(paper)
	inWindow := map[string]bool{}
	for _, wd := range pdftest.Words(t, pdfPath, 1) {
		if wd.XMin >= x-0.05 && wd.XMax <= x+w+0.05 && wd.YMin >= y-0.05 && wd.YMax <= y+h+0.05 {
			for _, tok := range pdftest.Tokens(wd.Text) {
				inWindow[tok] = true
			}
		}
	}
	for _, line := range address {
		for _, wd := range pdftest.Tokens(line) {
			if !inWindow[wd] {
				t.Errorf("%s: address word %q is not inside the window (%.1f, %.1f, %.1f x %.1f mm)", name, wd, x, y, w, h)
			}
		}
	}
	for _, f := range pdftest.Fonts(t, pdfPath) {
		if !f.Embedded {
			t.Errorf("%s: font %s is not embedded", name, f.Name)
		}
	}
	pdftest.Check(t, pdfPath)
	if n := pdftest.Pages(t, pdfPath); n != 1 {
		t.Errorf("%s: %d pages", name, n)
	}
}
