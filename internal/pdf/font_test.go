package pdf

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"appeal/internal/pdftest"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// captureStdout runs fn and returns what it printed to os.Stdout.
func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() {
		os.Stdout = old
	}()
	fn()
	w.Close()
	os.Stdout = old
	return <-done
}

// TestBadFont checks that a font fpdf cannot read is an error, and that
// nothing is printed: fpdf's own parser prints some errors to stdout.
func TestBadFont(t *testing.T) {
	reg := liberationserifregular.TTF
	otto := append([]byte("OTTO"), reg[4:]...)
	noCmap := bytes.Clone(reg)
	copy(noCmap[bytes.Index(noCmap[:12+16*20], []byte("cmap")):], "xxxx")
	tests := []struct {
		name string
		ttf  []byte
		want string // in the error
	}{
		{"empty", nil, "truncated"},
		{"garbage", []byte(strings.Repeat("garbage!", 100)), "not a TrueType font"},
		{"CFF OpenType", otto, "not a TrueType font"},
		{"truncated", reg[:2000], "out of bounds"},
		{"no cmap", noCmap, `"cmap" missing`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			out := captureStdout(t, func() {
				_, err = loadFontSet(tc.ttf, liberationserifbold.TTF)
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("loadFontSet error = %v, want one containing %q", err, tc.want)
			}
			if out != "" {
				t.Errorf("printed %q", out)
			}
		})
	}
}

// TestMetrics checks that our widths are those fpdf puts into the PDF.
func TestMetrics(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(family, "B", liberationserifbold.TTF)
	for _, s := range []string{
		"Dear Prosecutor General,",
		"Уважаемый господин Генеральный прокурор!",
		"Ә Ғ Қ Ң Ө Ұ Ү Һ І ә ғ қ ң ө ұ ү һ і",
		"Αξιότιμε κύριε Εισαγγελέα",
		"«№ 7» — “quoted” … €",
		"missing: \u4e2d\u6587",
	} {
		for _, style := range []string{"", "B"} {
			fc := fs.regular
			if style == "B" {
				fc = fs.bold
			}
			f.SetFont(family, style, 11)
			if got, want := fc.width(s, 11), f.GetStringWidth(s); math.Abs(got-want) > 1e-9 {
				t.Errorf("width(%q, %q) = %v, fpdf says %v", s, style, got, want)
			}
		}
	}
	// Every rune of the subset, and what clean gives for runes outside it.
	for r := rune(0); r < 0x10000; r++ {
		if !subset.has(r) && r != '\uFFFD' {
			continue
		}
		for _, style := range []string{"", "B"} {
			fc := fs.regular
			if style == "B" {
				fc = fs.bold
			}
			f.SetFont(family, style, 11)
			if got, want := fc.runeUnits(r), f.GetStringSymbolWidth(string(r)); got != want {
				t.Errorf("%U %q: width %d, fpdf says %d", r, style, got, want)
			}
		}
	}
	if err := f.Error(); err != nil {
		t.Fatal(err)
	}
	for _, r := range "ӘҒҚҢӨҰҮҺІәғқңөұүһіΩЖ" {
		if !fs.regular.has(r) || !fs.bold.has(r) {
			t.Errorf("no glyph for %q", r)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Қазақстан", "Қазақстан"},
		{"a\tb\nc\r\nd", "a b c  d"},
		{"emoji 😀!", "emoji \uFFFD!"},
		{"soft\u00adhyphen zero\u200bwidth \ufeffbom", "softhyphen zerowidth bom"},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8"},
		{"del\x7f c1\u0085", "del c1 "},
		{"non\u2011breaking", "non\u2010breaking"},
		{"1\u202f500\u00a0км", "1\u202f500\u00a0км"}, // no-break spaces kept
		{"figure\u2007space", "figure\u00a0space"},
		// Runes outside the embedded subset of the fonts.
		{"Nguyễn Thị Ánh", "Nguyen Thi Ánh"},             // ễ and ị decompose to e and i and marks the fonts lack
		{"Ơn, ư", "On, u"},                               // Latin Extended-B: letter and horn
		{"cafe\u0301, уда\u0301рение", "café, ударение"}, // composed where the fonts have it, else the mark dropped
		{"ﬀ ① Ａ ‥", "ff 1 A .."},                         // compatibility forms
		{"中文 ₸ 500", "\uFFFD\uFFFD \uFFFD 500"},          // nothing to fall back to
		{"Əliyev, Ștefan, Ўзбек, Ҷ, Ґ", "Əliyev, Ștefan, Ўзбек, Ҷ, Ґ"},
	}
	for _, tc := range tests {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// What clean passes through unchanged, recode leaves as it is (but for
	// composing, which the fonts do not need: U+0387 is U+00B7 in NFC).
	for r := rune(0); r < 0x10000; r++ {
		for _, s := range []string{string(r), "a" + string(r), "\u0416" + string(r) + "\u2116", string(r) + "\xe2\x84"} {
			if got, want := clean(s), recode(s); got != want && norm.NFC.IsNormalString(s) {
				t.Fatalf("clean(%q) = %q, recode gives %q", s, got, want)
			}
		}
	}
}

// TestSubset checks that both fonts have a glyph for every rune of the
// subset, and that the layout lets through no other but the Arabic ones
// both Arabic fonts have.
func TestSubset(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		if subset.has(r) {
			n++
			if !fs.regular.has(r) || !fs.bold.has(r) {
				t.Errorf("%U: regular has it %v, bold %v", r, fs.regular.has(r), fs.bold.has(r))
			}
		}
		if r >= 0x20 && (r < 0xD800 || r > 0xDFFF) {
			for _, c := range clean(string(r)) {
				if !subset.has(c) && c != '\uFFFD' && !arabicPrintable(c) {
					t.Errorf("clean(%q) = %q: %U is not in the subset", string(r), clean(string(r)), c)
				}
			}
		}
	}
	if n < 600 {
		t.Errorf("the subset has %d runes", n)
	}
}

func TestWrap(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	fc := fs.regular
	tests := []struct {
		in   string
		maxW float64
		want []string
	}{
		{"short line", 80, []string{"short line"}},
		{"", 80, []string{""}},
		{"one two three four", fc.width("one two three", 11) + 0.01, []string{"one two three", "four"}},
		{"abcdefghij", fc.width("abcd", 11) + 0.01, []string{"abcd", "efgh", "ij"}},
		{"x abcdefghij y", fc.width("abcde", 11) + 0.01, []string{"x", "abcde", "fghij", "y"}},
		// Never at a no-break space, also not when a word is broken.
		{"aaa bbb\u00a0ccc", fc.width("aaa bbb", 11) + 0.01, []string{"aaa", "bbb\u00a0ccc"}},
		{"abcd\u00a0efgh", fc.width("abcd", 11) + 0.01, []string{"abc", "d\u00a0ef", "gh"}},
		{"abc\u202fdefg", fc.width("abc", 11) + 0.01, []string{"ab", "c\u202fd", "efg"}},
	}
	// An Arabic date tied by render ("23 يونيو/حزيران 2022" with no-break
	// spaces) stays on one line, right to left as left to right.
	ar := fs.rtl.regular
	date := "23\u00a0يونيو/حزيران\u00a02022،"
	arLine := "ثم مرة أخرى في " + date + " حين"
	for _, maxW := range []float64{ar.width(date, 11) + 0.01, ar.width(date+" حين", 11) + 0.01, ar.width("ثم مرة أخرى في "+date, 11) - 0.01} {
		if w := wrap(ar, arLine, 11, maxW); len(w) < 2 || !slices.ContainsFunc(w, func(l string) bool { return strings.Contains(l, date) }) {
			t.Errorf("wrap(%q, %.1f) = %q: the date is broken", arLine, maxW, w)
		}
	}
	for _, tc := range tests {
		got := wrap(fc, tc.in, 11, tc.maxW)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrap(%q, %.1f) = %q, want %q", tc.in, tc.maxW, got, tc.want)
		}
		for _, l := range got {
			if fc.width(l, 11) > tc.maxW {
				t.Errorf("wrap(%q): line %q is wider than %.1f mm", tc.in, l, tc.maxW)
			}
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"  two   spaces  ", "two spaces"},
		{"a\tb\nc", "a b c"},
		// No-break spaces are not white space to collapse or trim.
		{"010000\u00a0Astana  Kazakhstan", "010000\u00a0Astana Kazakhstan"},
		{"1\u202f500\u00a0км  ", "1\u202f500\u00a0км"},
		{"a \u00a0 b", "a \u00a0 b"},
		{"\u00a0 a\u202f ", "a"}, // but trimmed at the ends
	}
	for _, tc := range tests {
		if got := oneLine(tc.in); got != tc.want {
			t.Errorf("oneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGlyphs checks that the subsets fpdf cuts from the shared fonts draw
// every rune of the subset as fpdf's own embedding of the whole font does:
// poppler renders a page of them, both fonts, pixel for pixel the same.
func TestGlyphs(t *testing.T) {
	pdftest.Need(t, "pdftoppm")
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	var line []rune
	for r := rune(0); r < 0x10000; r++ {
		if subset.has(r) {
			if line = append(line, r); len(line) == 40 {
				lines, line = append(lines, string(line)), nil
			}
		}
	}
	lines = append(lines, string(line), "\uFFFD U+FFFD, which clean gives for what the fonts lack")
	dir := t.TempDir()
	render := func(name string, shared bool) []byte {
		f := fpdf.New("P", "mm", "A4", "")
		if shared {
			f.AddSharedUTF8Font(family, "", fs.regular.shared)
			f.AddSharedUTF8Font(family, "B", fs.bold.shared)
		} else {
			f.AddUTF8FontFromBytes(family, "", liberationserifregular.TTF)
			f.AddUTF8FontFromBytes(family, "B", liberationserifbold.TTF)
		}
		f.AddPage()
		y := 10.0
		for _, style := range []string{"", "B"} {
			f.SetFont(family, style, 11)
			for _, l := range lines {
				f.Text(10, y, l)
				y += 5.5
			}
		}
		path := filepath.Join(dir, name+".pdf")
		if err := f.OutputFileAndClose(path); err != nil {
			t.Fatal(err)
		}
		pdftest.Run(t, "pdftoppm", "-r", "150", "-gray", path, filepath.Join(dir, name))
		img, err := os.ReadFile(filepath.Join(dir, name+"-1.pgm"))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	whole, subset := render("whole", false), render("subset", true)
	if !bytes.Equal(whole, subset) {
		diff := 0
		for i := range min(len(whole), len(subset)) {
			if whole[i] != subset[i] {
				diff++
			}
		}
		t.Errorf("the subsets draw %d of %d pixels otherwise than the whole fonts", diff, len(whole))
	}
}

// TestDescriptor checks that the font descriptors of the shared fonts say
// what fpdf's own embedding of the fonts says, but for the name.
func TestDescriptor(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	descriptors := func(shared bool) []string {
		f := fpdf.New("P", "mm", "A4", "")
		f.SetCompression(false)
		f.SetCatalogSort(true)
		if shared {
			f.AddSharedUTF8Font(family, "", fs.regular.shared)
			f.AddSharedUTF8Font(family, "B", fs.bold.shared)
		} else {
			f.AddUTF8FontFromBytes(family, "", liberationserifregular.TTF)
			f.AddUTF8FontFromBytes(family, "B", liberationserifbold.TTF)
		}
		f.AddPage()
		for _, style := range []string{"", "B"} {
			f.SetFont(family, style, 11)
			f.Text(10, 10, "Қазақстан")
		}
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range regexp.MustCompile(`(?s)<</Type /FontDescriptor /FontName /\S+(.*?)/FontFile2`).FindAllSubmatch(buf.Bytes(), -1) {
			out = append(out, string(m[1]))
		}
		for _, m := range regexp.MustCompile(`/DW \d+`).FindAll(buf.Bytes(), -1) {
			out = append(out, string(m))
		}
		return out
	}
	whole, subset := descriptors(false), descriptors(true)
	if len(whole) != 4 || !slices.Equal(whole, subset) {
		t.Errorf("font descriptors\n%q\nwant\n%q", subset, whole)
	}
}

// TestNaskhCoverage: the table of Arabic characters the layout trusts
// both Noto Naskh fonts to draw is what their cmaps say, character by
// character over the Arabic blocks.
func TestNaskhCoverage(t *testing.T) {
	fs, err := arabicFonts()
	if err != nil {
		t.Fatal(err)
	}
	for r := rune(0x0600); r <= 0xFEFF; r++ {
		if !isArabic(r) || r == 0x200C || r == 0x200D {
			continue
		}
		if got, want := arabicPrintable(r), fs[0].has(r) && fs[1].has(r); got != want {
			t.Errorf("%U: table says %v, the fonts %v", r, got, want)
		}
	}
}
