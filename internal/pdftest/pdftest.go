// Package pdftest reads PDFs for tests with independent tools: pdftotext
// and pdffonts from poppler-utils, and qpdf. A test that needs a tool skips
// without it, unless CI is set, when it fails.
package pdftest

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// Need skips (or, under CI, fails) t when a tool is not on PATH.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "" {
				t.Skipf("%s not on PATH (make tools installs it)", tool)
			}
			t.Fatalf("%s not on PATH (and CI is set)", tool)
		}
	}
}

// Run runs a tool and returns its combined output; failure fails t.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Text returns the text of pages first to last (0: all) per pdftotext -layout.
func Text(t testing.TB, path string, first, last int) string {
	t.Helper()
	args := []string{"-layout", "-enc", "UTF-8"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	return Run(t, "pdftotext", append(args, path, "-")...)
}

// Pages returns the number of pages per qpdf --show-npages.
func Pages(t testing.TB, path string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSpace(Run(t, "qpdf", "--show-npages", path)))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Check fails t unless qpdf --check passes.
func Check(t testing.TB, path string) {
	t.Helper()
	if out := Run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check %s:\n%s", path, out)
	}
}

// Font is one line of pdffonts.
type Font struct {
	Name, Type string
	Embedded   bool
}

// Fonts lists the fonts of the PDF per pdffonts.
func Fonts(t testing.TB, path string) []Font {
	t.Helper()
	out := Run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var fonts []Font
	for _, line := range lines[min(2, len(lines)):] {
		// name type... encoding emb sub uni object ID
		f := strings.Fields(line)
		if len(f) < 7 {
			t.Fatalf("pdffonts line %q", line)
		}
		fonts = append(fonts, Font{Name: f[0], Type: strings.Join(f[1:len(f)-6], " "), Embedded: f[len(f)-5] == "yes"})
	}
	return fonts
}

// Word is a word pdftotext found, with its box in mm from the top-left corner.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// Words returns the words on page n with their boxes in mm, per pdftotext
// -bbox. pdftotext -bbox gives the letters of a right-to-left word in
// visual order; Words turns them back into logical order.
func Words(t testing.TB, path string, n int) []Word {
	t.Helper()
	out := Run(t, "pdftotext", "-bbox", "-enc", "UTF-8", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), path, "-")
	var words []Word
	for _, m := range wordRE.FindAllStringSubmatch(out, -1) {
		var v [4]float64
		for i := range v {
			f, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			v[i] = f * 25.4 / 72
		}
		txt := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(m[5])
		if strings.IndexFunc(txt, func(r rune) bool { return unicode.In(r, unicode.Arabic, unicode.Hebrew) }) >= 0 {
			rs := []rune(txt)
			slices.Reverse(rs)
			txt = string(rs)
		}
		words = append(words, Word{txt, v[0], v[1], v[2], v[3]})
	}
	return words
}

// Tokens splits s into words of letters, marks and digits (and ZWNJ, which
// Persian writes inside words), without the bidi controls pdftotext puts
// around runs of the other direction, and without punctuation, which
// pdftotext places by its own reckoning at the edges of such runs. Digits
// and letters are tokens of their own ("و8" is "و" and "8"), as pdftotext
// splits a left-to-right number from the right-to-left word it is joined to.
func Tokens(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.In(r, unicode.L, unicode.M, unicode.N) || r == 0x200C)
	}) {
		start, digits := 0, false
		for i, r := range f {
			d := unicode.IsDigit(r)
			if i > 0 && d != digits {
				out = appendToken(out, f[start:i])
				start = i
			}
			digits = d
		}
		out = appendToken(out, f[start:])
	}
	return out
}

// appendToken appends tok without a ZWNJ at its edges ("۵۰‌ساله"
// splits into "۵۰" and "ساله"), which joins nothing there.
func appendToken(out []string, tok string) []string {
	if tok = strings.Trim(tok, "\u200c"); tok != "" {
		out = append(out, tok)
	}
	return out
}

// SystemFont returns a TrueType font file fontconfig finds with every
// character of s, or skips t (fails under CI) naming the package to install.
func SystemFont(t testing.TB, s, pkg string) string {
	t.Helper()
	Need(t, "fc-list")
	var cs []string
	for _, r := range strings.ReplaceAll(s, " ", "") {
		cs = append(cs, fmt.Sprintf("%x", r))
	}
	out, _ := exec.Command("fc-list", ":charset="+strings.Join(cs, " "), "file").Output()
	for line := range strings.Lines(string(out)) {
		if f := strings.TrimSuffix(strings.TrimSpace(line), ":"); strings.HasSuffix(f, ".ttf") {
			return f
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("no TrueType font for %q (install %s)", s, pkg)
	}
	t.Skipf("no TrueType font for %q (install %s)", s, pkg)
	return ""
}
