package pdf

import (
	"cmp"
	"fmt"
	"math"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/language"
)

// face is one of the fonts, parsed once by fpdf for every document to
// embed a subset of, with the metrics the layout needs. The widths are
// fpdf's, so that what we measure is what the PDF viewer draws.
type face struct {
	shared  *fpdf.SharedUTF8Font
	ascent  float64 // above the baseline, in em, as fpdf writes /Ascent
	descent float64 // below the baseline, in em, positive
	bold    bool    // the weight, for the Arabic font that goes with it
	rtl     bool    // lines with Arabic in them run right to left (fontSet.rtl)
	// lang is the language text is shaped in: "ar" and "fa" for letters
	// in Arabic and Persian, "und" for others.
	lang language.Language
}

// has reports whether the font maps r to a glyph.
func (fc *face) has(r rune) bool {
	_, ok := fc.shared.Width(r)
	return ok
}

// runeUnits is the advance of r in 1/1000 em.
func (fc *face) runeUnits(r rune) int {
	w, _ := fc.shared.Width(r)
	return w
}

// units is the advance of s in 1/1000 em; a line with Arabic or
// characters of a fallback font in it is measured as layoutLine sets it.
func (fc *face) units(s string) int {
	if !fc.plain(s) { // measured as appendLine draws it
		return int(math.Round(fc.layoutLine(s).w))
	}
	n := 0
	for _, r := range s {
		w, _ := fc.shared.Width(r)
		n += w
	}
	return n
}

// plainUnits is the advance of s in 1/1000 em, drawn in fc alone.
func (fc *face) plainUnits(s string) int {
	n := 0
	for _, r := range s {
		n += fc.runeUnits(r)
	}
	return n
}

// width is the advance of s at size pt, in mm.
func (fc *face) width(s string, size float64) float64 {
	return float64(fc.units(s)) * size * ptMM / 1000
}

// fontSet is the pair of faces every document uses.
type fontSet struct {
	regular, bold *face
	// rtl is the set for letters in Arabic, fa for letters in Persian:
	// the same fonts, in whose lines Arabic runs right to left, shaped in
	// the letter's language.
	rtl, fa *fontSet
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
)

// fonts returns the process-wide font set, parsed once.
func fonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fontsVal, fontsErr = loadFontSet(liberationserifregular.TTF, liberationserifbold.TTF)
	})
	return fontsVal, fontsErr
}

// loadFontSet has fpdf parse both fonts. They are fixed and embedded in
// the program: that they have a glyph for every rune of subset, and that
// fpdf embeds them as it should, are for the tests to check.
// The two are parsed at once, which takes a few milliseconds off a
// program that writes one letter.
func loadFontSet(regular, bold []byte) (*fontSet, error) {
	var b *face
	var errB error
	done := make(chan struct{})
	go func() {
		defer close(done)
		b, errB = loadFace("Liberation Serif Bold", bold)
	}()
	r, err := loadFace("Liberation Serif Regular", regular)
	<-done
	if err = cmp.Or(err, errB); err != nil {
		return nil, err
	}
	b.bold = true
	r.lang, b.lang = "und", "und"
	rr, rb := *r, *b
	rr.rtl, rb.rtl = true, true
	rr.lang, rb.lang = "ar", "ar"
	fr, fb := rr, rb
	fr.lang, fb.lang = "fa", "fa"
	return &fontSet{regular: r, bold: b, rtl: &fontSet{regular: &rr, bold: &rb}, fa: &fontSet{regular: &fr, bold: &fb}}, nil
}

func loadFace(name string, ttf []byte) (*face, error) {
	sh, err := fpdf.NewSharedUTF8Font(ttf)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	d := sh.Desc()
	return &face{shared: sh, ascent: float64(d.Ascent) / 1000, descent: -float64(d.Descent) / 1000}, nil
}

// subsetRanges are the only runes the layout lets through (clean replaces
// the others): Latin (Basic, Latin-1, Extended-A, and from Extended-B the
// letters of Romanian and Azerbaijani), modern Greek, Cyrillic (Russian,
// Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian, and the Kazakh,
// Kyrgyz, Tajik, Uzbek, Tatar, Bashkir, Azerbaijani and other letters of
// Cyrillic's second half), general punctuation with the no-break spaces
// U+00A0 and U+202F, € and ₴, №, ™ and the minus sign. Both fonts have
// every one of them (a test checks). Each document embeds the glyphs of
// only the runes it draws.
var subsetRanges = [...][2]rune{
	{0x0020, 0x007E}, // Basic Latin
	{0x00A0, 0x017F}, // Latin-1 Supplement, Latin Extended-A
	{0x018F, 0x018F}, // Ə
	{0x0218, 0x021B}, // Ș ș Ț ț
	{0x0259, 0x0259}, // ə
	{0x02BB, 0x02BC}, // ʻ ʼ
	{0x0384, 0x038A}, // Greek: tonos, accented capitals
	{0x038C, 0x038C},
	{0x038E, 0x03A1},
	{0x03A3, 0x03CE},
	{0x0400, 0x045F}, // Cyrillic
	{0x0490, 0x04FF},
	{0x2010, 0x2010}, // hyphen
	{0x2012, 0x2022}, // dashes, quotation marks, daggers, bullet
	{0x2026, 0x2026}, // …
	{0x202F, 0x202F}, // narrow no-break space
	{0x2030, 0x2030}, // ‰
	{0x2032, 0x2033}, // ′ ″
	{0x2039, 0x203A}, // ‹ ›
	{0x2044, 0x2044}, // ⁄
	{0x20AC, 0x20AC}, // €
	{0x20B4, 0x20B4}, // ₴
	{0x2116, 0x2116}, // №
	{0x2122, 0x2122}, // ™
	{0x2212, 0x2212}, // −
}

// charset is a set of runes of the Basic Multilingual Plane.
type charset [0x10000 / 64]uint64

func (c *charset) has(r rune) bool { return r >= 0 && r < 0x10000 && c[r/64]&(1<<(r%64)) != 0 }

// subset is subsetRanges as a set.
var subset = func() *charset {
	var c charset
	for _, rg := range subsetRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			c[r/64] |= 1 << (r % 64)
		}
	}
	return &c
}()
