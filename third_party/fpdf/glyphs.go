// PATCH(appeal): this file is not part of upstream fpdf v0.12.0; see PATCHES.md.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
)

// Glyph is one glyph of a shaped run, as a text shaper (HarfBuzz) gives
// it, for GlyphRun. Lengths are in 1/1000 em, y upwards.
type Glyph struct {
	ID               uint16  // the glyph's index in the font
	Advance          float64 // how far the pen moves after the glyph
	XOffset, YOffset float64 // where the glyph is drawn, from the pen
	// Text is what the glyph stands for, in logical order, for text
	// extraction: a letter, both letters of a ligature, or "" for the
	// second and later glyphs of a cluster.
	Text string
}

// UnitsPerEm returns the font's units per em, the unit of its glyph
// metrics.
func (font *SharedUTF8Font) UnitsPerEm() int {
	return int(binary.BigEndian.Uint16(font.sfnt.head[18:]))
}

// GlyphID returns the glyph the font's Unicode cmap maps r to, and
// whether it maps r.
func (font *SharedUTF8Font) GlyphID(r rune) (uint16, bool) {
	s := font.sfnt
	if r < 0 || r > 0xFFFF || s.index[r] == 0 {
		return 0, false
	}
	return s.gids[s.index[r]-1], true
}

// NumGlyphs returns the number of glyphs in the font.
func (font *SharedUTF8Font) NumGlyphs() int { return len(font.sfnt.offsets) - 1 }

// GlyphAdvance returns the advance of glyph id in 1/1000 em, unrounded,
// or 0 for an id the font does not have.
func (font *SharedUTF8Font) GlyphAdvance(id uint16) float64 {
	s := font.sfnt
	if int(id) >= len(s.offsets)-1 {
		return 0
	}
	m := min(int(id), s.nhm-1)
	return float64(binary.BigEndian.Uint16(s.hmtx[4*m:])) * 1000 / float64(font.UnitsPerEm())
}

// AddSharedGlyphFont registers font for drawing shaped glyph runs with
// GlyphRun, not text with Text or Cell: a CID is a glyph, and the
// document's ToUnicode CMap maps each to the text GlyphRun gave it. Output
// embeds a subset of the glyphs drawn. The same SharedUTF8Font may be
// registered in one document both ways, under different names.
func (f *Fpdf) AddSharedGlyphFont(familyStr, styleStr string, font *SharedUTF8Font) {
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
	n := font.NumGlyphs()
	def.shared = &sharedUse{font: font, glyphs: &glyphUse{
		used:  make([]uint64, (n+63)/64),
		first: make([]int32, n),
	}}
	def.i = fmt.Sprintf("%x", sha1Key(font, "glyph:"+fontkey))
	f.fonts[fontkey] = def
}

// glyphUse is a document's use of a font registered by glyph. The CID of
// a glyph is its id, for the text it was first drawn for; drawn for other
// text (two letters that share a glyph), it has CIDs from NumGlyphs on.
type glyphUse struct {
	used  []uint64 // bit g: glyph g was drawn
	first []int32  // 1 + index into texts of glyph g's own CID, or 0
	texts []string
	more  map[glyphText]uint16 // the other CIDs
	moreG []uint16             // the glyph of CID NumGlyphs+i
}

type glyphText struct {
	id   uint16
	text string
}

// cid returns the CID of glyph id drawn for text, recording it.
func (u *glyphUse) cid(numGlyphs int, id uint16, text string) uint16 {
	u.used[id/64] |= 1 << (id % 64)
	if i := u.first[id]; i == 0 {
		u.texts = append(u.texts, text)
		u.first[id] = int32(len(u.texts))
		return id
	} else if u.texts[i-1] == text {
		return id
	}
	k := glyphText{id, text}
	if c, ok := u.more[k]; ok {
		return c
	}
	if numGlyphs+len(u.moreG) > 0xFFFF {
		return id // no CIDs left: extraction gives the first text
	}
	if u.more == nil {
		u.more = map[glyphText]uint16{}
	}
	c := uint16(numGlyphs + len(u.moreG))
	u.more[k] = c
	u.moreG = append(u.moreG, id)
	return c
}

// GlyphRun draws a run of shaped glyphs in the current font, which must
// have been registered with AddSharedGlyphFont, at the current size. The
// pen starts at (x, y) on the baseline and the glyphs are drawn from left
// to right (a right-to-left run as the shaper gives it, in visual order).
func (f *Fpdf) GlyphRun(x, y float64, glyphs []Glyph) {
	if f.err != nil {
		return
	}
	if f.state != 2 || f.currentFont.shared == nil || f.currentFont.shared.glyphs == nil {
		f.err = errors.New("fpdf: GlyphRun needs a page and a font added with AddSharedGlyphFont")
		return
	}
	u := f.currentFont.shared
	font, g := u.font, u.glyphs
	n := font.NumGlyphs()
	page := f.pages[f.page]
	b := page.AvailableBuffer()
	b = append(b, "BT "...)
	b = appendFixed2(b, x*f.k)
	b = append(b, ' ')
	b = appendFixed2(b, (f.h-y)*f.k)
	b = append(b, " Td ["...)
	adj := 0.0  // TJ adjustment owed, in 1/1000 em (positive moves left)
	rise := 0.0 // the current text rise, in 1/1000 em
	open := false
	for _, gl := range glyphs {
		if int(gl.ID) >= n {
			gl.ID = 0
		}
		if gl.YOffset != rise {
			if open {
				b = append(b, '>')
				open = false
			}
			b = appendAdj(b, adj)
			adj = 0
			b = append(b, "] TJ "...)
			b = strconv.AppendFloat(b, math.Round(gl.YOffset*f.fontSizePt)/1000, 'f', -1, 64)
			b = append(b, " Ts ["...)
			rise = gl.YOffset
		}
		adj -= gl.XOffset
		if math.Abs(adj) >= 0.005 {
			if open {
				b = append(b, '>')
				open = false
			}
			b = appendAdj(b, adj)
			adj = 0
		}
		if !open {
			b = append(b, '<')
			open = true
		}
		c := g.cid(n, gl.ID, gl.Text)
		b = appendHex16(b, c)
		adj += math.Round(font.GlyphAdvance(gl.ID)) + gl.XOffset - gl.Advance
	}
	if open {
		b = append(b, '>')
	}
	b = append(b, "] TJ"...)
	if rise != 0 {
		b = append(b, " 0 Ts"...)
	}
	b = append(b, " ET\n"...)
	page.Write(b)
}

const hexDigits = "0123456789ABCDEF"

// appendAdj appends a TJ adjustment, if it is not nil.
func appendAdj(b []byte, adj float64) []byte {
	if math.Abs(adj) < 0.005 {
		return b
	}
	return strconv.AppendFloat(b, math.Round(adj*100)/100, 'f', -1, 64)
}

// sha1Key is the font id of font under key, as AddSharedUTF8Font makes it.
func sha1Key(font *SharedUTF8Font, key string) [20]byte {
	return sha1.Sum(append(font.sum[:], key...))
}

// embedGlyphs cuts the subset of the glyphs the document drew and makes
// what the document embeds of it: CIDs are glyphs, as glyphUse numbers
// them, and the ToUnicode CMap gives each its text.
func (u *sharedUse) embedGlyphs(key string) *utf8Embed {
	font, g := u.font, u.glyphs
	n := font.NumGlyphs()
	w := subsetPool.Get().(*subsetWork)
	defer subsetPool.Put(w)
	font.sfnt.cutGlyphs(&w.subsetScratch, g.used)

	// Every CID drawn, ascending, with its glyph.
	type cidGlyph struct{ cid, gid uint16 }
	var cids []cidGlyph
	for _, old := range w.order[1:] {
		if g.first[old] != 0 {
			cids = append(cids, cidGlyph{old, old})
		}
	}
	slices.SortFunc(cids, func(a, b cidGlyph) int { return int(a.cid) - int(b.cid) })
	for i, old := range g.moreG {
		cids = append(cids, cidGlyph{uint16(n + i), old})
	}
	texts := make(map[uint16]string, len(g.more))
	for k, c := range g.more {
		texts[c] = k.text
	}

	b := append(w.widths[:0], "/W ["...)
	for i, c := range cids {
		if i == 0 || c.cid != cids[i-1].cid+1 {
			if i > 0 {
				b = append(b, "] "...)
			}
			b = strconv.AppendInt(b, int64(c.cid), 10)
			b = append(b, " ["...)
		} else {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(math.Round(font.GlyphAdvance(c.gid))), 10)
	}
	if len(cids) > 0 {
		b = append(b, ']')
	}
	b = append(b, ']')
	w.widths = b

	cmap := newCIDMapWriter(make([]byte, 0, 64+3*len(cids)))
	maxCID := 0
	for _, c := range cids {
		cmap.put(2*int(c.cid), w.newID[c.gid]-1)
		maxCID = int(c.cid)
	}

	// The ToUnicode CMap: bfchar entries, at most 100 a block.
	tu := []byte(toUnicodeHead)
	var entries []byte
	count := 0
	flush := func() {
		if count > 0 {
			tu = strconv.AppendInt(tu, int64(count), 10)
			tu = append(tu, " beginbfchar\n"...)
			tu = append(tu, entries...)
			tu = append(tu, "endbfchar\n"...)
		}
		entries, count = entries[:0], 0
	}
	for _, c := range cids {
		text := ""
		if int(c.cid) < n {
			text = g.texts[g.first[c.cid]-1]
		} else {
			text = texts[c.cid]
		}
		if text == "" {
			continue
		}
		entries = append(entries, '<')
		entries = appendHex16(entries, c.cid)
		entries = append(entries, "> <"...)
		for _, r := range text {
			for _, v := range utf16.AppendRune(nil, r) {
				entries = appendHex16(entries, v)
			}
		}
		entries = append(entries, ">\n"...)
		if count++; count == 100 {
			flush()
		}
	}
	flush()
	tu = append(tu, toUnicodeTail...)

	sum := uint64(14695981039346656037) // FNV-1a of the key and the glyphs
	for i := range len(key) {
		sum = (sum ^ uint64(key[i])) * 1099511628211
	}
	for _, c := range cids {
		sum = (sum ^ uint64(c.gid)) * 1099511628211
	}
	tag := make([]byte, 0, 7+len(font.psName))
	for range 6 {
		tag = append(tag, byte('A'+sum%26))
		sum /= 26
	}
	emb := &utf8Embed{
		baseFont:  string(append(append(tag, '+'), font.psName...)),
		widths:    string(w.widths),
		cidToGID:  cmap.close(2 * (maxCID + 1)),
		file:      font.sfnt.compress(make([]byte, 0, len(w.font)), &w.subsetScratch),
		length1:   len(w.font),
		toUnicode: zlibPooled(tu),
	}
	for _, old := range w.order {
		w.newID[old] = 0
	}
	return emb
}

// zlibWriters are reused: a new compressor allocates about 1 MB.
var zlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return zw
}}

// zlibPooled compresses b with a pooled writer.
func zlibPooled(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	zw := zlibWriters.Get().(*zlib.Writer)
	zw.Reset(&buf)
	zw.Write(b)
	zw.Close()
	zlibWriters.Put(zw)
	return buf.Bytes()
}

func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

const toUnicodeHead = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<</Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
`

const toUnicodeTail = `endcmap
CMapName currentdict /CMap defineresource pop
end
end`
