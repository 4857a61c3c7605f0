// PATCH(appeal): this file is not part of upstream fpdf v0.12.0; see PATCHES.md.

package fpdf

import (
	"encoding/binary"
	"hash/adler32"
	"math/bits"
	"slices"
)

// The zlib streams of font subsets are made without compress/flate, which
// takes some 150 µs for a 10 kB subset: most of it finding matches and
// building Huffman codes for each stream. Instead, a shared font has one
// Huffman code for bytes, made from the byte counts of all its glyphs, and
// each glyph is coded with it once, when the font is parsed; a subset's
// font program is then a single deflate block (RFC 1951) of literals whose
// glyphs are copied bit for bit. Without matches between glyphs this is
// about a tenth larger than flate's best speed, and some ten times faster.

// litCode is a Huffman code for the literal/length alphabet that codes
// only literals and the end of block: the code of each symbol, bit
// reversed (deflate writes codes from their first bit), and its length.
type litCode struct {
	code   [257]uint16
	length [257]uint8
	header bitString // the block header: BFINAL, BTYPE and the code
}

// bitString is a string of bits, first bit in the lowest bit of the first byte.
type bitString struct {
	b []byte
	n int // bits
}

// newLitCode makes a code for the byte counts in freq; every byte and
// the end of block get a code.
func newLitCode(freq *[256]int) *litCode {
	var f [257]int
	for i, n := range freq {
		f[i] = n + 1
	}
	f[256] = 1
	c := &litCode{}
	lengths := huffmanLengths(f[:], 15)
	copy(c.length[:], lengths)
	codes := canonicalCodes(lengths)
	copy(c.code[:], codes)

	// Block header: final, dynamic codes; 257 literal/length codes and two
	// one-bit distance codes, which are never used but keep the code
	// complete for every decoder.
	var w bitWriter
	w.write(1, 1) // BFINAL
	w.write(2, 2) // BTYPE: dynamic Huffman codes
	w.write(0, 5) // HLIT: 257 codes
	w.write(1, 5) // HDIST: 2 codes
	all := append(slices.Clone(lengths), 1, 1)
	// The code length code, over the lengths in use, at most 7 bits long.
	var lf [19]int
	for _, l := range all {
		lf[l]++
	}
	clLengths := huffmanLengths(lf[:], 7)
	clCodes := canonicalCodes(clLengths)
	order := [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	hclen := 19
	for hclen > 4 && clLengths[order[hclen-1]] == 0 {
		hclen--
	}
	w.write(uint64(hclen-4), 4)
	for _, sym := range order[:hclen] {
		w.write(uint64(clLengths[sym]), 3)
	}
	for _, l := range all {
		w.write(uint64(clCodes[l]), uint(clLengths[l]))
	}
	c.header = w.bitString()
	return c
}

// encode returns data coded with c as a string of bits.
func (c *litCode) encode(data []byte) bitString {
	var w bitWriter
	for _, b := range data {
		w.write(uint64(c.code[b]), uint(c.length[b]))
	}
	return w.bitString()
}

// huffmanLengths returns the lengths of a Huffman code for the symbols
// with nonzero counts in freq, no longer than limit: where the code would
// be longer, the counts are halved (rounding up, so that none becomes
// zero) until it is not. For a single symbol the length is 1.
func huffmanLengths(freq []int, limit int) []uint8 {
	f := slices.Clone(freq)
	for {
		lengths, longest := huffman(f)
		if longest <= limit {
			return lengths
		}
		for i := range f {
			if f[i] > 0 {
				f[i] = (f[i] + 1) / 2
			}
		}
	}
}

// huffman returns the code lengths of a Huffman code for freq, and the
// longest of them.
func huffman(freq []int) ([]uint8, int) {
	type node struct{ weight, left, right int } // left < 0: a leaf of symbol -left-1
	var nodes []node
	var queue []int // node indices, kept sorted by weight, then index
	for sym, n := range freq {
		if n > 0 {
			nodes = append(nodes, node{n, -sym - 1, 0})
			queue = append(queue, len(nodes)-1)
		}
	}
	lengths := make([]uint8, len(freq))
	if len(queue) == 1 {
		lengths[-nodes[0].left-1] = 1
		return lengths, 1
	}
	less := func(a, b int) int {
		if nodes[a].weight != nodes[b].weight {
			return nodes[a].weight - nodes[b].weight
		}
		return a - b
	}
	slices.SortFunc(queue, less)
	for len(queue) > 1 {
		a, b := queue[0], queue[1]
		nodes = append(nodes, node{nodes[a].weight + nodes[b].weight, a, b})
		n := len(nodes) - 1
		queue = queue[2:]
		i, _ := slices.BinarySearchFunc(queue, n, less)
		queue = slices.Insert(queue, i, n)
	}
	longest := 0
	var walk func(n, depth int)
	walk = func(n, depth int) {
		if nd := nodes[n]; nd.left < 0 {
			lengths[-nd.left-1] = uint8(depth)
			longest = max(longest, depth)
		} else {
			walk(nd.left, depth+1)
			walk(nd.right, depth+1)
		}
	}
	walk(queue[0], 0)
	return lengths, longest
}

// canonicalCodes returns the canonical Huffman codes (RFC 1951, 3.2.2) for
// the lengths, bit reversed for writing.
func canonicalCodes(lengths []uint8) []uint16 {
	var count [16]int
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]int
	code := 0
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	codes := make([]uint16, len(lengths))
	for sym, l := range lengths {
		if l > 0 {
			codes[sym] = bits.Reverse16(uint16(next[l])) >> (16 - l)
			next[l]++
		}
	}
	return codes
}

// bitWriter writes bits, first bit lowest, as deflate does.
type bitWriter struct {
	out   []byte
	acc   uint64
	nbits uint
	last  byte // for cidMapWriter: the last byte written
}

// write writes the n lowest bits of v, n <= 32.
func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nbits
	w.nbits += n
	if w.nbits >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.nbits -= 32
	}
}

// writeString writes the bits of s.
func (w *bitWriter) writeString(s bitString) { w.writeFrom(s.b, 0, s.n) }

// writeFrom writes n bits of src from bit from on; src has at least 8
// bytes after the last of them.
func (w *bitWriter) writeFrom(src []byte, from, n int) {
	for n > 0 {
		k := min(n, 32)
		v := binary.LittleEndian.Uint64(src[from/8:]) >> (from % 8)
		w.write(v&(1<<k-1), uint(k))
		from, n = from+k, n-k
	}
}

// flush writes out the bits left, padded to a byte.
func (w *bitWriter) flush() {
	for w.nbits > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nbits -= min(w.nbits, 8)
	}
}

// bitString returns the bits written, with 8 zero bytes after them for
// writeFrom.
func (w *bitWriter) bitString() bitString {
	n := len(w.out)*8 + int(w.nbits)
	w.flush()
	return bitString{append(w.out, make([]byte, 8)...), n}
}

// zlibHeader starts a zlib stream: deflate, 32 kB window, no dictionary,
// fastest compression.
var zlibHeader = []byte{0x78, 0x01}

// zlibEnd writes the end of a zlib stream of data to w.
func zlibEnd(w *bitWriter, data []byte) []byte {
	w.flush()
	return binary.BigEndian.AppendUint32(w.out, adler32.Checksum(data))
}

// cidMapWriter writes a zlib stream of a CIDToGIDMap, which is mostly
// zeros, in one deflate block with the fixed code (RFC 1951, 3.2.6): each
// run of zeros a copy of the byte before it, the other bytes literals. It
// is given only the bytes that are not zero, so that its work is in
// proportion to them, not to the map.
type cidMapWriter struct {
	w    bitWriter
	n    int    // bytes written
	a, b uint32 // the Adler-32 sums
}

func newCIDMapWriter(out []byte) *cidMapWriter {
	c := &cidMapWriter{w: bitWriter{out: append(out, zlibHeader...)}, a: 1}
	c.w.write(1, 1) // BFINAL
	c.w.write(1, 2) // BTYPE: fixed Huffman codes
	return c
}

// literal writes the byte v.
func (c *cidMapWriter) literal(v byte) {
	if v < 144 {
		c.w.write(uint64(bits.Reverse8(0x30+v)), 8)
	} else {
		c.w.write(uint64(bits.Reverse16(0x190+uint16(v)-144)>>7), 9)
	}
	c.a = (c.a + uint32(v)) % 65521
	c.b = (c.b + c.a) % 65521
	c.n++
}

// zeros writes k zero bytes.
func (c *cidMapWriter) zeros(k int) {
	if k <= 0 {
		return
	}
	if c.n == 0 || c.w.last != 0 {
		c.literal(0) // a zero to copy
		c.w.last = 0
		k--
	}
	c.b = uint32((uint64(c.b) + uint64(k)*uint64(c.a)) % 65521)
	c.n += k
	for ; k >= 3; k -= min(k, 258) {
		sym, extra, nextra := lengthCode(min(k, 258))
		if sym < 280 {
			c.w.write(uint64(bits.Reverse8(uint8(sym-256))>>1), 7)
		} else {
			c.w.write(uint64(bits.Reverse8(uint8(0xC0+sym-280))), 8)
		}
		c.w.write(uint64(extra), nextra)
		c.w.write(0, 5) // distance 1
	}
	for ; k > 0; k-- {
		c.w.write(uint64(bits.Reverse8(0x30)), 8) // literal 0, summed above
	}
}

// put writes the bytes up to at as zeros, then the two bytes of v there.
func (c *cidMapWriter) put(at int, v uint16) {
	c.zeros(at - c.n)
	c.literal(byte(v >> 8))
	c.literal(byte(v))
	c.w.last = byte(v)
}

// close writes zeros up to size bytes and ends the stream.
func (c *cidMapWriter) close(size int) []byte {
	c.zeros(size - c.n)
	c.w.write(0, 7) // end of block
	c.w.flush()
	return binary.BigEndian.AppendUint32(c.w.out, c.b<<16|c.a)
}

// lengthCode returns the symbol and extra bits of a match length, 3 to 258.
func lengthCode(n int) (sym int, extra uint32, nextra uint) {
	if n == 258 {
		return 285, 0, 0
	}
	n -= 3
	if n < 8 {
		return 257 + n, 0, 0
	}
	// Lengths 11 to 257: four symbols for each number of extra bits.
	nextra = uint(bits.Len(uint(n)) - 3)
	sym = 257 + 4*int(nextra) + 4 + (n>>nextra - 4)
	return sym, uint32(n & (1<<nextra - 1)), nextra
}
