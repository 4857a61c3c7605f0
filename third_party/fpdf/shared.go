// PATCH(appeal): this file is not part of upstream fpdf v0.12.0; see PATCHES.md.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"sync"
)

// SharedUTF8Font is a UTF-8 (TrueType) font made ready once for any number
// of documents, which may be made concurrently: AddSharedUTF8Font then costs
// next to nothing, where AddUTF8FontFromBytes parses the font again for
// every document and Output subsets and compresses it again.
//
// A document that uses a SharedUTF8Font embeds the whole font, every rune
// its cmap maps, not only the runes the document uses, so that the font
// program can be made and compressed once. Subset the font first (see
// UTF8CutFont) to the runes the documents may need.
type SharedUTF8Font struct {
	def fontDefType // Name, i and usedRunes are set per document
	emb *utf8Embed
	ids sync.Map // font key -> font id
}

// utf8Embed is what a document embeds of a UTF-8 font, but for the
// objects that depend on its name or object numbers.
type utf8Embed struct {
	widths   string // the /W entry of the CIDFont dictionary
	cidToGID []byte // the CIDToGIDMap stream, compressed
	file     []byte // the FontFile2 stream, compressed
	length1  int    // the length of the font program, uncompressed
}

// NewSharedUTF8Font parses a TrueType font and makes the font program, its
// widths and its CID-to-glyph map, compressed, for documents to share.
func NewSharedUTF8Font(utf8Bytes []byte) (font *SharedUTF8Font, err error) {
	defer func() {
		if p := recover(); p != nil { // the parser indexes out of range on bad fonts
			font, err = nil, fmt.Errorf("fpdf: bad UTF-8 font: %v", p)
		}
	}()
	utf8File := newUTF8Font(&fileReader{readerPosition: 0, array: utf8Bytes})
	if err := utf8File.parseFile(); err != nil {
		return nil, fmt.Errorf("fpdf: bad UTF-8 font: %w", err)
	}
	def := fontDefType{
		Tp: "UTF8",
		Desc: FontDescType{
			Ascent:       int(utf8File.Ascent),
			Descent:      int(utf8File.Descent),
			CapHeight:    utf8File.CapHeight,
			Flags:        utf8File.Flags,
			FontBBox:     utf8File.Bbox,
			ItalicAngle:  utf8File.ItalicAngle,
			StemV:        utf8File.StemV,
			MissingWidth: round(utf8File.DefaultWidth),
		},
		Up:        int(round(utf8File.UnderlinePosition)),
		Ut:        round(utf8File.UnderlineThickness),
		Cw:        utf8File.CharWidths,
		utf8File:  utf8File,
		usedRunes: map[int]int{},
	}
	// Every rune the font maps to a glyph (Cw[0] is the count of them).
	for r := 1; r < len(def.Cw); r++ {
		if def.Cw[r] != 0 {
			def.usedRunes[r] = r
		}
	}
	if len(def.usedRunes) == 0 {
		return nil, errors.New("fpdf: bad UTF-8 font: it maps no runes")
	}
	font = &SharedUTF8Font{emb: newUTF8Embed(&def, compressBest)}
	if font.emb.file == nil {
		return nil, errors.New("fpdf: bad UTF-8 font: no Unicode cmap")
	}
	def.utf8File, def.usedRunes = nil, nil // not to be used, nor changed, by documents
	font.def = def
	return font, nil
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
	def.usedRunes = map[int]int{} // written by Text and the like, read by no one
	def.shared = font.emb
	if id, ok := font.ids.Load(fontkey); ok {
		def.i = id.(string)
	} else {
		def.i, _ = generateFontID(def) // as AddUTF8FontFromBytes would, once per key
		font.ids.Store(fontkey, def.i)
	}
	f.fonts[fontkey] = def
}

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

// compressBest compresses what is compressed once for many documents.
func compressBest(data []byte) []byte {
	var buf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	if err != nil {
		panic(fmt.Errorf("could not create zlib writer: %w", err))
	}
	if _, err := zw.Write(data); err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}
	if err := zw.Close(); err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return buf.Bytes()
}
