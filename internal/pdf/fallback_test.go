package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"appeal/internal/doc"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// Names in scripts the letter fonts lack, and the Debian package of a
// TrueType font that has each.
const (
	chineseName = "王秀英"
	hindiName   = "सीता देवी"
)

// useFallback sets the fallback fonts for the test, and none after it.
func useFallback(t *testing.T, fb pdf.Fallback) {
	t.Helper()
	if err := pdf.SetFallback(fb); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pdf.SetFallback(pdf.Fallback{}) })
}

// nameLetter is the English letter about prisoners named names.
func nameLetter(names ...string) doc.Letter {
	l := english()
	l.Subject = "Imprisoned for peaceful protest: " + strings.Join(names, ", ")
	l.Body = append([]doc.Block{{Text: "I am writing about " + strings.Join(names, " and ") + ", held since 2016."}}, l.Body...)
	return l
}

// TestFallbackNames: a Chinese and a Hindi name in an English letter print
// through the fallback fonts, found on the system or named, shaped,
// embedded as subsets, and extract as written.
func TestFallbackNames(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts", "qpdf")
	cjk := pdftest.SystemFont(t, chineseName, "fonts-droid-fallback")
	pdftest.SystemFont(t, hindiName, "fonts-noto-core")
	for _, tt := range []struct {
		name string
		fb   pdf.Fallback
	}{
		{"system", pdf.Fallback{System: true}},
		{"files", pdf.Fallback{File: cjk}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			useFallback(t, tt.fb)
			want := []string{chineseName}
			if tt.fb.System {
				want = append(want, hindiName)
			}
			if rs := pdf.Unprintable(strings.Join(want, " ")); len(rs) > 0 {
				t.Fatalf("Unprintable: %U", rs)
			}
			path, _ := write(t, pdf.Options{}, nameLetter(want...))
			pdftest.Check(t, path)
			text := pdftest.Text(t, path, 0, 0)
			for _, n := range want {
				if got := strings.Count(text, n); got != 2 {
					t.Errorf("pdftotext gives %q %d times, want 2 (subject and body):\n%s", n, got, text)
				}
			}
			var fonts []string
			for _, f := range pdftest.Fonts(t, path) {
				if !f.Embedded || !strings.Contains(f.Name, "+") {
					t.Errorf("font %s not embedded as a subset", f.Name)
				}
				fonts = append(fonts, f.Name)
			}
			all := strings.Join(fonts, " ")
			if !strings.Contains(all, "DroidSansFallback") && strings.Contains(cjk, "DroidSansFallback") ||
				tt.fb.System && !strings.Contains(all, "Devanagari") {
				t.Errorf("fonts %s, want %s and, from the system, a Devanagari font", all, cjk)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Size() > 80_000 {
				t.Errorf("letter is %d bytes: the fallback font is not subset", info.Size())
			}
		})
	}
}

// TestFallbackDevanagariShaped: Devanagari is drawn shaped: the vowel sign
// ि before its consonant, and the conjunct of स्त as one glyph, as
// HarfBuzz shapes it; and it extracts in logical order.
func TestFallbackDevanagariShaped(t *testing.T) {
	pdftest.Need(t, "pdftotext", "hb-shape")
	deva := pdftest.SystemFont(t, "नमस्ते सिता", "fonts-noto-core")
	useFallback(t, pdf.Fallback{File: deva})
	for _, s := range []string{"नमस्ते", "सिता"} {
		got, err := pdf.ShapeFallback(s)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSpace(pdftest.Run(t, "hb-shape", "--no-glyph-names", "--no-positions", "--no-clusters", "--script=deva", "--language=hi", deva, s))
		if got != want {
			t.Errorf("%s: ours %s, hb-shape %s", s, got, want)
		}
	}
	l := nameLetter("नमस्ते सिता")
	path, _ := write(t, pdf.Options{}, l)
	if text := pdftest.Text(t, path, 0, 0); !strings.Contains(text, "नमस्ते सिता") {
		t.Errorf("pdftotext lost the Devanagari:\n%s", text)
	}
}

// TestFallbackNone: without a fallback font the names stay unprintable,
// and a letter with them (which validation refuses) has boxes, not
// nothing.
func TestFallbackNone(t *testing.T) {
	useFallback(t, pdf.Fallback{})
	if got := fmt.Sprintf("%U", pdf.Unprintable(chineseName)); got != "[U+738B U+79C0 U+82F1]" {
		t.Errorf("Unprintable(%q) = %s", chineseName, got)
	}
}

// TestFallbackFileErrors: a fallback font file that is missing, or not a
// TrueType font, is refused with a message that says what is supported.
func TestFallbackFileErrors(t *testing.T) {
	dir := t.TempDir()
	otf := filepath.Join(dir, "font.otf")
	ttc := filepath.Join(dir, "font.ttc")
	txt := filepath.Join(dir, "font.ttf")
	for f, b := range map[string]string{otf: "OTTO\x00\x0a\x00\x80\x00\x03\x00\x20", ttc: "ttcf\x00\x01\x00\x00\x00\x00\x00\x01", txt: "not a font at all"} {
		if err := os.WriteFile(f, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ file, want string }{
		{filepath.Join(dir, "missing.ttf"), "no such file"},
		{otf, "PostScript (CFF) outlines, which appeal cannot embed; a TrueType font (.ttf"},
		{ttc, "a font collection (.ttc)"},
		{txt, "not a font file appeal can read; a TrueType font (.ttf"},
	} {
		err := pdf.SetFallback(pdf.Fallback{File: tt.file})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
			t.Errorf("SetFallback(%s) = %v, want %q", tt.file, err, tt.want)
		}
	}
}

// rtlTo is an Arabic address, which envelopes and labels right-align.
var rtlTo = []string{"معالي وزير العدل", "وزارة العدل", "شارع مجلس الشعب ١٤", "القاهرة ١١٥١١", "مصر"}

// TestRightToLeftAddresses: an Arabic address on an envelope and a label
// ends at the right edge of its zone; a Latin one starts at the left.
func TestRightToLeftAddresses(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	ms := []pdf.Mailing{{To: rtlTo, From: []string{"نرگس محمدی", "تهران"}}, {To: kazakhTo}}
	right := func(t *testing.T, words []pdftest.Word, edge float64, want bool) {
		t.Helper()
		lines := map[float64]float64{} // line top: right end
		left := 1e9
		for _, w := range words {
			lines[w.YMin] = max(lines[w.YMin], w.XMax)
			left = min(left, w.XMin)
		}
		for y, x := range lines {
			if got := x > edge-1.5 && x <= edge+bboxEps; got != want {
				t.Errorf("line at %.1f mm ends at %.1f mm, zone edge %.1f: right-aligned %v, want %v", y, x, edge, got, want)
			}
		}
	}
	t.Run("envelope", func(t *testing.T) {
		path := envelopePDF(t, pdf.DL, ms...)
		text := strings.Map(func(r rune) rune {
			if r >= 0x202A && r <= 0x202E { // the embeddings pdftotext writes around right-to-left text
				return -1
			}
			return r
		}, pdftest.Text(t, path, 1, 1))
		for _, l := range rtlTo {
			if !strings.Contains(text, l) {
				t.Errorf("pdftotext lost %q:\n%s", l, text)
			}
		}
		var to, from []pdftest.Word
		for _, w := range pdftest.Words(t, path, 1) {
			if w.YMin > 45 {
				to = append(to, w)
			} else {
				from = append(from, w)
			}
		}
		right(t, to, 205, true)   // DL: the recipient zone ends at 110 + 95 mm
		right(t, from, 100, true) // the sender zone at 10 + 90 mm
		right(t, pdftest.Words(t, path, 2), 205, false)
	})
	t.Run("labels", func(t *testing.T) {
		var buf bytes.Buffer
		if err := pdf.Labels(&buf, time.Time{}, 0, ms...); err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, buf.Bytes())
		var first, second []pdftest.Word
		for _, w := range pdftest.Words(t, path, 1) {
			if w.XMin < cellW {
				first = append(first, w)
			} else {
				second = append(second, w)
			}
		}
		right(t, first, cellW-5, true)
		right(t, second, 2*cellW-5, false)
	})
}
