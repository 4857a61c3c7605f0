package pdf

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
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

// selfComposite returns a copy of ttf whose first composite glyph names
// itself as its first component.
func selfComposite(t *testing.T, ttf []byte) []byte {
	t.Helper()
	be := binary.BigEndian
	ttf = bytes.Clone(ttf)
	tables := map[string][2]int{}
	for i := range int(be.Uint16(ttf[4:])) {
		rec := ttf[12+16*i:]
		tables[string(rec[:4])] = [2]int{int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))}
	}
	head, loca, glyf, maxp := tables["head"][0], tables["loca"][0], tables["glyf"][0], tables["maxp"][0]
	long := be.Uint16(ttf[head+50:]) == 1
	at := func(g int) int {
		if long {
			return int(be.Uint32(ttf[loca+4*g:]))
		}
		return 2 * int(be.Uint16(ttf[loca+2*g:]))
	}
	for g := range int(be.Uint16(ttf[maxp+4:])) {
		o := glyf + at(g)
		if at(g+1) > at(g) && int16(be.Uint16(ttf[o:])) < 0 {
			be.PutUint16(ttf[o+12:], uint16(g))
			return ttf
		}
	}
	t.Fatal("no composite glyph")
	return nil
}

func TestBadFont(t *testing.T) {
	reg := liberationserifregular.TTF
	otto := append([]byte("OTTO"), reg[4:]...)
	ascii := fpdf.UTF8CutFont(reg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,")
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
		{"no Cyrillic", ascii, "no glyphs for"},
		{"composite loop", selfComposite(t, reg), "refers back to itself"},
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
	if _, err := loadFontSet(reg, liberationserifbold.TTF); err != nil {
		t.Errorf("Liberation Serif: %v", err)
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
}

// TestSubset checks that the embedded fonts have exactly the runes of the
// subset, that the layout lets through no other, and that the full fonts
// and the subsets agree on every width.
func TestSubset(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	full, err := parseFace("regular", liberationserifregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		in := subset.has(r)
		if in {
			n++
		}
		if fs.regular.has(r) != in || fs.bold.has(r) != in {
			t.Errorf("%U: in the subset %v, regular has it %v, bold %v", r, in, fs.regular.has(r), fs.bold.has(r))
		}
		if in && fs.regular.runeUnits(r) != full.runeUnits(r) {
			t.Errorf("%U: width %d in the subset, %d in the font", r, fs.regular.runeUnits(r), full.runeUnits(r))
		}
		if r >= 0x20 && (r < 0xD800 || r > 0xDFFF) {
			for _, c := range clean(string(r)) {
				if !subset.has(c) && c != '\uFFFD' {
					t.Errorf("clean(%q) = %q: %U is not in the subset", string(r), clean(string(r)), c)
				}
			}
		}
	}
	if n < 600 {
		t.Errorf("the subset has %d runes", n)
	}
	if fs.regular.shared == nil || fs.bold.shared == nil {
		t.Error("no shared fonts")
	}
}

// TestUnhint checks that unhint drops the hints and keeps the rest.
func TestUnhint(t *testing.T) {
	be := binary.BigEndian
	tables := func(ttf []byte) map[string][]byte {
		m := map[string][]byte{}
		for i := range int(be.Uint16(ttf[4:])) {
			rec := ttf[12+16*i:]
			off, size := be.Uint32(rec[8:]), be.Uint32(rec[12:])
			m[string(rec[:4])] = ttf[off : off+size]
		}
		return m
	}
	for _, ttf := range [][]byte{liberationserifregular.TTF, liberationserifbold.TTF} {
		cut := fpdf.UTF8CutFont(ttf, subsetRunes())
		got, err := unhint(cut)
		if err != nil {
			t.Fatal(err)
		}
		before, after := tables(cut), tables(got)
		for _, name := range []string{"fpgm", "prep", "cvt "} {
			if before[name] == nil {
				t.Errorf("the font had no %q table to drop", name)
			}
			if after[name] != nil {
				t.Errorf("table %q kept", name)
			}
		}
		for _, name := range []string{"cmap", "hmtx", "hhea", "name", "OS/2", "post"} {
			if !bytes.Equal(before[name], after[name]) {
				t.Errorf("table %q changed", name)
			}
		}
		// Every glyph: no instructions, nor a flag that says it has some.
		glyf, loca := after["glyf"], after["loca"]
		glyphs := int(be.Uint16(after["maxp"][4:]))
		if glyphs != int(be.Uint16(before["maxp"][4:])) || be.Uint16(after["head"][50:]) != 1 {
			t.Fatal("glyph count or loca format")
		}
		for g := range glyphs {
			data := glyf[be.Uint32(loca[4*g:]):be.Uint32(loca[4*g+4:])]
			if len(data) == 0 {
				continue
			}
			if n := int(int16(be.Uint16(data))); n >= 0 {
				if il := be.Uint16(data[10+2*n:]); il != 0 {
					t.Errorf("glyph %d: %d bytes of instructions", g, il)
				}
			} else if flags := be.Uint16(data[10:]); flags&0x0100 != 0 {
				t.Errorf("glyph %d: WE_HAVE_INSTRUCTIONS", g)
			}
		}
		if len(glyf) > len(before["glyf"])*2/3 {
			t.Errorf("glyf %d bytes, was %d", len(glyf), len(before["glyf"]))
		}
		// The metrics are those of the font as cut.
		a, err := parseFace("cut", cut)
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseFace("unhinted", got)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.adv, b.adv) || a.ascent != b.ascent || a.descent != b.descent || a.missing != b.missing {
			t.Error("metrics changed")
		}
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
