// PATCH(appeal): this file is not part of upstream fpdf v0.12.0; see PATCHES.md.
// appeal's internal/pdf tests the shared fonts with real fonts.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

func inflate(t *testing.T, z []byte) []byte {
	t.Helper()
	zr, err := zlib.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAppendFixed2(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vals := []float64{0, math.Copysign(0, -1), 0.005, 0.015, 1.005, 2.675, -0.001, -1.005, 841.89, 595.28, 1e13, -1e13, 123456.785}
	for range 100000 {
		vals = append(vals, (r.Float64()-0.2)*2000, float64(r.IntN(200000))/200, float64(r.IntN(100000))/1000)
	}
	for _, v := range vals {
		if got, want := string(appendFixed2(nil, v)), strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Errorf("appendFixed2(%v) = %s, want %s", v, got, want)
		}
	}
}

// TestTextUTF8 checks that textUTF8 writes what Text writes for a UTF-8 font.
func TestTextUTF8(t *testing.T) {
	f := New("P", "mm", "A4", "")
	f.AddPage()
	f.isCurrentUTF8 = true
	f.currentFont.usedRunes = map[int]int{}
	for _, s := range []string{"", "plain", `back\slash (paren) cr` + "\r", "Шш(Ш) ш)", "Қазақстан №7 «ё» — “x” …", "\u00a0\u202f\u2028", "x\u0128\u0129\u015c"} {
		for _, xy := range [][2]float64{{0, 0}, {20.5, 297}, {-1.2345, 12.345}} {
			f.pages[f.page].Reset()
			f.textUTF8(xy[0], xy[1], s)
			got := f.pages[f.page].String()
			want := fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET\n", xy[0]*f.k, (f.h-xy[1])*f.k, f.escape(utf8toutf16(s, false)))
			if got != want {
				t.Errorf("textUTF8(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

func TestLitCode(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var freq [256]int
	for i := range freq {
		freq[i] = int(1e6 / float64(i+1) / float64(i+1)) // very skewed: lengths to limit
	}
	c := newLitCode(&freq)
	for _, l := range c.length {
		if l == 0 || l > 15 {
			t.Fatalf("code length %d", l)
		}
	}
	for _, n := range []int{0, 1, 100, 5000} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(r.IntN(256) * r.IntN(2))
		}
		w := bitWriter{out: bytes.Clone(zlibHeader)}
		w.writeString(c.header)
		for _, part := range [][]byte{data[:n/3], data[n/3:]} {
			w.writeString(c.encode(part))
		}
		w.write(uint64(c.code[256]), uint(c.length[256]))
		if got := inflate(t, zlibEnd(&w, data)); !bytes.Equal(got, data) {
			t.Errorf("%d bytes: decoded %d bytes, not the same", n, len(got))
		}
	}
}

func TestCIDMapWriter(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 3, 20, 300, 2000} {
		size := 2 * (r.IntN(0x3000) + 1)
		data := make([]byte, size)
		c := newCIDMapWriter(nil)
		at := 0
		for range n {
			at += 2 * (1 + r.IntN(40))
			if at+2 > size {
				break
			}
			v := uint16(r.IntN(3)) << 8
			if r.IntN(4) > 0 {
				v |= uint16(r.IntN(256))
			}
			data[at], data[at+1] = byte(v>>8), byte(v)
			c.put(at, v)
		}
		if got := inflate(t, c.close(size)); !bytes.Equal(got, data) {
			t.Errorf("%d entries in %d bytes: decoded %d bytes, not the same", n, size, len(got))
		}
	}
}

func TestLengthCode(t *testing.T) {
	base := []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	for n := 3; n <= 258; n++ {
		sym, extra, nextra := lengthCode(n)
		k := sym - 257
		if k < 0 || k >= len(base) || base[k]+int(extra) != n || extra >= 1<<nextra || (k < 28 && base[k]+1<<nextra != base[k+1] && k != 27) {
			t.Errorf("lengthCode(%d) = %d, %d, %d", n, sym, extra, nextra)
		}
	}
}
