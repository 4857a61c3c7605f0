package pdf_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"appeal/internal/doc"
	"appeal/internal/pdf"
	"appeal/internal/pdftest"
)

// The tests read the PDFs with independent tools: pdftotext and pdffonts
// (poppler-utils) and qpdf. Without them the tests skip, unless CI is set.

// write lays out the letters into a file and returns its path and the page counts.
func write(t *testing.T, opts pdf.Options, letters ...doc.Letter) (string, []int) {
	t.Helper()
	var buf bytes.Buffer
	counts, err := pdf.Write(&buf, opts, letters...)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, counts
}

// crop returns the text of the area x, y, w, h (mm) of page 1 per pdftotext -layout.
func crop(t *testing.T, path string, x, y, w, h float64) string {
	t.Helper()
	pt := func(mm float64) string { return strconv.Itoa(int(mm * 72 / 25.4)) }
	return pdftest.Run(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", "1",
		"-x", pt(x), "-y", pt(y), "-W", pt(w), "-H", pt(h), path, "-")
}

// index returns where the words of want start in got at or after from, or -1.
func index(got, want []string, from int) int {
	if len(want) == 0 {
		return from
	}
	for i := from; i+len(want) <= len(got); i++ {
		if slices.Equal(got[i:i+len(want)], want) {
			return i
		}
	}
	return -1
}

var papers = []pdf.Paper{pdf.A4, pdf.Letter}

var letters = []struct {
	name   string
	letter doc.Letter
	pages  int
}{
	{"english", english(), 1},
	{"russian", russian(), 1},
	{"kazakh", kazakh(), 1},
	{"nine address lines", nineLines(), 1},
	{"wide address", wideAddress(), 1},
	{"three pages", long(), 3},
	{"many lines", manyLines(), 1},
	{"minimal", minimal(), 1},
}

// TestText checks that pdftotext gives back every line of the letter, and
// the body in order.
func TestText(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	for _, p := range papers {
		for _, tc := range letters {
			if refused(p, tc.name) {
				continue
			}
			t.Run(p.String()+"/"+tc.name, func(t *testing.T) {
				l := tc.letter
				path, counts := write(t, pdf.Options{Paper: p}, l)
				if want := []int{tc.pages}; !slices.Equal(counts, want) {
					t.Errorf("pages = %v, want %v", counts, want)
				}
				got := pdftest.Text(t, path, 0, 0)
				// Drop the page labels, which sit between the lines of a
				// paragraph running over a page break.
				for n := 1; n <= counts[0] && counts[0] > 1; n++ {
					got = strings.Replace(got, labelOf(l, n, counts[0]), " ", 1)
				}
				words := strings.Fields(got)

				// The letterhead has two columns; read each on its own, so
				// that the lines of one do not break up those of the other.
				var header []string
				header = append(header, l.Sender...)
				header = append(header, l.Date)
				header = append(header, l.Recipient...)
				if p == pdf.A4 { // on Letter the sender block is the return address
					header = append(header, l.ReturnLine)
				}
				split, bottom := 115.0, 95.0
				if p == pdf.Letter {
					split, bottom = 130.3, 90.0
				}
				cols := crop(t, path, 0, 0, split, bottom) + crop(t, path, split, 0, 300, bottom)
				for _, line := range header {
					if index(strings.Fields(cols), strings.Fields(line), 0) < 0 {
						t.Errorf("line %q missing from\n%s", line, cols)
					}
				}
				// The flow from the subject on: every line, in order.
				flow := []string{l.Subject, l.Salutation}
				for _, b := range l.Body {
					flow = append(flow, b.Marker+" "+b.Text)
				}
				flow = append(flow, l.Closing)
				flow = append(flow, l.Signature...)
				flow = append(flow, l.CopyTo)
				at := 0
				for _, line := range flow {
					i := index(words, strings.Fields(line), at)
					if i < 0 {
						t.Errorf("line %q missing or out of order in\n%s", line, got)
						continue
					}
					at = i + len(strings.Fields(line))
				}
			})
		}
	}
}

func labelOf(l doc.Letter, n, total int) string {
	return strings.Replace(strings.Replace(l.PageOf, "%d", strconv.Itoa(n), 1), "%d", strconv.Itoa(total), 1)
}

// TestFonts checks with pdffonts that every font is an embedded subset of
// a TrueType (CID) font, with qpdf that the file is sound, and that it is
// small.
func TestFonts(t *testing.T) {
	pdftest.Need(t, "pdffonts", "qpdf")
	for _, p := range papers {
		for _, tc := range letters {
			if refused(p, tc.name) {
				continue
			}
			t.Run(p.String()+"/"+tc.name, func(t *testing.T) {
				path, _ := write(t, pdf.Options{Paper: p}, tc.letter)
				out := pdftest.Run(t, "pdffonts", path)
				lines := strings.Split(strings.TrimSpace(out), "\n")
				if len(lines) < 3 {
					t.Fatalf("pdffonts lists no fonts:\n%s", out)
				}
				for _, line := range lines[2:] {
					// name type... encoding emb sub uni object ID
					f := strings.Fields(line)
					if len(f) < 7 {
						t.Fatalf("pdffonts line %q", line)
					}
					emb, sub, typ := f[len(f)-5], f[len(f)-4], strings.Join(f[1:len(f)-6], " ")
					if emb != "yes" || sub != "yes" {
						t.Errorf("font %s: emb = %s, sub = %s, want a subset embedded", f[0], emb, sub)
					}
					if !strings.Contains(typ, "TrueType") {
						t.Errorf("font %s: type %q, want TrueType", f[0], typ)
					}
				}
				if out := pdftest.Run(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors") {
					t.Errorf("qpdf --check:\n%s", out)
				}
				// Subset fonts keep a letter small.
				if fi, err := os.Stat(path); err != nil || fi.Size() > 25_000*int64(tc.pages) {
					t.Errorf("file size %d, want at most 25 kB a page", fi.Size())
				}
			})
		}
	}
}

// TestWindow checks that the recipient's address, and on A4 the return
// line, lie inside the envelope window: the words pdftotext finds in the
// window are exactly theirs, each wholly inside.
func TestWindow(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	const eps = 0.05 // mm; pdftotext rounds
	for _, p := range papers {
		x, y, w, h := pdf.Window(p)
		for _, tc := range letters {
			if refused(p, tc.name) {
				continue
			}
			t.Run(p.String()+"/"+tc.name, func(t *testing.T) {
				l := tc.letter
				path, _ := write(t, pdf.Options{Paper: p}, l)
				var want []string
				for _, line := range l.Recipient {
					want = append(want, strings.Fields(line)...)
				}
				if p == pdf.A4 {
					want = append(want, strings.Fields(l.ReturnLine)...)
				}
				var got []string
				for _, wd := range pdftest.Words(t, path, 1) {
					if wd.XMax < x || wd.XMin > x+w || wd.YMax < y || wd.YMin > y+h {
						continue // wholly outside
					}
					got = append(got, wd.Text)
					if wd.XMin < x-eps || wd.XMax > x+w+eps || wd.YMin < y-eps || wd.YMax > y+h+eps {
						t.Errorf("%q at x %.1f–%.1f, y %.1f–%.1f mm crosses the window %.1f–%.1f, %.1f–%.1f",
							wd.Text, wd.XMin, wd.XMax, wd.YMin, wd.YMax, x, x+w, y, y+h)
					}
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("words in the window:\n got %q\nwant %q", got, want)
				}
			})
		}
	}
}

// TestNoOverlap checks on every page that no two words overlap and that
// every word keeps at least 10 mm from the edges of the paper.
func TestNoOverlap(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	sizes := map[pdf.Paper][2]float64{pdf.A4: {210, 297}, pdf.Letter: {215.9, 279.4}}
	for _, p := range papers {
		for _, tc := range letters {
			if refused(p, tc.name) {
				continue
			}
			t.Run(p.String()+"/"+tc.name, func(t *testing.T) {
				path, counts := write(t, pdf.Options{Paper: p}, tc.letter)
				for n := 1; n <= counts[0]; n++ {
					words := pdftest.Words(t, path, n)
					for i, a := range words {
						if a.XMin < 10 || a.YMin < 10 || a.XMax > sizes[p][0]-10 || a.YMax > sizes[p][1]-10 {
							t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f mm is too close to the edge", n, a.Text, a.XMin, a.XMax, a.YMin, a.YMax)
						}
						for _, b := range words[i+1:] {
							const eps = 0.05
							if a.XMin < b.XMax-eps && b.XMin < a.XMax-eps && a.YMin < b.YMax-eps && b.YMin < a.YMax-eps {
								t.Errorf("page %d: %q and %q overlap", n, a.Text, b.Text)
							}
						}
					}
				}
			})
		}
	}
}

// TestAddressZones checks the DIN 5008 placement on A4: the return line in
// the Zusatz- und Vermerkzone, a short address in the Anschriftzone at
// 10 pt, 5 mm in from the field's edge.
func TestAddressZones(t *testing.T) {
	pdftest.Need(t, "pdftotext")
	path, _ := write(t, pdf.Options{Paper: pdf.A4}, english())
	l := english()
	var ret, addr []string
	for _, wd := range pdftest.Words(t, path, 1) {
		if wd.XMax > 105 || wd.YMin < 45 || wd.YMax > 90 {
			continue
		}
		if wd.XMin < 25-0.05 {
			t.Errorf("%q starts at x = %.2f mm, want ≥ 25", wd.Text, wd.XMin)
		}
		// pdftotext's box is the font's ascent plus descent: 1.107 em.
		size := (wd.YMax - wd.YMin) / 1.107 / (25.4 / 72)
		switch {
		case size > 6.9 && size < 8.1:
			ret = append(ret, wd.Text)
			if wd.YMax > 45+17.7 {
				t.Errorf("return line word %q ends at y = %.2f mm, below the Vermerkzone", wd.Text, wd.YMax)
			}
		case size > 9.9 && size < 10.1:
			addr = append(addr, wd.Text)
			if wd.YMin < 45+17.7-0.05 {
				t.Errorf("address word %q starts at y = %.2f mm, above the Anschriftzone", wd.Text, wd.YMin)
			}
		default:
			t.Errorf("word %q in the address field is %.1f pt, want 10 (address) or 7–8 (return line)", wd.Text, size)
		}
	}
	if want := strings.Fields(l.ReturnLine); !slices.Equal(ret, want) {
		t.Errorf("return line = %q, want %q", ret, want)
	}
	if want := strings.Fields(strings.Join(l.Recipient, " ")); !slices.Equal(addr, want) {
		t.Errorf("address = %q, want %q", addr, want)
	}
}

// TestPages checks page labels and page breaks, also across letters
// combined in one file, with and without duplex.
func TestPages(t *testing.T) {
	pdftest.Need(t, "pdftotext", "qpdf")
	en, lg, ru := english(), long(), russian()
	tests := []struct {
		name    string
		duplex  bool
		letters []doc.Letter
		counts  []int
		// per page of the file: a line it must show, "" for a blank page
		pages []string
	}{
		{"one page", false, []doc.Letter{en}, []int{1}, []string{en.Subject}},
		{"three pages", false, []doc.Letter{lg}, []int{3}, []string{"Page 1 of 3", "Page 2 of 3", "Page 3 of 3"}},
		{"combined", false, []doc.Letter{en, lg, ru}, []int{1, 3, 1},
			[]string{en.Subject, "Page 1 of 3", "Page 2 of 3", "Page 3 of 3", ru.Subject}},
		{"combined duplex", true, []doc.Letter{en, lg, ru}, []int{1, 3, 1},
			[]string{en.Subject, "", "Page 1 of 3", "Page 2 of 3", "Page 3 of 3", "", ru.Subject}},
		{"duplex, no blank needed", true, []doc.Letter{lg, en}, []int{3, 1},
			[]string{lg.Subject, "Page 2 of 3", "Page 3 of 3", "", en.Subject}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, counts := write(t, pdf.Options{Paper: pdf.A4, Duplex: tc.duplex}, tc.letters...)
			if !slices.Equal(counts, tc.counts) {
				t.Errorf("counts = %v, want %v", counts, tc.counts)
			}
			if got := pdftest.Pages(t, path); got != len(tc.pages) {
				t.Fatalf("qpdf --show-npages = %d, want %d", got, len(tc.pages))
			}
			for n, want := range tc.pages {
				got := strings.Join(strings.Fields(pdftest.Text(t, path, n+1, n+1)), " ")
				switch {
				case want == "" && got != "":
					t.Errorf("page %d: want blank, got %q", n+1, got)
				case !strings.Contains(got, want):
					t.Errorf("page %d: %q missing from %q", n+1, want, got)
				}
				// Letters start on a new page: each subject opens a page.
				for _, l := range tc.letters {
					if strings.Contains(got, l.Subject) && !strings.Contains(got, l.Sender[0]) {
						t.Errorf("page %d: subject %q without the letterhead", n+1, l.Subject)
					}
				}
			}
			// One-page letters carry no label; the three-page one exactly its own.
			all := pdftest.Text(t, path, 0, 0)
			for _, bad := range []string{"Page 1 of 1", "of 5", "of 7", "Page 4"} {
				if strings.Contains(all, bad) {
					t.Errorf("file shows %q", bad)
				}
			}
		})
	}
}

// TestDeterministic checks that the same input gives the same bytes, and
// that Created is the date the file carries.
func TestDeterministic(t *testing.T) {
	pdftest.Need(t, "pdfinfo")
	letters := []doc.Letter{english(), russian(), kazakh(), long()}
	created := time.Date(2017, 3, 14, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name     string
		created  time.Time
		wantDate string // pdfinfo -isodates
	}{
		{"zero date", time.Time{}, "1970-01-01T00:00:00"},
		{"given date", created, "2017-03-14T09:30:00"},
		{"given date, other zone", created.In(time.FixedZone("ALMT", 6*3600)), "2017-03-14T09:30:00"},
	}
	var first []byte
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			opts := pdf.Options{Paper: pdf.A4, Created: tc.created, Duplex: true}
			if _, err := pdf.Write(&a, opts, letters...); err != nil {
				t.Fatal(err)
			}
			if _, err := pdf.Write(&b, opts, letters...); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatal("two writes of the same letters differ")
			}
			if tc.created.Equal(created) {
				if first == nil {
					first = a.Bytes()
				} else if !bytes.Equal(first, a.Bytes()) {
					t.Error("the same instant in another time zone gives other bytes")
				}
			}
			path := filepath.Join(t.TempDir(), "a.pdf")
			if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			info := pdftest.Run(t, "pdfinfo", "-isodates", path)
			for _, key := range []string{"CreationDate:", "ModDate:"} {
				re := regexp.MustCompile(key + `\s+(\S+)`)
				m := re.FindStringSubmatch(info)
				if m == nil || !strings.HasPrefix(m[1], tc.wantDate) {
					t.Errorf("%s %v, want %s\n%s", key, m, tc.wantDate, info)
				}
			}
		})
	}
}

// TestConcurrent checks that Write may run in several goroutines at once
// (run with -race) and still gives the same bytes.
func TestConcurrent(t *testing.T) {
	var want bytes.Buffer
	if _, err := pdf.Write(&want, pdf.Options{}, kazakh(), long()); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			var got bytes.Buffer
			_, err := pdf.Write(&got, pdf.Options{}, kazakh(), long())
			if err == nil && !bytes.Equal(got.Bytes(), want.Bytes()) {
				err = errors.New("output differs")
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestOddText checks text fpdf cannot take as is: runes above U+FFFF,
// control characters, invalid UTF-8, over-long words.
func TestOddText(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts")
	l := english()
	l.Subject = "Emoji 😀 and\ttabs"
	l.Body = []doc.Block{
		{Text: "Line\nbreak, soft\u00adhyphen, invalid \xff byte, zero\u200bwidth."},
		{Text: "https://example.org/" + strings.Repeat("very-long-path-segment/", 12)},
	}
	path, _ := write(t, pdf.Options{}, l)
	got := strings.Join(strings.Fields(pdftest.Text(t, path, 0, 0)), " ")
	for _, want := range []string{"Emoji \uFFFD and tabs", "Line break, softhyphen, invalid \uFFFD byte, zerowidth.", "https://example.org/very-long"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing from %q", want, got)
		}
	}
	// The long URL is broken within the text width: no word past x = 190 mm.
	for _, wd := range pdftest.Words(t, path, 1) {
		if wd.XMax > 190+0.05 {
			t.Errorf("%q ends at x = %.1f mm, beyond the right margin", wd.Text, wd.XMax)
		}
	}
	// A subject of spaces only, no-break ones too, is none.
	l.Subject = " \u00a0\u202f "
	path, _ = write(t, pdf.Options{}, l)
	if fonts := pdftest.Fonts(t, path); len(fonts) != 1 {
		t.Errorf("pdffonts: %v, want the regular font only", fonts)
	}
}

// TestAlphabets checks that every letter of the alphabets the fonts are
// cut to comes back from pdftotext, and what becomes of runes outside them.
func TestAlphabets(t *testing.T) {
	pdftest.Need(t, "pdftotext", "pdffonts")
	kazakh := "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"
	kazakhLatin := "A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z"
	lines := []struct{ in, want string }{
		{kazakh, kazakh},
		{strings.ToLower(kazakh), strings.ToLower(kazakh)},
		{kazakhLatin, kazakhLatin},
		{"a ä b d e f g ğ h ı i j k l m n ñ o ö p q r s ş t u ū ü v y z", "a ä b d e f g ğ h ı i j k l m n ñ o ö p q r s ş t u ū ü v y z"},
		{"Қазақстан Республикасының Бас прокуроры, Өскемен, Үкімет, Ұлттық, Һ, Ғалым.", "Қазақстан Республикасының Бас прокуроры, Өскемен, Үкімет, Ұлттық, Һ, Ғалым."},
		{"Ґанок, Ўзбекистон, Ҷумҳурии Тоҷикистон, Кыргыз Республикасы", "Ґанок, Ўзбекистон, Ҷумҳурии Тоҷикистон, Кыргыз Республикасы"},
		{"Αξιότιμε κύριε Εισαγγελέα, Əliyev, Ștefan, Łódź, Ørsted, Œuvre", "Αξιότιμε κύριε Εισαγγελέα, Əliyev, Ștefan, Łódź, Ørsted, Œuvre"},
		{"«№ 7» — “quoted” … € 5 ‰ • ™", "«№ 7» — “quoted” … € 5 ‰ • ™"},
		{"Nguyễn Văn Ơn, уда\u0301рение, ﬁnal ①, 中文 ₸ 500", "Nguyen Văn On, ударение, final 1, \uFFFD\uFFFD \uFFFD 500"},
	}
	l := minimal()
	l.Lang = "kk"
	l.Subject = kazakh
	l.Body = nil
	for _, line := range lines {
		l.Body = append(l.Body, doc.Block{Text: line.in})
	}
	path, _ := write(t, pdf.Options{}, l)
	// pdftotext runs letters set one space apart into one word: compare
	// without spaces.
	got := strings.Join(strings.Fields(pdftest.Text(t, path, 0, 0)), "")
	for _, line := range lines {
		if want := strings.Join(strings.Fields(line.want), ""); !strings.Contains(got, want) {
			t.Errorf("%q missing from\n%s", want, got)
		}
	}
	if out := pdftest.Run(t, "pdffonts", path); strings.Count(out, "CID TrueType") != 2 {
		t.Errorf("pdffonts:\n%s", out)
	}
}

func TestParsePaper(t *testing.T) {
	tests := []struct {
		in      string
		want    pdf.Paper
		wantErr bool
	}{
		{"a4", pdf.A4, false},
		{"A4", pdf.A4, false},
		{"letter", pdf.Letter, false},
		{"Letter", pdf.Letter, false},
		{" LETTER ", pdf.Letter, false},
		{"legal", 0, true},
		{"", 0, true},
	}
	for _, tc := range tests {
		got, err := pdf.ParsePaper(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParsePaper(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
		if err != nil && !(strings.Contains(err.Error(), "a4") && strings.Contains(err.Error(), "letter")) {
			t.Errorf("ParsePaper(%q) error %q does not list the valid names", tc.in, err)
		}
	}
}

func TestWindowFunc(t *testing.T) {
	tests := []struct {
		p          pdf.Paper
		x, y, w, h float64
	}{
		{pdf.A4, 20, 45, 85, 45},
		{pdf.Letter, 17.4625, 55.5625, 114.3, 28.575},
	}
	for _, tc := range tests {
		x, y, w, h := pdf.Window(tc.p)
		if d := max(abs(x-tc.x), abs(y-tc.y), abs(w-tc.w), abs(h-tc.h)); d > 1e-9 {
			t.Errorf("Window(%v) = %v, %v, %v, %v; want %v, %v, %v, %v", tc.p, x, y, w, h, tc.x, tc.y, tc.w, tc.h)
		}
	}
}

func abs(f float64) float64 { return max(f, -f) }

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name    string
		opts    pdf.Options
		letters []doc.Letter
	}{
		{"no letters", pdf.Options{}, nil},
		{"bad paper", pdf.Options{Paper: 7}, []doc.Letter{english()}},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		if _, err := pdf.Write(&buf, tc.opts, tc.letters...); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
		if buf.Len() > 0 {
			t.Errorf("%s: wrote %d bytes despite the error", tc.name, buf.Len())
		}
	}
}

// refused reports whether the test letter name has an address too long
// for the window of paper p at 8 pt: Write refuses it (TestAddressRefused).
func refused(p pdf.Paper, name string) bool {
	return name == "many lines" || name == "nine address lines" && p == pdf.Letter
}

// TestAddressRefused checks that an address that does not fit the window
// at 8 pt is refused, not set smaller, and that the letters that fit are
// not.
func TestAddressRefused(t *testing.T) {
	for _, p := range papers {
		for _, tc := range letters {
			_, err := pdf.Write(io.Discard, pdf.Options{Paper: p}, tc.letter)
			if got := errors.Is(err, pdf.ErrAddressTooLong); got != refused(p, tc.name) {
				t.Errorf("%s/%s: refused %v (%v), want %v", p, tc.name, got, err, refused(p, tc.name))
			}
		}
	}
}
