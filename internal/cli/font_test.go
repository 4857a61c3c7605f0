package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"appeal/internal/pdftest"
)

// TestGenerateFallbackFont: a Chinese and a Hindi name in an English
// letter pass validate and print, through the font --font names and the
// one fontconfig finds, embedded as subsets; pdftotext gives them back.
func TestGenerateFallbackFont(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts")
	cjk := pdftest.SystemFont(t, "王秀英", "fonts-droid-fallback")
	pdftest.SystemFont(t, "सीता देवी", "fonts-noto-core")
	dir := t.TempDir()
	file := filepath.Join(dir, "case.yaml")
	yaml := "reference: UA 6/26\nlanguages: [en]\nprisoners:\n  - {name: \"Wang Xiuying 王秀英\", gender: female}\n  - {name: \"सीता देवी\", gender: female}\n" +
		"facts: Facts.\ndemands: [Release them.]\nrecipients: [{id: minister, title: Minister, address: [1 Street, Beijing], country: CN}]\n"
	if err := os.WriteFile(file, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("APPEAL_NO_SYSTEM_FONTS", "")
	for _, tt := range []struct {
		name  string
		args  []string
		fonts []string // the fallback fonts pdffonts lists
	}{
		{"system", nil, []string{"DroidSansFallback", "Devanagari"}},
		{"font", []string{"--font", cjk}, []string{"DroidSansFallback", "Devanagari"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Main(append([]string{"validate", file}, tt.args...), Build{}, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("validate: exit %d: %s", code, stderr.String())
			}
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"generate", file, "--lang", "en", "--out", out, "--date", "2026-03-14", "-q"}, tt.args...)
			if code := Main(args, Build{}, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("generate: exit %d: %s", code, stderr.String())
			}
			pdfs, _ := filepath.Glob(filepath.Join(out, "*", "en", "*.pdf"))
			if len(pdfs) != 1 {
				t.Fatalf("PDFs %v", pdfs)
			}
			text := pdftest.Text(t, pdfs[0], 0, 0)
			for _, name := range []string{"王秀英", "सीता देवी"} {
				if !strings.Contains(text, name) {
					t.Errorf("pdftotext lost %q:\n%s", name, text)
				}
			}
			var names []string
			for _, f := range pdftest.Fonts(t, pdfs[0]) {
				names = append(names, f.Name)
				if !f.Embedded || !strings.Contains(f.Name, "+") {
					t.Errorf("font %s is not embedded as a subset", f.Name)
				}
			}
			all := strings.Join(names, " ")
			for _, f := range tt.fonts {
				if !strings.Contains(all, f) {
					t.Errorf("fonts %s, want %s", all, f)
				}
			}
		})
	}
}
