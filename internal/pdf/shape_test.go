package pdf

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"appeal/internal/pdftest"
)

// shapeSentences hold what Arabic and Persian shaping must get right:
// contextual forms, lam-alef, the Persian letters پ چ ژ گ ک ی, ZWNJ,
// diacritics, and Latin names, case references and digits inside.
var shapeSentences = []struct {
	lang, text string
}{
	{"ar", "لا إله إلا الله، والسلام عليكم ورحمة الله"},
	{"ar", "أكتب إليكم للإعراب عن قلقي البالغ إزاء احتجاز إبراهيم عز الدين (Ibrahim Ezz El-Din) منذ 11 يونيو/حزيران 2019."},
	{"ar", "الإجراء العاجل رقم UA 115/16، الصفحة ١ من ٢"},
	{"ar", "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ، مُعْتَقَلٌ تَعَسُّفِيًّا"},
	{"ar", "الإفراج عنه فورًا ودون قيد أو شرط؛ شكرًا لاهتمامكم."},
	{"fa", "پژوهشگر چگونه گفت‌وگو می‌کند؟ یک کتاب کوچک"},
	{"fa", "نرگس محمدی (Narges Mohammadi) از ۱۶ نوامبر ۲۰۲۱ در زندان اوین است."},
	{"fa", "مراقبت‌های پزشکی، می‌نویسم، نمی‌خواهم، درباره‌ی او"},
	{"fa", "جناب آقای غلامحسین محسنی اژه‌ای، رئیس قوه قضاییه"},
	{"fa", "اقدام فوری UA 115/16 برای آزادی بی‌قید و شرط ۲ زندانی"},
	{"fa", "پرونده‌ی شماره‌ی ۴۵۶۷ در دادگاه انقلاب"}, // Persian digits 4 and 7 (locl)
}

type hbGlyph struct {
	G          int `json:"g"`
	Cl         int `json:"cl"`
	Dx, Dy, Ax int
}

// hbShape shapes text with HarfBuzz's hb-shape (Debian's libharfbuzz-bin)
// in the language lang.
func hbShape(t *testing.T, font, text string, rtl bool, lang string) []hbGlyph {
	t.Helper()
	dir := "ltr"
	if rtl {
		dir = "rtl"
	}
	out, err := exec.Command("hb-shape", "--no-glyph-names", "--output-format=json", "--direction="+dir,
		"--script=arab", "--language="+lang, font, text).Output()
	if err != nil {
		t.Fatalf("hb-shape %q: %v", text, err)
	}
	var gs []hbGlyph
	if err := json.Unmarshal(out, &gs); err != nil {
		t.Fatalf("hb-shape %q: %v: %s", text, err, out)
	}
	return gs
}

func formatGlyphs(gs []hbGlyph) string {
	var b strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&b, "%d", g.G)
		if g.Dx != 0 || g.Dy != 0 {
			fmt.Fprintf(&b, "@%d,%d", g.Dx, g.Dy)
		}
		fmt.Fprintf(&b, "+%d ", g.Ax)
	}
	return b.String()
}

// TestShapeMatchesHarfBuzz checks, for each run of Arabic text that a line
// shapes in Noto Naskh Arabic, that the glyphs, advances and offsets are
// those of HarfBuzz's hb-shape on the same font file, in the letter's
// language (Persian forms for Persian); and, for the Arabic
// words of each sentence, that shaping word by word (as the layout does)
// gives the glyphs hb-shape gives for the whole of the Arabic text.
func TestShapeMatchesHarfBuzz(t *testing.T) {
	pdftest.Need(t, "hb-shape")
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	runs := 0
	for _, bold := range []bool{false, true} {
		for _, s := range shapeSentences {
			set := fontsFor(fs, s.lang)
			fc := set.regular
			font := "fonts/NotoNaskhArabic-Regular.ttf"
			if bold {
				fc, font = set.bold, "fonts/NotoNaskhArabic-Bold.ttf"
			}
			if string(fc.lang) != s.lang {
				t.Fatalf("%s letters are shaped in %q", s.lang, fc.lang)
			}
			line := fc.doLayoutLine(clean(s.text))
			var ours, theirs []hbGlyph
			for _, pc := range line.pieces {
				if pc.latin || pc.glyphs == nil {
					continue
				}
				var got []hbGlyph
				for _, g := range pc.glyphs {
					got = append(got, hbGlyph{G: int(g.ID), Dx: int(g.XOffset), Dy: int(g.YOffset), Ax: int(g.Advance)})
					if g.XOffset != float64(int(g.XOffset)) || g.YOffset != float64(int(g.YOffset)) || g.Advance != float64(int(g.Advance)) {
						t.Errorf("%q: glyph %d: position not in whole font units: %+v", pc.src, g.ID, g)
					}
				}
				want := hbShape(t, font, pc.src, pc.rtl, s.lang)
				runs++
				if a, b := formatGlyphs(got), formatGlyphs(want); a != b {
					t.Errorf("bold %v, %q:\n ours %s\n hb   %s", bold, pc.src, a, b)
				}
				if pc.rtl {
					ours = append(ours, got...)
				}
			}
			// The whole sentence, when it is all Arabic: hb-shape's glyphs
			// less its spaces.
			if strings.ContainsAny(s.text, "0123456789()ABCDEFGHIJKLMNOPQRSTUVWXYZ۰۱۲۳۴۵۶۷۸۹") {
				continue
			}
			text := []rune(clean(s.text))
			for _, g := range hbShape(t, font, string(text), true, s.lang) {
				if text[g.Cl] != ' ' {
					g.Cl = 0
					theirs = append(theirs, g)
				}
			}
			if a, b := formatGlyphs(ours), formatGlyphs(theirs); a != b {
				t.Errorf("bold %v, sentence %q word by word:\n ours %s\n hb   %s", bold, s.text, a, b)
			}
		}
	}
	t.Logf("%d sentences, %d runs compared with hb-shape", 2*len(shapeSentences), runs)
}
