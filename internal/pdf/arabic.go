package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

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

// glyphFace is an Arabic font: parsed by fpdf, which embeds the glyphs
// drawn, and by go-text, whose HarfBuzz port shapes text with it.
type glyphFace struct {
	shared *fpdf.SharedUTF8Font
	font   *gtfont.Font
	bold   bool
	space  float64 // the advance of a space, 1/1000 em
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
		sh, err := fpdf.NewSharedUTF8Font(ttf)
		if err != nil {
			return out, fmt.Errorf("font Noto Naskh Arabic: %w", err)
		}
		ft, err := gtfont.ParseTTF(bytes.NewReader(ttf))
		if err != nil {
			return out, fmt.Errorf("font Noto Naskh Arabic: %w", err)
		}
		sp, _ := sh.Width(' ')
		out[i] = &glyphFace{shared: sh, font: ft.Font, bold: i == 1, space: float64(sp)}
	}
	return out, nil
})

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
	fs, err := arabicFonts()
	return err == nil && fs[0].has(r) && fs[1].has(r)
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
	latin  bool   // the glyphs are the Latin font's
	src    string // the text, in logical order
	rtl    bool   // the direction it was shaped in
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
	bold, rtl bool
}

// cache holds shaped runs and laid out lines, shared by all documents. It
// forgets everything when full: batches repeat the same words and lines
// letter after letter, so that it fills again at once.
type cache[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

const cacheMax = 1 << 15

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
	shapeCache cache[shapeKey, *shaped]
	lineCache  cache[shapeKey, *lineLayout]
)

// shaper is HarfBuzz's working memory; a shaper serves one goroutine.
type shaper struct {
	buf   *harfbuzz.Buffer
	fonts [2]*harfbuzz.Font
	runes []rune
}

var shapers = sync.Pool{New: func() any { return &shaper{buf: harfbuzz.NewBuffer()} }}

// shape shapes text (Arabic, in logical order) in face g, right to left
// or, for Arabic-Indic digits in a left-to-right run, left to right. The
// glyphs come in visual order, left to right.
func shape(g *glyphFace, text string, rtl bool) *shaped {
	return shapeCache.get(shapeKey{text, g.bold, rtl}, func() *shaped {
		sh := shapers.Get().(*shaper)
		defer shapers.Put(sh)
		return sh.shape(g, text, rtl)
	})
}

func (sh *shaper) shape(g *glyphFace, text string, rtl bool) *shaped {
	i := 0
	if g.bold {
		i = 1
	}
	if sh.fonts[i] == nil {
		sh.fonts[i] = harfbuzz.NewFont(gtfont.NewFace(g.font)) // in font units: 1/1000 em
	}
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
	b.Shape(sh.fonts[i], nil)

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
			Advance: float64(p.XAdvance),
			XOffset: float64(p.XOffset),
			YOffset: float64(p.YOffset),
		}
		if owner[in.Cluster] == k {
			gl.Text = clusterText(runes[in.Cluster:end(in.Cluster)], rtl)
		}
		out.glyphs[k] = gl
		out.w += gl.Advance
	}
	return out
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

// layoutLine lays out a line holding Arabic text: the Unicode
// Bidirectional Algorithm orders its runs, in a paragraph running right to
// left when fc.rtl is set; Arabic letters, and in right-to-left runs the
// signs the Arabic font has, are shaped in it, the rest is set in fc
// (mirrored in right-to-left runs: "(" drawn as ")").
func (fc *face) layoutLine(s string) *lineLayout {
	return lineCache.get(shapeKey{s, fc.bold, fc.rtl}, func() *lineLayout { return fc.doLayoutLine(s) })
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
		// Segments of one font, and the spaces between them, in logical order.
		type seg struct {
			start, end int
			arabic     bool
		}
		var segs []seg
		for i := rn.start; i < rn.end; {
			if runes[i] == ' ' {
				segs = append(segs, seg{i, i + 1, rtl && ar != nil})
				i++
				continue
			}
			inAr := ar != nil && (isArabic(runes[i]) || rtl && ar.has(runes[i])) && ar.has(runes[i])
			j := i + 1
			for j < rn.end && runes[j] != ' ' {
				a := ar != nil && (isArabic(runes[j]) || rtl && ar.has(runes[j])) && ar.has(runes[j])
				if a != inAr {
					break
				}
				j++
			}
			segs = append(segs, seg{i, j, inAr})
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
				if sg.arabic {
					w = ar.space
				}
				x += w
			case sg.arabic:
				sh := shape(ar, text, rtl)
				add(piece{w: sh.w, glyphs: sh.glyphs, src: text, rtl: rtl})
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
// Cyrillic, one for each run of a line with Arabic in it.
func appendLine(ops []op, fc *face, s string, size, x, y float64) []op {
	if !hasArabic(s) {
		return append(ops, op{text: s, bold: fc.bold, size: size, x: x, y: y})
	}
	em := size * ptMM / 1000
	for _, pc := range fc.layoutLine(s).pieces {
		ops = append(ops, op{text: pc.text, glyphs: pc.glyphs, latin: pc.latin, bold: fc.bold, size: size, x: x + pc.x*em, y: y})
	}
	return ops
}
