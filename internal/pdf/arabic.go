package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/bidi"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	xbidi "golang.org/x/text/unicode/bidi"
)

// Noto Naskh Arabic, for Arabic and Persian text (see fonts/README.md).
var (
	//go:embed fonts/NotoNaskhArabic-Regular.ttf
	naskhRegular []byte
	//go:embed fonts/NotoNaskhArabic-Bold.ttf
	naskhBold []byte
)

// arabicFamily is the name the Arabic fonts are registered under in fpdf,
// drawn by glyph.
const arabicFamily = "naskh"

// glyphFace is a font drawn by glyph, Noto Naskh Arabic or a fallback
// font: parsed by fpdf, which embeds the glyphs drawn, and by go-text,
// whose HarfBuzz port shapes text with it.
type glyphFace struct {
	shared *fpdf.SharedUTF8Font
	font   *gtfont.Font
	bold   bool
	space  float64 // the advance of a space, 1/1000 em
	id     int     // 0 for Noto Naskh Arabic; from 1, a fallback font (fallback.go)
}

// has reports whether the font maps r to a glyph.
func (g *glyphFace) has(r rune) bool {
	_, ok := g.shared.Width(r)
	return ok
}

// arabicFonts returns the two Arabic faces, parsed once, the first time
// a text needs them.
var arabicFonts = sync.OnceValues(func() ([2]*glyphFace, error) {
	var out [2]*glyphFace
	for i, ttf := range [][]byte{naskhRegular, naskhBold} {
		g, err := newGlyphFace(ttf)
		if err != nil {
			return out, fmt.Errorf("font Noto Naskh Arabic: %w", err)
		}
		g.bold = i == 1
		out[i] = g
	}
	return out, nil
})

// newGlyphFace parses a TrueType font for fpdf, which embeds it, and for
// the shaper.
func newGlyphFace(ttf []byte) (*glyphFace, error) {
	sh, err := fpdf.NewSharedUTF8Font(ttf)
	if err != nil {
		return nil, err
	}
	ft, err := gtfont.ParseTTF(bytes.NewReader(ttf))
	if err != nil {
		return nil, err
	}
	sp, _ := sh.Width(' ')
	return &glyphFace{shared: sh, font: ft.Font, space: float64(sp)}, nil
}

// arabicFace returns the Arabic face of the weight of fc, or nil if the
// fonts cannot be read (the tests check that they can).
func (fc *face) arabicFace() *glyphFace {
	fs, err := arabicFonts()
	if err != nil {
		return nil
	}
	if fc.bold {
		return fs[1]
	}
	return fs[0]
}

// isArabic reports whether r is in one of the Arabic blocks (letters,
// marks, digits and punctuation), or is one of the joiners that Persian
// writes inside words (ZWNJ, ZWJ).
func isArabic(r rune) bool {
	switch {
	case r < 0x0600:
		return false
	case r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x08A0 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFE, r == 0x200C, r == 0x200D:
		return true
	}
	return false
}

// arabicPrintable reports whether r is an Arabic character that both
// Arabic fonts draw.
func arabicPrintable(r rune) bool {
	if r == 0x200C || r == 0x200D {
		return true
	}
	if !isArabic(r) {
		return false
	}
	for _, rg := range naskhArabic {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// naskhArabic are the Arabic characters both Noto Naskh Arabic fonts draw,
// from their cmaps (fc-query -f '%{charset}'; TestNaskhCoverage checks
// them against the fonts): known without parsing the fonts, so that a
// sender file with an Arabic town checks in no time in a program that
// writes a Russian letter.
var naskhArabic = [...][2]rune{
	{0x0600, 0x0604}, {0x0606, 0x061B}, {0x061E, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08A0},
	{0x08A2, 0x08AC}, {0x08E4, 0x08FE}, {0xFB50, 0xFBC1}, {0xFBD3, 0xFD3F}, {0xFD50, 0xFD8F},
	{0xFD92, 0xFDC7}, {0xFDF0, 0xFDFD}, {0xFE70, 0xFE74}, {0xFE76, 0xFEFC},
}

// hasArabic reports, from the bytes of s alone, whether it may hold an
// Arabic letter: UTF-8 lead bytes of U+0600 to U+07FF, U+08xx, and the
// presentation forms U+FB50 to U+FEFF. Latin, Greek and Cyrillic text never
// has them.
func hasArabic(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0xD8 {
			continue
		}
		switch {
		case c <= 0xDF:
			return true
		case c == 0xE0 && i+1 < len(s) && s[i+1] >= 0xA0 && s[i+1] <= 0xA3:
			return true
		case c == 0xEF && i+1 < len(s) && s[i+1] >= 0xAD && s[i+1] <= 0xBB:
			return true
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x8C || s[i+2] == 0x8D):
			return true // ZWNJ, ZWJ
		}
	}
	return false
}

// piece is one run of a line set in one font and direction: Latin text
// (already in visual order) or shaped Arabic glyphs. x and w are in 1/1000
// em from the start of the line.
type piece struct {
	x, w   float64
	text   string
	glyphs []fpdf.Glyph
	latin  bool       // the glyphs are the Latin font's
	fb     *glyphFace // the glyphs are this fallback font's
	src    string     // the text, in logical order
	rtl    bool       // the direction it was shaped in
}

// lineLayout is a line of mixed text in visual order.
type lineLayout struct {
	pieces []piece
	w      float64 // 1/1000 em
}

// shaped is a shaped run of Arabic text.
type shaped struct {
	glyphs []fpdf.Glyph
	w      float64
}

// shapeKey and lineKey key the caches of shaped runs and laid out lines.
type shapeKey struct {
	text      string
	g         *glyphFace // the font a run is shaped in; nil for a line
	bold, rtl bool
	lang      language.Language
}

// cache holds shaped runs and laid out lines, shared by all documents. It
// forgets everything when full: batches repeat the same words and lines
// letter after letter, so that it fills again at once.
type cache[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

const cacheMax = 1 << 15

// clear forgets everything (the fallback fonts changed).
func (c *cache[K, V]) clear() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}

func (c *cache[K, V]) get(k K, fn func() V) V {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v
	}
	v = fn()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= cacheMax {
		c.m = make(map[K]V)
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}

var (
	shapeCache  cache[shapeKey, *shaped]
	recodeCache cache[string, string] // clean's results beyond its fast path
	lineCache   cache[shapeKey, *lineLayout]
)

// shaper is HarfBuzz's working memory; a shaper serves one goroutine.
type shaper struct {
	buf   *harfbuzz.Buffer
	fonts map[*glyphFace]*harfbuzz.Font
	runes []rune
}

var shapers = sync.Pool{New: func() any {
	return &shaper{buf: harfbuzz.NewBuffer(), fonts: map[*glyphFace]*harfbuzz.Font{}}
}}

// shape shapes text (in logical order) in face g, in the language lang
// (Persian letters use Persian forms where the font has them), right to
// left or, for Arabic-Indic digits in a left-to-right run, left to right.
// The glyphs come in visual order, left to right.
func shape(g *glyphFace, text string, rtl bool, lang language.Language) *shaped {
	return shapeCache.get(shapeKey{text, g, g.bold, rtl, lang}, func() *shaped {
		sh := shapers.Get().(*shaper)
		defer shapers.Put(sh)
		return sh.shape(g, text, rtl, lang)
	})
}

// scriptOf is the script of the first letter of text that has one, or
// Arabic.
func scriptOf(text string) language.Script {
	for _, r := range text {
		if s := language.LookupScript(r); s.Strong() {
			return s
		}
	}
	return language.Arabic
}

func (sh *shaper) shape(g *glyphFace, text string, rtl bool, lang language.Language) *shaped {
	hf := sh.fonts[g]
	if hf == nil {
		hf = harfbuzz.NewFont(gtfont.NewFace(g.font)) // in font units
		sh.fonts[g] = hf
	}
	scale := 1000 / float64(g.shared.UnitsPerEm()) // to 1/1000 em
	runes := sh.runes[:0]
	for _, r := range text {
		runes = append(runes, r)
	}
	sh.runes = runes
	b := sh.buf
	b.Clear()
	b.ClusterLevel = harfbuzz.MonotoneGraphemes // a letter and its marks are one cluster
	b.AddRunes(runes, 0, len(runes))
	b.Props.Direction = harfbuzz.LeftToRight
	if rtl {
		b.Props.Direction = harfbuzz.RightToLeft
	}
	b.Props.Script = language.Arabic
	if g.id > 0 {
		b.Props.Script = scriptOf(text)
	}
	b.Props.Language = lang
	b.Shape(hf, nil)

	out := &shaped{glyphs: make([]fpdf.Glyph, len(b.Info))}
	// The end of each cluster is the start of the next one in logical order.
	end := func(c int) int {
		e := len(runes)
		for _, in := range b.Info {
			if in.Cluster > c && in.Cluster < e {
				e = in.Cluster
			}
		}
		return e
	}
	// Each cluster's text goes to its first glyph that advances (a base
	// letter, not a mark: text extraction takes a raised mark for a line
	// of its own), or to its first glyph.
	owner := map[int]int{}
	for k, in := range b.Info {
		if o, ok := owner[in.Cluster]; !ok || b.Pos[o].XAdvance == 0 && b.Pos[k].XAdvance != 0 {
			owner[in.Cluster] = k
		}
	}
	for k, in := range b.Info {
		p := b.Pos[k]
		gl := fpdf.Glyph{
			ID:      uint16(in.Glyph),
			Advance: float64(p.XAdvance) * scale,
			XOffset: float64(p.XOffset) * scale,
			YOffset: float64(p.YOffset) * scale,
		}
		if owner[in.Cluster] == k {
			gl.Text = clusterText(runes[in.Cluster:end(in.Cluster)], rtl)
		}
		out.glyphs[k] = gl
		out.w += gl.Advance
	}
	if g.id > 0 && !rtl {
		spreadText(out.glyphs, b.Info, runes, end)
	}
	return out
}

// spreadText gives the text of each cluster of a left-to-right run to its
// glyphs that advance, in turn, a share each (Devanagari सी, a letter and
// a vowel sign that both advance, as स and ी): text extraction takes a
// glyph without text for a space.
func spreadText(gs []fpdf.Glyph, info []harfbuzz.GlyphInfo, runes []rune, end func(int) int) {
	for k := 0; k < len(gs); {
		c := info[k].Cluster
		j := k
		var adv []int
		for ; j < len(gs) && info[j].Cluster == c; j++ {
			gs[j].Text = ""
			if gs[j].Advance != 0 {
				adv = append(adv, j)
			}
		}
		if len(adv) == 0 {
			adv = append(adv, k)
		}
		rs := runes[c:end(c)]
		for i, m := range adv {
			gs[m].Text = string(rs[i*len(rs)/len(adv) : (i+1)*len(rs)/len(adv)])
		}
		if gs[adv[len(adv)-1]].Text == "" { // fewer letters than glyphs: the first has them all
			for _, m := range adv {
				gs[m].Text = ""
			}
			gs[adv[0]].Text = string(rs)
		}
		k = j
	}
}

// clusterText is the text a glyph of a cluster of runes extracts as. A
// cluster of right-to-left letters (the ligature lam-alef) is given in
// logical order; one with a mark in it (a letter and its fatha) in
// reverse, as text extraction (poppler) expects it: it reverses the text
// of each right-to-left word, and keeps in logical order the text of a
// glyph whose characters are all right-to-left letters.
func clusterText(rs []rune, rtl bool) string {
	if !rtl || len(rs) < 2 {
		return string(rs)
	}
	for _, r := range rs {
		if p, _ := xbidi.LookupRune(r); p.Class() != xbidi.R && p.Class() != xbidi.AL {
			rev := make([]rune, len(rs))
			for i, r := range rs {
				rev[len(rs)-1-i] = r
			}
			return string(rev)
		}
	}
	return string(rs)
}

// paragraphs is the bidi algorithm's working memory.
var paragraphs = sync.Pool{New: func() any { return new(bidi.Paragraph) }}

// layoutLine lays out a line holding Arabic text or characters of a
// fallback font: the Unicode Bidirectional Algorithm orders its runs, in a
// paragraph running right to left when fc.rtl is set; Arabic letters, and
// in right-to-left runs the signs the Arabic font has, are shaped in it;
// characters neither font has, in a fallback font; the rest is set in fc
// (mirrored in right-to-left runs: "(" drawn as ")").
func (fc *face) layoutLine(s string) *lineLayout {
	return lineCache.get(shapeKey{text: s, bold: fc.bold, rtl: fc.rtl, lang: fc.lang}, func() *lineLayout { return fc.doLayoutLine(s) })
}

func (fc *face) doLayoutLine(s string) *lineLayout {
	ar := fc.arabicFace()
	runes := []rune(s)
	p := paragraphs.Get().(*bidi.Paragraph)
	dir := bidi.LeftToRight
	if fc.rtl {
		dir = bidi.RightToLeft
	}
	rs := p.Segment(runes, dir)
	type run struct {
		start, end int
		level      int
	}
	runs := make([]run, rs.NumRuns())
	maxLevel, minOdd := 0, 127
	for i := range runs {
		r := rs.Run(i)
		runs[i] = run{r.Start, r.End, int(r.Level)}
		maxLevel = max(maxLevel, int(r.Level))
		if r.Level%2 == 1 {
			minOdd = min(minOdd, int(r.Level))
		}
	}
	paragraphs.Put(p)
	// Rule L2: reverse every sequence of runs at a level or higher, from
	// the highest level down to the lowest odd one.
	for lv := maxLevel; lv >= minOdd; lv-- {
		for i := 0; i < len(runs); {
			if runs[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].level >= lv {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
			}
			i = j
		}
	}

	out := &lineLayout{}
	x := 0.0
	add := func(pc piece) {
		pc.x = x
		x += pc.w
		out.pieces = append(out.pieces, pc)
	}
	for _, rn := range runs {
		rtl := rn.level%2 == 1
		// Segments of one font (g: Arabic, a fallback font, or nil for
		// fc), and the spaces between them, in logical order.
		type seg struct {
			start, end int
			g          *glyphFace
		}
		pick := func(r rune, prev *glyphFace) *glyphFace {
			switch {
			case ar != nil && (isArabic(r) || rtl) && ar.has(r):
				return ar
			case fc.has(r):
				return nil
			}
			return viaFallback(r, prev)
		}
		var segs []seg
		for i := rn.start; i < rn.end; {
			if runes[i] == ' ' {
				var g *glyphFace
				if rtl {
					g = ar
				}
				segs = append(segs, seg{i, i + 1, g})
				i++
				continue
			}
			g := pick(runes[i], nil)
			j := i + 1
			for j < rn.end && runes[j] != ' ' && pick(runes[j], g) == g {
				j++
			}
			segs = append(segs, seg{i, j, g})
			i = j
		}
		if rtl {
			for a, b := 0, len(segs)-1; a < b; a, b = a+1, b-1 {
				segs[a], segs[b] = segs[b], segs[a]
			}
		}
		for _, sg := range segs {
			text := string(runes[sg.start:sg.end])
			switch {
			case text == " ":
				w := float64(fc.runeUnits(' '))
				if sg.g != nil {
					w = sg.g.space
				}
				x += w
			case sg.g != nil:
				sh := shape(sg.g, text, rtl, fc.lang)
				pc := piece{w: sh.w, glyphs: sh.glyphs, src: text, rtl: rtl}
				if sg.g.id > 0 {
					pc.fb = sg.g
				}
				add(pc)
			case rtl:
				// Mirrored ("(" drawn as ")"), by glyph, so that each
				// glyph extracts as the character it stands for.
				add(fc.mirrored(text))
			default:
				add(piece{w: float64(fc.plainUnits(text)), text: text})
			}
		}
	}
	out.w = x
	return out
}

// mirrored returns text, a run of neutral characters such as brackets in a
// right-to-left run, set from right to left in fc: in reverse order, each
// with the glyph of its mirror image (Unicode's Bidi_Mirroring_Glyph), and
// extracting as itself.
func (fc *face) mirrored(text string) piece {
	vis := []rune(xbidi.ReverseString(text))
	orig := []rune(text)
	pc := piece{glyphs: make([]fpdf.Glyph, len(vis)), latin: true}
	for i, r := range vis {
		id, _ := fc.shared.GlyphID(r)
		w := float64(fc.runeUnits(r))
		pc.glyphs[i] = fpdf.Glyph{ID: id, Advance: w, Text: string(orig[len(orig)-1-i])}
		pc.w += w
	}
	return pc
}

// appendLine appends the ops that draw line s in fc at size pt, its
// baseline starting at (x, y): one op for a line of Latin, Greek or
// Cyrillic, one for each run of a line with Arabic or characters of a
// fallback font in it.
func appendLine(ops []op, fc *face, s string, size, x, y float64) []op {
	if fc.plain(s) {
		return append(ops, op{text: s, bold: fc.bold, size: size, x: x, y: y})
	}
	return appendLayout(ops, fc, fc.layoutLine(s), size, x, y)
}

// appendLayout appends the ops that draw ll, a line laid out in fc, at
// size pt, its baseline starting at (x, y): one op for each run.
func appendLayout(ops []op, fc *face, ll *lineLayout, size, x, y float64) []op {
	em := size * ptMM / 1000
	for _, pc := range ll.pieces {
		o := op{text: pc.text, glyphs: pc.glyphs, latin: pc.latin, bold: fc.bold, size: size, x: x + pc.x*em, y: y}
		if pc.fb != nil {
			o.fb = uint16(pc.fb.id)
		}
		ops = append(ops, o)
	}
	return ops
}

// plain reports whether s is drawn as it is, in fc alone: it has no
// Arabic, and fc has every character (Latin, Greek and Cyrillic text).
func (fc *face) plain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			i++
			continue
		}
		if c >= 0xC2 && c < 0xD8 && i+1 < len(s) && subset.has(rune(c&0x1F)<<6|rune(s[i+1]&0x3F)) {
			i += 2 // Latin, Greek, Cyrillic
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isArabic(r) || !fc.has(r) {
			return false
		}
		i += n
	}
	return true
}
