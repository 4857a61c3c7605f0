// PATCH(appeal): this file is not part of upstream fpdf v0.12.0; see PATCHES.md.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// SharedUTF8Font is a UTF-8 (TrueType) font parsed once for any number of
// documents, which may be made concurrently. AddSharedUTF8Font costs next
// to nothing, where AddUTF8FontFromBytes parses the font again for every
// document; and Output embeds a subset of the font with the glyphs of only
// the runes the document drew, cut from the font as parsed, without
// parsing it again.
//
// The subsets are embedded without TrueType hints: the glyphs' instructions
// and the fpgm, prep and cvt tables are left out. Hints fit outlines to the
// pixel grid of screens at small sizes; printers and PDF viewers at today's
// resolutions do without them, and they are half of the glyph data of many
// fonts.
type SharedUTF8Font struct {
	def    fontDefType // Name, i and shared are set per document
	sfnt   *sfnt
	psName string   // the font's PostScript name, for the subsets' BaseFont
	sum    [20]byte // the SHA-1 of the font file, for the font ids
}

// NewSharedUTF8Font parses a TrueType font for documents to share. The
// font descriptor and the widths are those AddUTF8FontFromBytes reads.
func NewSharedUTF8Font(utf8Bytes []byte) (font *SharedUTF8Font, err error) {
	defer func() {
		if p := recover(); p != nil { // a bound parseSfnt does not check
			font, err = nil, fmt.Errorf("fpdf: bad UTF-8 font: %v", p)
		}
	}()
	s, err := parseSfnt(utf8Bytes)
	if err != nil {
		return nil, err
	}
	def := s.fontDef()
	name := postScriptName(utf8Bytes)
	if name == "" {
		name = "Font"
	}
	return &SharedUTF8Font{def: def, sfnt: s, psName: name, sum: sha1.Sum(utf8Bytes)}, nil
}

// Desc returns the font descriptor: ascent, descent and the rest in units
// of 1/1000 em, as a document writes them.
func (font *SharedUTF8Font) Desc() FontDescType { return font.def.Desc }

// Width returns the advance of r in 1/1000 em, as GetStringSymbolWidth
// counts it and as the document's /W array gives it, and whether the font
// has a glyph for r. For a rune it lacks, which is drawn with the .notdef
// glyph, the width is the font's MissingWidth.
func (font *SharedUTF8Font) Width(r rune) (w int, ok bool) {
	if r >= 0 && int(r) < len(font.def.Cw) && font.def.Cw[r] > 0 {
		if w = font.def.Cw[r]; w == 65535 {
			w = 0
		}
		return w, true
	}
	if font.def.Desc.MissingWidth != 0 {
		return font.def.Desc.MissingWidth, false
	}
	return 500, false
}

// AddSharedUTF8Font is like AddUTF8FontFromBytes, for a font made by
// NewSharedUTF8Font.
func (f *Fpdf) AddSharedUTF8Font(familyStr, styleStr string, font *SharedUTF8Font) {
	if f.err != nil {
		return
	}
	if font == nil {
		f.err = errors.New("fpdf: nil SharedUTF8Font")
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	def := font.def
	def.Name = fontkey
	def.shared = &sharedUse{font: font, used: make([]uint64, (len(font.sfnt.runes)+63)/64)}
	// A font id like generateFontID's, for the font and the key, without
	// JSON-encoding the 65,536 widths.
	def.i = fmt.Sprintf("%x", sha1Key(font, fontkey))
	f.fonts[fontkey] = def
}

// sharedUse is a document's use of a SharedUTF8Font.
type sharedUse struct {
	font    *SharedUTF8Font
	used    []uint64  // bit i: the rune font.sfnt.runes[i] was drawn
	maxRune rune      // the highest rune drawn, which the font may lack
	glyphs  *glyphUse // for a font added with AddSharedGlyphFont, the glyphs drawn; used is not
}

// add records the runes of s as drawn.
func (u *sharedUse) add(s string) {
	index := u.font.sfnt.index
	for _, r := range s {
		if r > 0xFFFF {
			continue // fpdf draws only the BMP
		}
		u.maxRune = max(u.maxRune, r)
		if i := index[r]; i != 0 {
			u.used[(i-1)/64] |= 1 << ((i - 1) % 64)
		}
	}
}

// addCID records the character c as drawn.
func (u *sharedUse) addCID(c uint16) {
	u.maxRune = max(u.maxRune, rune(c))
	if i := u.font.sfnt.index[c]; i != 0 {
		u.used[(i-1)/64] |= 1 << ((i - 1) % 64)
	}
}

// sizeHint is about the size of the font's objects in the document.
func (u *sharedUse) sizeHint() int {
	n := 0
	if u.glyphs != nil {
		return 4096 + 160*len(u.glyphs.texts)
	}
	for _, w := range u.used {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return 4096 + 128*n
}

// utf8Embed is what a document embeds of a UTF-8 font, but for the
// objects that depend on its name or object numbers.
type utf8Embed struct {
	baseFont string // the BaseFont name, if not fpdf's own
	widths   string // the /W entry of the CIDFont dictionary
	cidToGID []byte // the CIDToGIDMap stream, compressed
	file     []byte // the FontFile2 stream, compressed
	length1  int    // the length of the font program, uncompressed
	// toUnicode is the ToUnicode CMap, compressed, of a font drawn by
	// glyph; nil for the one of every UTF-8 font (toUnicodeFlate).
	toUnicode []byte
}

// subsetWork is the reusable memory of embedding subsets.
type subsetWork struct {
	subsetScratch
	widths []byte
}

var subsetPool = sync.Pool{New: func() any { return new(subsetWork) }}

// embed cuts the subset of the runes the document drew and makes what
// the document embeds of it.
func (u *sharedUse) embed(key string) *utf8Embed {
	font := u.font
	w := subsetPool.Get().(*subsetWork)
	defer subsetPool.Put(w)
	font.sfnt.cut(&w.subsetScratch, u.used)

	// The runes' widths, in runs of consecutive runes: "/W [c [w w w] c [w]]".
	b := append(w.widths[:0], "/W ["...)
	for i, r := range w.runes {
		if i == 0 || r != w.runes[i-1]+1 {
			if i > 0 {
				b = append(b, "] "...)
			}
			b = strconv.AppendInt(b, int64(r), 10)
			b = append(b, " ["...)
		} else {
			b = append(b, ' ')
		}
		width, _ := font.Width(r)
		b = strconv.AppendInt(b, int64(width), 10)
	}
	if len(w.runes) > 0 {
		b = append(b, ']')
	}
	b = append(b, ']')
	w.widths = b

	// CIDs are runes: the map gives the new glyph of each rune drawn, up
	// to the highest, and 0 (.notdef) for a rune the font lacks.
	cid := newCIDMapWriter(make([]byte, 0, 64+3*len(w.runes)))
	for _, r := range w.runes {
		cid.put(2*int(r), w.newID[font.sfnt.gids[font.sfnt.index[r]-1]]-1)
	}

	// The tag of a subset's name is six capital letters that differ
	// between subsets.
	sum := uint64(14695981039346656037) // FNV-1a of the key and the runes
	for i := range len(key) {
		sum = (sum ^ uint64(key[i])) * 1099511628211
	}
	for _, r := range w.runes {
		sum = (sum ^ uint64(r)) * 1099511628211
	}
	tag := make([]byte, 0, 7+len(font.psName))
	for range 6 {
		tag = append(tag, byte('A'+sum%26))
		sum /= 26
	}
	emb := &utf8Embed{
		baseFont: string(append(append(tag, '+'), font.psName...)),
		widths:   string(w.widths),
		cidToGID: cid.close(2 * (int(u.maxRune) + 1)),
		file:     font.sfnt.compress(make([]byte, 0, len(w.font)), &w.subsetScratch),
		length1:  len(w.font),
	}
	for _, g := range w.order {
		w.newID[g] = 0
	}
	return emb
}

// toUnicodeFlate is the ToUnicode CMap of UTF-8 fonts, compressed.
var toUnicodeFlate = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	zw.Write([]byte(toUnicode))
	zw.Close()
	return buf.Bytes()
})

// newUTF8Embed subsets font to its used runes and makes what a document
// embeds of it. This was done inline in putfonts.
func newUTF8Embed(font *fontDefType, compress func([]byte) []byte) *utf8Embed {
	usedRunes := font.usedRunes
	delete(usedRunes, 0)
	utf8FontStream := font.utf8File.GenerateCutFont(usedRunes)
	CodeSignDictionary := font.utf8File.CodeSymbolDictionary
	delete(CodeSignDictionary, 0)

	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range CodeSignDictionary {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	emb := &utf8Embed{
		widths:   generateCIDFontMap(font, font.utf8File.LastRune),
		cidToGID: compress(cidToGidMap),
		length1:  len(utf8FontStream),
	}
	if utf8FontStream != nil {
		emb.file = compress(utf8FontStream)
	}
	return emb
}

// compressPooled compresses as upstream does, with BestSpeed.
func compressPooled(data []byte) []byte {
	mem := xmem.compress(data)
	defer mem.release()
	return mem.copy()
}
